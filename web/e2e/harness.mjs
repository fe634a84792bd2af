// The browser tests' harness: a demo county served on loopback, Debian's
// chromium driven by playwright-core, and a login through the form. Each
// test file runs in a process of its own with its own server.
import { after, before } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import net from 'node:net'
import { chromium } from 'playwright-core'

const here = path.dirname(fileURLToPath(import.meta.url))
export const root = path.resolve(here, '..', '..')
export const bin = path.join(root, 'build', 'fangkong')
export const artefacts = path.join(root, 'web', 'test-results')
let server
export let browser, dataDir, base
// Anything the Content-Security-Policy blocked on any page (checked at the end).
const cspViolations = []

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) })
  })
}

async function waitHealthy(url, ms = 30000) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    try { if ((await fetch(url + '/api/v1/health')).ok) return } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('server did not start')
}

// Starts the server and the browser before the file's tests, and stops them after.
export function useDemoCounty() {
  before(start)
  after(stop)
}

async function start() {
  dataDir = mkdtempSync(path.join(tmpdir(), 'fk-e2e-'))
  execFileSync(bin, ['demo', '--dir', dataDir, '--population', '3000'], { stdio: 'ignore' })
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = spawn(bin, ['serve', '--dir', dataDir, '--port', String(port), '--web', path.join(root, 'web', 'dist'), '--test-clock'], { stdio: 'ignore' })
  await waitHealthy(base)
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  })
  mkdirSync(artefacts, { recursive: true })
}

async function stop() {
  assert.deepEqual(cspViolations, [], 'the Content-Security-Policy blocked something the UI needs')
  await browser?.close()
  server?.kill('SIGTERM')
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}

// Logs in through the login form and waits for the region page.
export async function loggedIn(username) {
  const page = await browser.newPage()
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) cspViolations.push(m.text().slice(0, 200)) })
  await page.goto(base + '/')
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', 'Fangkong@2026')
  await page.click('button[type=submit]')
  // The progress map for county, township and leader users; the regions for others.
  await page.waitForSelector('[data-test=children], [data-test=ranking]')
  return page
}

