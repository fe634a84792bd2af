// The label of a code from /api/v1/codes in the current language.
export function codeLabel(list, code, locale) {
  const c = list.find((x) => x.code === code)
  return c ? (locale === 'en' ? c.en : c.zh) : code
}
