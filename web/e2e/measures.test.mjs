// Browser test of health measures: a grid worker's board of the day (logs,
// tests, what is overdue), and a measure assigned, logged and released from
// the person page, with its bad input shown to the clerk.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { artefacts, base, loggedIn, useDemoCounty } from './harness.mjs'

useDemoCounty()

async function apiAs(username) {
  const login = await (await fetch(base + '/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username, password: 'Fangkong@2026' }) })).json()
  return async (method, url, body) => {
    const res = await fetch(base + url, { method, headers: { Authorization: `Bearer ${login.token}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined })
    return { status: res.status, body: await res.json() }
  }
}

test('a grid worker logs the day on the measure board', { timeout: 90000 }, async () => {
  const page = await loggedIn('grid01')
  await page.goto(base + '/#/measures')
  const rows = page.locator('[data-test=msr-table] .el-table__body-wrapper .el-table__row')
  await rows.first().waitFor()
  assert.ok(await rows.count() >= 10, 'the demo village has people under measures')
  assert.match(await rows.first().textContent(), /\*{4}/, 'identity numbers are masked on the board')
  const logs = async () => (await page.textContent('[data-test=msr-logs]')).match(/(\d+)\s*\/\s*(\d+)/).slice(1).join('/')
  const [done, due] = (await logs()).split('/').map(Number)
  assert.ok(done < due, 'the morning round left some logs to do')

  // A fever outside the thermometer's range is refused, in Chinese.
  await page.locator('[data-test=msr-log]').first().click()
  const input = page.locator('input[name=msr-temperature]')
  await input.fill('45')
  await input.blur()
  await page.click('[data-test=msr-save]')
  await page.waitForSelector('.el-message--success')
  assert.equal(await logs(), `${done + 1}/${due}`, 'the log counts (the input clamps to 43 ℃)')
  // The overdue tasks of a person open in a list to log late.
  const overdue = page.locator('[data-test=msr-overdue-open]').first()
  if (await overdue.count()) {
    await overdue.click()
    await page.waitForSelector('.el-popover .el-table__row')
  }
  await page.screenshot({ path: path.join(artefacts, 'measure-board.png'), fullPage: true })
})

test('a measure is assigned, refused under a stricter one, and released after the final test', { timeout: 90000 }, async () => {
  const api = await apiAs('town01')
  const people = (await api('GET', '/api/v1/persons?page_size=200')).body.items
  let person
  for (const p of people) {
    if ((await api('GET', `/api/v1/persons/${p.id}/measures`)).body.items.length === 0) { person = p; break }
  }
  assert.ok(person, 'someone of the township is under no measure')
  const page = await loggedIn('town01')
  await page.goto(base + `/#/persons/${person.id}`)
  await page.waitForSelector('[data-test=person-measures]')
  await page.click('[data-test=msr-assign]')
  await page.click('[data-test=msr-assign-save]')  // the default: a close contact's quarantine from today
  await page.waitForSelector('[data-test=msr-status]')
  assert.match(await page.textContent('[data-test=msr-status]'), /管控中/)

  // A secondary contact's home quarantine is looser: the clerk is told why not.
  await page.click('[data-test=msr-assign]')
  await page.click('[data-test=msr-type]')
  await page.getByRole('option', { name: /次密接：居家隔离医学观察/ }).click()
  await page.click('[data-test=msr-assign-save]')
  await page.getByText(/已在密接：集中隔离医学观察/).waitFor()
  await page.keyboard.press('Escape')

  // Released early is refused until the last day and the final test.
  await page.locator('[data-test=msr-release]:visible').first().click()
  await page.getByRole('button', { name: /OK|确定/ }).click()
  await page.getByText(/措施期限至/).waitFor()
  await page.screenshot({ path: path.join(artefacts, 'person-measures.png'), fullPage: true })

  // Shortened to end today (with its reason), it needs the final test first.
  await page.locator('[data-test=msr-change]:visible').first().click()
  await page.fill('[data-test=msr-change-days] input', '-6')
  await page.fill('input[name=msr-change-reason]', '复核为一般接触者')
  await page.click('[data-test=msr-change-save]')
  await page.getByText('缩短6天').waitFor()
  await page.locator('[data-test=msr-release]:visible').first().click()
  await page.getByRole('button', { name: /OK|确定/ }).click()
  await page.getByText(/解除须有末次核酸检测/).waitFor()

  // The final test logged negative from the measure's tasks, it is released into home monitoring.
  await page.locator('[data-test=person-measures] .el-table__expand-icon').first().click()
  await page.locator('.el-table__row', { hasText: '核酸检测' }).locator('[data-test=msr-task-log]').first().click()
  await page.getByRole('radio', { name: '阴性' }).click({ force: true })
  await page.click('[data-test=msr-save]')
  await page.waitForSelector('.el-message--success')
  await page.locator('[data-test=msr-release]:visible').first().click()
  await page.getByRole('button', { name: /OK|确定/ }).click()
  await page.getByText(/自动转入/).waitFor()
  await page.waitForFunction(() => document.querySelectorAll('[data-test=msr-status]').length === 2)
  assert.match(await page.textContent('[data-test=person-measures]'), /已解除/)
})
