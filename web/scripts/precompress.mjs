// Writes a .br and a .gz beside every built text asset (JS, CSS, HTML, SVG,
// JSON) so the server can send them compressed without compressing on each
// request (src/api/static_files.cpp). Node's own zlib; run after vite build.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'

const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'dist')
const compressible = /\.(js|css|html|svg|json|txt)$/
let before = 0, after = 0

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) { walk(file); continue }
    if (!compressible.test(name)) continue
    const raw = readFileSync(file)
    // The county maps (8.8 MiB) at quality 9: a second, not half a minute, per build.
    const quality = dir.endsWith(`${path.sep}maps`) ? 9 : 11
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: quality } })
    writeFileSync(file + '.br', br)
    writeFileSync(file + '.gz', gzipSync(raw, { level: 9 }))
    before += raw.length
    after += br.length
  }
}

walk(dist)
console.log(`[precompress] ${(before / 1024).toFixed(0)} KiB of text assets, ${(after / 1024).toFixed(0)} KiB as brotli`)
