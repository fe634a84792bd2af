// Browser test: log in, search a person and open the person page, in Debian's
// chromium driven by playwright-core, against a real server on loopback.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { artefacts, base, bin, browser, dataDir, loggedIn, useDemoCounty } from './harness.mjs'

useDemoCounty()

test('a township officer logs in, finds a person and opens the person page', { timeout: 90000 }, async () => {
  // Pick a real person of the township through the API, as the clerk would know a name.
  const login = await (await fetch(base + '/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username: 'town01', password: 'Fangkong@2026' }) })).json()
  const list = await (await fetch(base + '/api/v1/persons?page_size=5', { headers: { Authorization: 'Bearer ' + login.token } })).json()
  const target = list.items[3]
  assert.ok(target, 'the demo township has people')

  const page = await loggedIn('town01')
  assert.match(await page.textContent('body'), /西津街道|常住人口/)
  // The session is out of scripts' reach: no token in storage, no session cookie in document.cookie.
  assert.equal(await page.evaluate(() => localStorage.getItem('fk_token')), null)
  const visible = await page.evaluate(() => document.cookie)
  assert.ok(!/fk_session/.test(visible) && /fk_csrf=/.test(visible), visible)

  await page.goto(base + '/#/persons')
  await page.fill('input[name=q]', target.name)
  await page.click('[data-test=search]')
  const row = page.locator('[data-test=persons] .el-table__row', { hasText: target.name }).first()
  await row.waitFor()
  assert.match(await row.textContent(), /\*{4}/, 'identity numbers are masked in lists')
  await row.getByRole('button').click()

  await page.waitForSelector('[data-test=person-name]')
  assert.equal((await page.textContent('[data-test=person-name]')).trim(), target.name)
  assert.equal((await page.textContent('[data-test=id-number]')).trim(), target.id_number)
  await page.waitForSelector('[data-test=dose-status]')
  assert.match(await page.textContent('[data-test=dose-status]'), /^(可接种|未到年龄)$/, 'an unvaccinated person is due or too young')
  await page.screenshot({ path: path.join(artefacts, 'person-page.png'), fullPage: true })
})

test('an export shows its progress and downloads the workbook', { timeout: 60000 }, async () => {
  const page = await loggedIn('town01')
  await page.goto(base + '/#/persons')
  await page.locator('[data-test=persons] .el-table__row').first().waitFor()
  const downloaded = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出Excel' }).click()
  const file = await downloaded
  assert.equal(file.suggestedFilename(), '人员名单.xlsx')
  const dialog = page.locator('[data-test=export-dialog]')
  assert.match(await dialog.textContent(), /Excel文件已生成/)
  assert.match(await dialog.textContent(), /([1-9][0-9,]*) \/ \1 行/, 'every row written')
  assert.match(await dialog.locator('.el-progress-bar__inner').getAttribute('style'), /width: 100%/)
  const saved = path.join(artefacts, 'export.xlsx')
  await file.saveAs(saved)
  assert.equal(readFileSync(saved).subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file')
  await page.waitForTimeout(800) // the bar's transition
  await page.screenshot({ path: path.join(artefacts, 'export-dialog.png') })
})

test('a wrong password shows a Chinese error message', { timeout: 30000 }, async () => {
  const page = await browser.newPage()
  await page.goto(base + '/#/login')
  await page.fill('input[name=username]', 'town01')
  await page.fill('input[name=password]', 'wrong-password1')
  await page.click('button[type=submit]')
  await page.waitForSelector('.el-alert')
  assert.match(await page.textContent('.el-alert'), /用户名或密码错误/)
})

// GB 11643 check character for the first 17 digits.
function withCheck(id17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...id17].reduce((s, d, i) => s + Number(d) * w[i], 0)
  return id17 + '10X98765432'[sum % 11]
}

test('a CSV import shows its progress and reports the bad row', { timeout: 60000 }, async () => {
  const good = withCheck('34188119900101' + String(100 + (Date.now() % 800)).padStart(3, '0'))
  const csv = '证件号码,姓名,现住址区划代码\r\n' + good + ',上官婉儿,341881001001\r\n' +
    '341881199001011234,错号人,341881001001\r\n'
  const page = await loggedIn('town01')
  await page.goto(base + '/#/imports')
  await page.setInputFiles('[data-test=file]', { name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.waitForFunction(() => document.querySelector('[data-test=failed]')?.textContent.trim() === '1')
  const report = await page.locator('[data-test=report]').textContent()
  assert.match(report, /错号人|341881199001011234/, 'the error report shows the bad value')
  assert.match(report, /证件号码/, 'the error report names the column')
  assert.match(report, /校验/, 'the error report states the rule in Chinese')
  await page.waitForFunction(() => /花名册\.csv[\s\S]*导入完成/.test(document.querySelector('[data-test=history]')?.textContent || ''))
  await page.waitForTimeout(800) // let the progress bar finish its animation
  await page.screenshot({ path: path.join(artefacts, 'import-report.png'), fullPage: true })
})

test('a clerk registers a person through the form, fixes a bad field and edits the record', { timeout: 60000 }, async () => {
  const id = withCheck('34188119850302' + String(100 + (Date.now() % 800)).padStart(3, '0'))
  const page = await loggedIn('town01')
  await page.goto(base + '/#/persons')
  await page.click('[data-test=new-person]')
  await page.fill('input[name=id_number]', id)
  await page.fill('input[name=name]', '欧阳明')
  await page.fill('input[name=phone]', '1391234')
  await page.click('[data-test=place]')
  await page.locator('.el-cascader-menu').first().locator('.el-cascader-node .el-radio').first().click()
  await page.keyboard.press('Escape')
  await page.click('[data-test=save]')
  const phoneError = page.locator('.el-form-item', { hasText: '手机号码' }).locator('.el-form-item__error')
  await phoneError.waitFor()
  assert.match(await phoneError.textContent(), /手机/, 'the rule is shown under the phone field')
  await page.screenshot({ path: path.join(artefacts, 'person-form-error.png') })

  await page.fill('input[name=phone]', '13912345678')
  await page.click('[data-test=save]')
  await page.waitForURL(/#\/persons\/\d+$/)
  await page.waitForFunction(() => document.querySelector('[data-test=person-name]')?.textContent === '欧阳明')

  await page.click('[data-test=edit-person]')
  await page.fill('input[name=name]', '欧阳明远')
  await page.click('[data-test=save]')
  await page.waitForFunction(() => document.querySelector('[data-test=person-name]')?.textContent === '欧阳明远')
})

test('an organisation with a wrong credit code is refused under that field', { timeout: 60000 }, async () => {
  const page = await loggedIn('town01')
  await page.goto(base + '/#/organisations')
  await page.waitForSelector('[data-test=organisations] .el-table__row')
  // Places by name, as a clerk knows them, not by code.
  const place = await page.textContent('[data-test=org-place]')
  assert.match(place, /^西津街道/)
  await page.click('[data-test=new-org]')
  await page.fill('input[name=org-name]', '西津冷链仓储有限公司')
  await page.fill('input[name=credit-code]', '91341881MA2XYW1230')
  await page.click('[data-test=save-org]')
  const err = page.locator('[data-test=org-form] .el-form-item', { hasText: '统一社会信用代码' }).locator('.el-form-item__error')
  await err.waitFor()
  assert.match(await err.textContent(), /校验位/)
  await page.screenshot({ path: path.join(artefacts, 'organisation-form-error.png') })
  await page.click('[data-test=org-form] .el-dialog__footer button:first-child')

  // An edit starts from the stored fields and shows in the table once saved.
  const rename = async (from, to) => {
    const row = page.locator('[data-test=organisations] .el-table__row', { hasText: from }).first()
    await row.locator('[data-test=edit-org]').click()
    const name = page.locator('[data-test=org-form] input[name=org-name]')
    await page.waitForFunction((n) => document.querySelector('[data-test=org-form] input[name=org-name]')?.value === n, from)
    await name.fill(to)
    await page.click('[data-test=save-org]')
    await page.locator('[data-test=organisations] .el-table__row', { hasText: to }).first().waitFor()
    await page.locator('[data-test=org-form]').waitFor({ state: 'hidden' })
  }
  const first = (await page.locator('[data-test=organisations] .el-table__row td').first().textContent()).trim()
  await rename(first, first + '（更名）')
  await page.screenshot({ path: path.join(artefacts, 'organisation-edited.png') })
  await rename(first + '（更名）', first)
})

// Calls the API as `username` (for test set-up that is not what the test is about).
async function apiAs(username, method, url, body) {
  const login = await fetch(base + '/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'Fangkong@2026' }) })
  const { token } = await login.json()
  const res = await fetch(base + url, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined })
  return res.json()
}

test('a person is booked, checked in, screened, vaccinated, observed and released at the site console', { timeout: 120000 }, async () => {
  // Someone of the first township the demo's history left unvaccinated.
  const due = await apiAs('admin', 'GET', '/api/v1/mobilisation?kind=unvaccinated&region=341881001')
  const pick = due.items.find((x) => x.birth_date < '1990-01-01' && !x.follow_up)
  assert.ok(pick, 'the demo township has an unvaccinated adult')
  const person = await apiAs('admin', 'GET', `/api/v1/persons/${pick.person_id}?full=1`)
  const page = await loggedIn('site01')

  await page.goto(base + '/#/appointments')
  await page.waitForSelector('[data-test=slots] .el-table__row')
  await page.fill('input[name=booking-id]', person.id_number)
  await page.locator('[data-test=book]:not([disabled])').first().click()
  await page.waitForSelector('[data-test=booking-done]')
  assert.match(await page.textContent('[data-test=booking-done]'), new RegExp(person.name))

  await page.goto(base + '/#/console')
  await page.waitForSelector('input[name=checkin-id]')
  await page.fill('input[name=checkin-id]', person.id_number)
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => document.querySelector('[data-test=visit-state]')?.textContent.includes('已登记'))
  await page.fill('input[name=temperature]', '36.5')
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => document.querySelector('[data-test=visit-state]')?.textContent.includes('已预检'))
  await page.click('[data-test=consent-btn]')
  await page.waitForFunction(() => document.querySelector('[data-test=visit-state]')?.textContent.includes('已知情同意'))
  await page.fill('input[name=trace-code]', '8100000000' + String(Date.now()).slice(-10))
  await page.fill('input[name=lot-number]', '2026C1108')
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => document.querySelector('[data-test=visit-state]')?.textContent.includes('留观中'))
  const countdown = page.locator('[data-test=board] [data-test=countdown]').first()
  await countdown.waitFor()
  const shown = await countdown.textContent()
  assert.match(shown, /^(30:00|29:[0-5]\d)$/, 'the observation countdown starts at 30 minutes, shows ' + shown)
  assert.equal(await page.locator('[data-test=release]').first().isDisabled(), true, 'release waits for the observation')
  await page.screenshot({ path: path.join(artefacts, 'console-observation.png'), fullPage: true })

  await apiAs('admin', 'POST', '/api/v1/test/clock', { advance_seconds: 1800 })
  await page.reload()
  await page.waitForFunction(() => document.querySelector('[data-test=board] [data-test=countdown]')?.textContent === '00:00')
  await page.locator('[data-test=release]').first().click()
  await page.waitForFunction(() => !document.querySelector('[data-test=board] [data-test=countdown]'))
  const history = await apiAs('admin', 'GET', `/api/v1/persons/${person.id}/next-dose`)
  assert.equal(history.history.length, 1, 'the dose is on the record')
  assert.equal(history.history[0].product, 'CoronaVac')

  // The printable record lists the dose and carries a QR code.
  await page.goto(base + `/#/persons/${person.id}/certificate`)
  await page.waitForSelector('[data-test=certificate-qr][src^="data:image/png"]')
  assert.match(await page.textContent('[data-test=certificate-doses]'), /CoronaVac/)
  await page.screenshot({ path: path.join(artefacts, 'certificate.png'), fullPage: true })

  // The lot's recall list names the dose just given.
  await page.goto(base + '/#/stock')
  await page.waitForSelector('[data-test=stock-table] .el-table__row')
  await page.getByRole('tab', { name: '批号追溯' }).click()
  await page.fill('input[name=trace-lot]', '2026C1108')
  await page.click('[data-test=trace]')
  await page.waitForSelector('[data-test=trace-table] .el-table__row')
  assert.match(await page.textContent('[data-test=trace-table]'), new RegExp(person.name))
  await page.screenshot({ path: path.join(artefacts, 'lot-trace.png'), fullPage: true })

  // An adverse event against that dose, reported from the person page: anaphylaxis is serious and alerts the county.
  await page.goto(base + `/#/persons/${person.id}`)
  await page.locator('[data-test=report-aefi]').first().click()
  const dialog = page.locator('.el-dialog', { hasText: '报告异常反应' })
  await dialog.waitFor()
  const onset = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ')
  const onsetInput = dialog.locator('.el-date-editor input')
  await onsetInput.fill(onset)
  await onsetInput.press('Enter')
  await dialog.getByText('过敏性休克').click()
  await dialog.locator('[data-test=aefi-save]').click()
  await page.waitForSelector('.el-message--success')
  const admin = await loggedIn('admin')
  await admin.goto(base + '/#/safety')
  await admin.waitForSelector('[data-test=aefi-table] .el-table__row')
  assert.match(await admin.textContent('[data-test=aefi-table]'), new RegExp(person.name))
  assert.match(await admin.textContent('[data-test=alerts]'), /严重疑似预防接种异常反应/)
  await admin.screenshot({ path: path.join(artefacts, 'aefi-alert.png'), fullPage: true })
})

test('a township works its unvaccinated list: a refusal with a note accounts for the person', { timeout: 90000 }, async () => {
  const page = await loggedIn('town01')
  await page.goto(base + '/#/mobilisation')
  await page.waitForSelector('[data-test=mob-table] .el-table__row')
  const outstanding = async () => Number((await page.textContent('[data-test=mob-outstanding] .el-statistic__number')).replace(/,/g, ''))
  const before = await outstanding()
  assert.ok(before > 0, 'the demo township has people to bring in')
  await page.locator('[data-test=mob-follow]').first().click()
  const dialog = page.locator('.el-dialog', { hasText: '随访登记' })
  await dialog.waitFor()
  // Choose the result; the dropdown animates open, so retry until the select shows it.
  for (let i = 0; i < 5 && !(await dialog.locator('.el-select', { hasText: '拒绝接种' }).count()); i++) {
    await dialog.locator('.el-select').click()
    const option = page.locator('.el-select-dropdown__item:visible', { hasText: '拒绝接种' })
    // A click that lands while the list closes again is retried by reopening it.
    await option.click({ timeout: 3000 }).catch(() => {})
    await page.waitForTimeout(200)
  }
  await dialog.locator('.el-select', { hasText: '拒绝接种' }).waitFor()
  await dialog.locator('[data-test=mob-save]').click()
  // A refusal needs a note: the form says so under the field.
  await dialog.locator('.el-form-item__error').waitFor()
  await dialog.locator('textarea[name=mob-note]').fill('本人表示暂不考虑接种')
  await dialog.locator('[data-test=mob-save]').click()
  await page.waitForSelector('.el-message--success')
  await page.waitForFunction(async (n) => {
    const el = document.querySelector('[data-test=mob-outstanding] .el-statistic__number')
    return el && Number(el.textContent.replace(/,/g, '')) === n
  }, before - 1)
  // The pager walks the whole list on the server, a page at a time.
  const number = async (sel) => Number((await page.textContent(sel)).replace(/\D/g, ''))
  const total = await number('[data-test=mob-total] .el-statistic__number')
  assert.equal(await number('[data-test=mob-pages] .el-pagination__total'), total)
  assert.ok(total > 50, 'the township list fills more than one page')
  const firstRow = await page.textContent('[data-test=mob-table] .el-table__row')
  assert.match(firstRow, /街道|镇|乡/, 'a row names its place, not its code')
  const second = page.waitForResponse((r) => r.url().includes('/api/v1/mobilisation?') && r.url().includes('offset=50'))
  await page.locator('[data-test=mob-pages] .btn-next').click()
  assert.equal((await (await second).json()).items.length, Math.min(50, total - 50))
  await page.waitForFunction((text) => document.querySelector('[data-test=mob-table] .el-table__row')?.textContent !== text, firstRow)
  await page.screenshot({ path: path.join(artefacts, 'mobilisation.png'), fullPage: true })
})

test('a logger file with a warm spell holds the lots of a fridge until the county releases them', { timeout: 90000 }, async () => {
  const page = await loggedIn('admin')
  await page.goto(base + '/#/cold-chain')
  await page.waitForSelector('[data-test=cc-add]:not([disabled])')
  await page.click('[data-test=cc-add]')
  await page.fill('input[name=cc-code]', 'E2E-01')
  await page.click('[data-test=cc-add-save]')
  const row = page.locator('[data-test=cc-fridges] .el-table__row', { hasText: 'E2E-01' })
  await row.waitFor()
  let csv = '时间,温度(℃)\n'
  for (let m = 0; m < 120; m += 5) {
    const c = m >= 30 && m <= 75 ? '10.5' : '4.5'
    csv += `2026-11-20 ${String(8 + Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')},${c}\n`
  }
  await row.locator('input[type=file]').setInputFiles({ name: 'logger.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.waitForSelector('[data-test=cc-upload-report]')
  assert.match(await page.textContent('[data-test=cc-upload-report]'), /新增暂停使用/)
  await page.waitForSelector('[data-test=cc-release]')
  await page.screenshot({ path: path.join(artefacts, 'cold-chain-hold.png'), fullPage: true })
  const held = await page.locator('[data-test=cc-release]').count()
  await page.locator('[data-test=cc-release]').first().click()
  const dialog = page.locator('.el-dialog', { hasText: '评估解除' })
  await dialog.locator('textarea[name=cc-release-reason]').fill('超温45分钟，在厂家稳定性数据范围内')
  await dialog.locator('[data-test=cc-release-save]').click()
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=cc-release]').length === n - 1, held)
})

test('a township accepts a transfer out and asks for a person of another township', { timeout: 90000 }, async () => {
  const token = async (username) => (await (await fetch(base + '/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username, password: 'Fangkong@2026' }) })).json())
  const town2 = await token('town02')
  const admin = await token('admin')
  const there = await (await fetch(base + `/api/v1/persons?region=${town2.user.region_code}&page_size=30&full=1`, { headers: { Authorization: 'Bearer ' + admin.token } })).json()
  const wanted = there.items[there.items.length - 1]

  const page = await loggedIn('town01')
  await page.goto(base + '/#/transfers')
  const rows = page.locator('[data-test=transfers] .el-table__row')
  await rows.first().waitFor()
  const waiting = await rows.count()
  assert.ok(waiting >= 1, 'the demo has transfers waiting for township 1')
  assert.doesNotMatch(await rows.first().textContent(), /\*/, 'township 1 sees its own people in full')
  await rows.first().locator('[data-test=accept-transfer]').click()
  await page.waitForSelector('.el-message--success')
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=transfers] .el-table__row').length === n, waiting - 1)

  await page.click('[data-test=ask-transfer]')
  const form = page.locator('[data-test=transfer-form]')
  await form.locator('input[name=transfer-id-number]').fill(wanted.id_number)
  await form.locator('[data-test=lookup-person]').click()
  const found = form.locator('[data-test=found-person]')
  await found.waitFor()
  assert.match(await found.textContent(), /\*.*现登记于/, 'a person of another township is shown masked')
  await form.locator('[data-test=transfer-place]').click()
  await page.locator('.el-cascader-menu').first().locator('.el-cascader-node .el-radio').first().click()
  await page.keyboard.press('Escape')
  await form.locator('input[name=transfer-reason]').fill('购房迁入')
  await form.locator('[data-test=submit-transfer]').click()
  await page.waitForSelector('.el-message--success >> text=等待现登记地确认')
  const asked = page.locator('[data-test=transfers] .el-table__row', { hasText: '购房迁入' }).first()
  await asked.waitFor()
  assert.match(await asked.textContent(), /待确认/)
  await asked.locator('[data-test=cancel-transfer]').waitFor()
  await form.waitFor({ state: 'hidden' })
  await page.screenshot({ path: path.join(artefacts, 'transfers.png'), fullPage: true })
})

test('the login page and the home dashboard transfer under 1 MB, compressed', { timeout: 60000 }, async () => {
  const context = await browser.newContext()  // nothing cached
  const page = await context.newPage()
  const sizes = []
  page.on('requestfinished', async (request) => {
    const response = await request.response()
    const s = await request.sizes()
    sizes.push({ url: request.url(), bytes: s.responseBodySize + s.responseHeadersSize, encoding: response?.headers()['content-encoding'] || '' })
  })
  await page.goto(base + '/')
  await page.fill('input[name=username]', 'town01')
  await page.fill('input[name=password]', 'Fangkong@2026')
  await page.click('button[type=submit]')
  await page.waitForSelector('[data-test=ranking] .el-table__row')
  await page.waitForLoadState('networkidle')
  const total = sizes.reduce((n, s) => n + s.bytes, 0)
  const scripts = sizes.filter((s) => /\.(js|css)$/.test(new URL(s.url).pathname))
  assert.ok(scripts.length > 0)
  for (const s of scripts) assert.equal(s.encoding, 'br', `${s.url} is sent precompressed`)
  console.log(`# login and home: ${sizes.length} requests, ${(total / 1024).toFixed(0)} KiB transferred`)
  assert.ok(total < 1024 * 1024, `login and home transfer ${total} bytes`)
  await context.close()
})

test('the county drills down the progress map and adjusts a township\'s task book', { timeout: 90000 }, async () => {
  const page = await loggedIn('admin')
  // The home page: the campaign's running (or last) phase, townships ranked by completion.
  await page.waitForSelector('[data-test=ranking] .el-table__row')
  await page.waitForSelector('[data-test=map] canvas')
  const first = page.locator('[data-test=ranking] .el-table__row').first()
  const township = (await first.locator('td').nth(1).textContent()).trim()
  assert.ok((await page.locator('[data-test=ranking] .el-table__row').count()) > 5, 'every township is ranked')
  assert.match(await page.textContent('[data-test=stat-completion]'), /%/)
  // Coverage by age band of the county, whatever the campaign: five bands, the oldest covered.
  await page.waitForFunction(() => document.querySelectorAll('[data-test=age-bands] .el-table__row').length === 5)
  const bands = await page.locator('[data-test=age-bands] .el-table__row').allTextContents()
  assert.match(bands[0], /^3-11/)
  assert.match(bands[3], /^60\+/)
  const covered = (await page.locator('[data-test=age-bands] .el-table__row').nth(3).locator('td').nth(3).textContent()).trim()
  assert.ok(parseFloat(covered) > 0, `the 60+ are covered: ${covered}`)
  await page.screenshot({ path: path.join(artefacts, 'progress-county.png'), fullPage: true })
  // Ranked by department: the county's bureaus answer for their industries' employees.
  await page.click('[data-test=rank-by-department]')
  await page.waitForFunction(() => /局/.test(document.querySelector('[data-test=ranking] .el-table__row')?.textContent || ''))
  await page.screenshot({ path: path.join(artefacts, 'progress-departments.png'), fullPage: true })
  await page.click('[data-test=rank-by] label:first-child, [data-test=rank-by] .el-radio-button:first-child')
  await page.waitForFunction((name) => [...document.querySelectorAll('[data-test=ranking] .el-table__row')].some((r) => r.textContent.includes(name)), township)
  // Down to the township's villages: the breadcrumb names it.
  await first.click()
  await page.waitForFunction((name) => document.querySelector('.el-breadcrumb')?.textContent.includes(name), township)
  await page.waitForSelector('[data-test=ranking] .el-table__row')
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(800)  // the map's transition
  await page.waitForFunction((name) => document.querySelector('[data-test=age-bands] .el-card__header')?.textContent.includes(name), township)
  await page.screenshot({ path: path.join(artefacts, 'progress-township.png'), fullPage: true })

  // The task book of the first phase: move one person's target between two units.
  await page.goto(base + '/#/task-book')
  await page.waitForSelector('[data-test=task-rows] .el-table__row')
  await page.click('[data-test=edit]')
  const inputs = page.locator('[data-test=task-rows] input')
  const a = Number(await inputs.nth(0).inputValue())
  const b = Number(await inputs.nth(1).inputValue())
  await inputs.nth(0).fill(String(a + 1))
  await inputs.nth(0).blur()
  assert.ok(await page.locator('[data-test=save-version]').isDisabled(), 'the sum no longer matches')
  await inputs.nth(1).fill(String(b - 1))
  await inputs.nth(1).blur()
  await page.click('[data-test=save-version]')
  await page.waitForFunction(() => document.querySelector('[data-test=version]')?.textContent.includes('第1版'))
  const row = page.locator('[data-test=task-rows] .el-table__row').first()
  assert.match(await row.textContent(), new RegExp((a + 1).toLocaleString()))
  await page.screenshot({ path: path.join(artefacts, 'task-book.png'), fullPage: true })
  // The second phase (July to December 2021): its own months, its own split.
  assert.doesNotMatch(await page.textContent('[data-test=task-rows] thead'), /2021-12/)
  await page.click('[data-test=phase]')
  await page.locator('.el-select-dropdown__item:visible').nth(1).click()
  await page.waitForFunction(() => /2021-12/.test(document.querySelector('[data-test=task-rows] thead')?.textContent))
  assert.match(await page.textContent('[data-test=version]'), /按人口比例分解/)
  await page.close()
})

test('the daily report ranks the townships, flags the lagging and prints', { timeout: 60000 }, async () => {
  const page = await loggedIn('leader')
  await page.goto(base + '/#/daily-report')
  // The demo froze a report each evening of the first phase; the newest is shown.
  await page.waitForSelector('[data-test=report-rows] .el-table__row')
  assert.match(await page.textContent('[data-test=report-day]'), /2021-06-30/)
  const rows = page.locator('[data-test=report-rows] .el-table__row')
  assert.ok((await rows.count()) > 5)
  assert.equal((await rows.first().locator('td').first().textContent()).trim().split(/\s|↑|↓/)[0], '1')
  assert.match(await page.textContent('[data-test=daily-report]'), /滞后单位\d+个/)
  // Printed: the sheet alone.
  await page.emulateMedia({ media: 'print' })
  assert.equal(await page.locator('.top').isVisible(), false, 'no menu on paper')
  await page.screenshot({ path: path.join(artefacts, 'daily-report-print.png'), fullPage: true })
  await page.emulateMedia({ media: 'screen' })
  await page.close()
})

test('the backward schedule names the shortfalls and the optimised split saves days', { timeout: 60000 }, async () => {
  const page = await loggedIn('admin')
  await page.goto(base + '/#/schedule')
  await page.waitForSelector('[data-test=feasibility] .el-table__row')
  // The demo's first phase a month before its end: units behind say by how much, in words.
  assert.match(await page.textContent('[data-test=feasibility]'), /每日需接种[\d,]+剂次|可按期完成/)
  await page.click('[data-test=allocate]')
  await page.waitForSelector('[data-test=allocation]')
  assert.match(await page.textContent('[data-test=allocation]'), /求解\d+个线性规划/)
  await page.screenshot({ path: path.join(artefacts, 'schedule.png'), fullPage: true })
  await page.close()
})

test('the county sets up a campaign; a target above 100% is refused under its field', { timeout: 60000 }, async () => {
  const page = await loggedIn('admin')
  await page.goto(base + '/#/campaigns')
  // The list arrives after the page: wait for the demo campaign's phases.
  await page.waitForFunction(() => /第二步：60岁以上老年人和慢性病患者/.test(document.querySelector('[data-test=campaigns]')?.textContent || ''))
  await page.click('[data-test=new-campaign]')
  await page.fill('input[data-test=campaign-name]', '加强免疫专项行动')
  await page.fill('input[data-test=phase-name-0]', '加强针')
  const dates = page.locator('.phase .el-date-editor input')
  for (const [k, day] of [[0, '2022-03-01'], [1, '2022-06-30']]) {
    await dates.nth(k).fill(day)
    await dates.nth(k).press('Enter')
  }
  await page.fill('input[data-test=target-0]', '120')
  await page.click('[data-test=save-campaign]')
  await page.waitForSelector('[data-test=campaign-error]')
  assert.match(await page.textContent('.el-dialog'), /目标比例超过100%/)
  await page.fill('input[data-test=target-0]', '60')
  await page.click('[data-test=save-campaign]')
  await page.waitForFunction(() => document.querySelector('[data-test=campaigns]').textContent.includes('加强免疫专项行动'))
  await page.screenshot({ path: path.join(artefacts, 'campaigns.png'), fullPage: true })
  // The demo campaign's second phase (60+ and the chronically ill) counted again.
  await page.locator('[data-test=recount]').first().click()
  await page.locator('.el-message--success', { hasText: '目标人群已重新统计' }).waitFor()
  assert.match(await page.locator('.el-message--success', { hasText: '目标人群已重新统计' }).textContent(), /[\d,]+ → [\d,]+ 人/)
  await page.close()
})

test('a township enters a dose given elsewhere, corrects its day and voids it', { timeout: 90000 }, async () => {
  const due = await apiAs('town01', 'GET', '/api/v1/mobilisation?kind=unvaccinated&region=341881001')
  const pick = due.items.find((x) => x.birth_date < '1980-01-01')
  assert.ok(pick, 'the demo township has an unvaccinated adult')
  const page = await loggedIn('town01')
  await page.goto(base + `/#/persons/${pick.person_id}`)
  await page.waitForSelector('[data-test=dose-status]')
  await page.click('[data-test=dose-back-entry]')
  const dialog = page.locator('.el-dialog', { hasText: '补录接种' })
  await dialog.waitFor()
  // Saved with no source: the form says so under the field.
  for (let i = 0; i < 5 && !(await dialog.locator('.el-select', { hasText: 'CoronaVac' }).count()); i++) {
    await dialog.locator('.el-select').click()
    const option = page.locator('.el-select-dropdown__item:visible', { hasText: 'CoronaVac' })
    await option.waitFor()
    await option.click()
    await page.waitForTimeout(200)
  }
  await dialog.locator('.el-date-editor input').fill('2021-03-15')
  await dialog.locator('.el-date-editor input').press('Enter')
  await dialog.locator('[data-test=dose-save]').click()
  await dialog.locator('.el-form-item__error', { hasText: '凭证' }).waitFor()
  await dialog.locator('input[data-test=dose-source]').fill('外县接种点，凭接种证补录')
  await dialog.locator('[data-test=dose-save]').click()
  await page.waitForSelector('.el-message--success')
  // The campaign began in April: the clerk is told the dose counts from its day.
  await page.waitForSelector('.el-message--warning')
  const entries = page.locator('[data-test=dose-entries]')
  await entries.waitFor()
  assert.match(await entries.textContent(), /补录[\s\S]*2021-03-15[\s\S]*外县接种点/)
  assert.match(await page.textContent('[data-test=next-dose]'), /2021-03-15/)

  // The day was mistyped: corrected, with a reason.
  await page.locator('[data-test=dose-correct]').first().click()
  const fix = page.locator('.el-dialog', { hasText: '更正' })
  await fix.waitFor()
  await fix.locator('.el-date-editor input').fill('2021-03-16')
  await fix.locator('.el-date-editor input').press('Enter')
  await fix.locator('input[data-test=dose-reason]').fill('接种日期录错')
  await fix.locator('[data-test=dose-save]').click()
  await page.waitForFunction(() => /更正/.test(document.querySelector('[data-test=dose-entries]')?.textContent || ''))
  assert.match(await page.textContent('[data-test=next-dose]'), /2021-03-16/)
  await page.screenshot({ path: path.join(artefacts, 'dose-entries.png'), fullPage: true })

  // Entered for the wrong person after all: voided.
  await page.locator('[data-test=dose-void]').first().click()
  const drop = page.locator('.el-dialog', { hasText: '作废' })
  await drop.waitFor()
  await drop.locator('input[data-test=dose-reason]').fill('录错受种者')
  await drop.locator('[data-test=dose-save]').click()
  await page.waitForFunction(() => /作废/.test(document.querySelector('[data-test=dose-entries]')?.textContent || ''))
  const history = await apiAs('town01', 'GET', `/api/v1/persons/${pick.person_id}/dose-entries`)
  assert.deepEqual(history.items.map((e) => e.kind), ['void', 'correction', 'back_entry'])
  await page.close()
})

test('a city user sees its counties on the map, coloured by completion', { timeout: 90000 }, async () => {
  // A city-wide administrator and a campaign of the city (宣城市): its
  // counties drawn from their boundaries, the demo county among them.
  execFileSync(bin, ['user', '--dir', dataDir, 'city01', '--password', 'Fangkong@2026', '--region', '3418'], { stdio: 'ignore' })
  const made = await apiAs('city01', 'POST', '/api/v1/campaigns', {
    name: '宣城市新冠疫苗接种', region_code: '3418',
    phases: [{ name: '第一步', start: '2021-04-01', end: '2021-06-30', dose: 'first', target_kind: 'share_of_residents', target: 40 }],
  })
  assert.ok(made.id, JSON.stringify(made))
  const page = await loggedIn('city01')
  await page.goto(base + `/#/progress?campaign=${made.id}&phase=1&date=2021-06-30`)
  await page.waitForSelector('[data-test=map][data-shape=counties] canvas')
  await page.waitForSelector('[data-test=ranking] .el-table__row')
  assert.match(await page.textContent('[data-test=ranking]'), /宁国市/)
  await page.waitForTimeout(800)
  await page.screenshot({ path: path.join(artefacts, 'progress-city-counties.png'), fullPage: true })
  await page.close()
})

test('the county administrator\'s pages fit a 1366 × 768 office screen: no sideways scrolling', { timeout: 60000 }, async () => {
  const page = await loggedIn('admin')
  for (const width of [1366, 1280]) {
    await page.setViewportSize({ width, height: 768 })
    for (const route of ['/progress', '/mobilisation', '/persons']) {
      await page.goto(base + '/#' + route)
      await page.waitForSelector('.el-main .el-card')
      await page.waitForTimeout(300)
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(wide <= 0, `${route} at ${width} px is ${wide} px wider than the screen`)
    }
  }
  // Every menu stays within reach: the items that do not fit fold under "…".
  await page.locator('.nav .el-sub-menu.el-sub-menu__hide-arrow').hover()
  await page.locator('.el-menu--popup .el-menu-item', { hasText: '用户管理' }).waitFor()
  await page.screenshot({ path: path.join(artefacts, 'menu-folded-1280.png') })
  await page.close()
})
