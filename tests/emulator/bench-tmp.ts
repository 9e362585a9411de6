import { createCloudStore } from '../../server/store/cloud/cloud-store'
import { townWithVoters } from '../helpers/factories'
import { vote } from '../unit/server/store/contract/campaigns-fixtures'
import { freshEnvironment, sharedEmulator } from './harness'
async function main() {
  const N = Number(process.argv[2] ?? 50)
  const e = await freshEnvironment()
  let retries = 0
  const store = createCloudStore(e.db, { attempts: 10, baseMs: 20, capMs: 1000, random: Math.random, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), onRetry: () => retries++ })
  let t = performance.now()
  await store.importSnapshot(townWithVoters(N, 1, 'rush'))
  console.log('import ms', (performance.now() - t).toFixed(0))
  t = performance.now()
  let maxLag = 0; let last = performance.now()
  const timer = setInterval(() => { const now = performance.now(); maxLag = Math.max(maxLag, now - last - 50); last = now }, 50)
  const out = await Promise.allSettled(Array.from({ length: N }, (_, i) => store.campaigns.castVote(vote(`u-rush-${i}`, `hh-rush-${i}`, { nominationId: 'nom-town-1' }))))
  clearInterval(timer)
  console.log(N, 'votes ms', (performance.now() - t).toFixed(0), 'ok', out.filter((o) => o.status === 'fulfilled').length, 'stats', e.transactionStats(), 'wrapper retries', retries, 'max loop lag', maxLag.toFixed(0))
  const counts = (await sharedEmulator()).emulator.actionCounts()
  console.log([...counts].map(([k, v]) => `${k}=${v}`).join(' '))
}
main()
