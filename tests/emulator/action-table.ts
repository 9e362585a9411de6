// Sums the action counts test files left in EMULATOR_ACTIONS_DIR (tests/setup/emulator-actions.ts)
// and prints them as a table: which SDK actions the cloud Store adapter uses, and how often.
//   EMULATOR_ACTIONS_DIR=/tmp/actions npx vitest run --project api-cloud
//   npx tsx tests/emulator/action-table.ts /tmp/actions
import fs from 'node:fs'
import path from 'node:path'

const dir = process.argv[2] ?? process.env.EMULATOR_ACTIONS_DIR
if (!dir) throw new Error('usage: tsx tests/emulator/action-table.ts <dir>')
const total = new Map<string, number>()
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'))
for (const f of files)
  for (const [action, n] of Object.entries(
    JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Record<string, number>,
  ))
    total.set(action, (total.get(action) ?? 0) + n)
const rows = [...total].sort((a, b) => b[1] - a[1])
const width = Math.max(...rows.map(([a]) => a.length), 6)
process.stdout.write(`${files.length} test files\n${'action'.padEnd(width)}  calls\n`)
for (const [action, n] of rows) process.stdout.write(`${action.padEnd(width)}  ${n}\n`)
process.stdout.write(`${'total'.padEnd(width)}  ${rows.reduce((s, [, n]) => s + n, 0)}\n`)
