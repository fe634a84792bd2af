// The place cascader over the signed-in user's subtree (townships, villages,
// grids), loaded one level at a time from the region API.
import { api } from './api.js'
import { session } from './session.js'

export function placeCascaderProps(extra = {}) {
  return {
    lazy: true,
    ...extra,
    async lazyLoad(node, resolve) {
      const code = node.level === 0 ? session.user.region_code : node.value
      try {
        const r = await api('GET', '/api/v1/regions/' + code)
        resolve(r.children.map((c) => ({ value: c.code, label: c.name, leaf: c.code.length >= 15 })))
      } catch {
        resolve([])
      }
    },
  }
}
