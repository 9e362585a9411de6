import { CloudDatabase } from '../emulator/database'
import { openCountyTown, countyCalls, warm, measure, COUNTY_CALLERS } from '../helpers/county-town'
const NOW = Date.parse('2026-12-04T22:30:00+08:00')
let log: string[] | null = null
const orig = CloudDatabase.prototype.handle
CloudDatabase.prototype.handle = function (action, p) {
  if (log) log.push(`${action.replace('database.', '')}:${p.collectionName ?? ''}${p.queryType ? ' ' + p.queryType : ''}${p.query && p.queryType === 'WHERE' ? ' ' + String(p.query).slice(0, 80) : ''}`)
  return orig.call(this, action, p)
}
async function main() {
  const only = process.argv[3]?.split(',')
  const town = await openCountyTown(Number(process.argv[2]), NOW)
  await warm(town)
  const calls = await countyCalls(town)
  for (const c of calls) {
    if (only && !only.includes(c.action)) continue
    log = []
    const r = await measure(town, c.action, c.input, COUNTY_CALLERS[c.as], c.key)
    console.log(`== ${c.action} ${r.requests} ${r.ok}`)
    for (const l of log) console.log('   ', l)
    log = null
  }
  process.exit(0)
}
void main()
