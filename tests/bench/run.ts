// `npm run bench`: runs every tests/bench/*.bench.ts in turn, each in its own process so
// that one benchmark's warm caches and garbage do not colour the next one's numbers.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const dir = __dirname
// `npm run bench -- campaign --profile`: the name picks benchmarks, what follows goes to them.
const only = process.argv[2]
const rest = process.argv.slice(3)
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort()

let failed = 0
for (const bench of benches) {
  console.log(`\n== ${bench}`)
  const tsx = path.resolve(dir, '../../node_modules/.bin/tsx')
  const result = spawnSync(tsx, [path.join(dir, bench), ...rest], { stdio: 'inherit' })
  if (result.status !== 0) failed++
}
if (benches.length === 0) console.log('没有找到基准测试')
process.exit(failed ? 1 : 0)
