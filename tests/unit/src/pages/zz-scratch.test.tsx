import { startTestApi, type PageTestApi } from '../../../helpers/api-server'

let api: PageTestApi
beforeAll(async () => { api = await startTestApi() })
afterAll(async () => { await api.close() })
it('scratch', async () => {
  const out = (x: unknown) => process.stderr.write(JSON.stringify(x, null, 1).slice(0, 3000) + '\n')
  const c = await api.data('campaigns.list', {})
  out(c.items.map((i) => [i.title, i.phase, i.village]))
  out(await api.data('columns.list'))
  const n = await api.data('notices.list', { limit: 30 })
  out(n.items.map((i) => [i.title, i.column.name, i.pinned, i.publishedAt, i.villages.length]))
  const r = await api.data('board.rounds', {})
  out(r.items)
  const t = await api.loginAs('demo-resident-1')
  out(await api.data('me.get', {}, t))
  const rk = await api.data('board.ranking', { roundId: r.items[0]!.id }, t)
  out({ ...rk, red: rk.red.slice(0, 3), black: rk.black?.slice(0, 3) })
  const rv = await api.data('board.ranking', { roundId: r.items[0]!.id })
  out({ ...rv, red: rv.red.slice(0, 3), black: rv.black?.slice(0, 3) })
})
