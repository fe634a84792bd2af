// Calls the Fangkong API; errors carry the server's structured error so pages
// can show message_zh to the clerk. The session is an HttpOnly cookie the
// browser sends by itself and no script can read; every change also sends
// the CSRF token from the readable fk_csrf cookie, which a page of another
// site cannot see.
function cookie(name) {
  const m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'))
  return m ? decodeURIComponent(m[1]) : ''
}

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `HTTP ${status}`)
    this.status = status
    this.error = error || {}
  }
}

// Whether a session cookie is there (it may still have ended on the server:
// the first 401 then leads to the login page).
export const hasSession = () => !!cookie('fk_csrf')

export async function api(method, path, body, opts = {}) {
  const headers = {}
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = cookie('fk_csrf')
  let payload
  if (body instanceof FormData) {
    payload = body // the browser sets multipart/form-data with its boundary
  } else if (body instanceof Blob || typeof body === 'string') {
    payload = body
    headers['Content-Type'] = opts.contentType || 'text/csv'
  } else if (body !== undefined) {
    payload = JSON.stringify(body)
    headers['Content-Type'] = 'application/json'
  }
  const res = await fetch(path, { method, headers, body: payload })
  if (res.status === 401 && path !== '/api/v1/auth/login') window.location.hash = '#/login'
  if (opts.blob && res.ok) return res.blob()
  const text = await res.text()
  const data = text ? JSON.parse(text) : null
  if (!res.ok) throw new ApiError(res.status, data?.error)
  return data
}

// The rule broken, in the clerk's language, without the field and value.
export function errorMessage(e, locale) {
  if (!(e instanceof ApiError)) return String(e)
  return locale === 'en' ? e.error.message : e.error.message_zh || e.error.message
}

export function errorText(e, locale) {
  if (e instanceof ApiError) {
    const msg = errorMessage(e, locale)
    return e.error.field ? `${msg}（${e.error.field}${e.error.value ? ': ' + e.error.value : ''}）` : msg
  }
  return String(e)
}

// Fetches a file within the session and hands it to the browser as a download.
export async function download(path, filename) {
  const blob = await api('GET', path, undefined, { blob: true })
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 10000)
}

// "2026-11-24 08:05" in Beijing time for an ISO instant from the API.
export function beijingTime(iso) {
  if (!iso) return ''
  return new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ')
}

// Today's date on the Beijing calendar.
export function beijingToday() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}
