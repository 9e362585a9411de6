// Roster import at township scale: a 4,000-household .xlsx over 10 villages, parsed, planned
// and committed into a fresh SQLite file, then imported again (which must change nothing).
// Run: npx tsx tests/bench/roster-import.bench.ts   Target: under 10 s in all.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { readRosterFile, writeRosterXlsx } from '../../server/people/roster.file'
import { exportOrder, planRoster, type RosterState } from '../../server/people/roster.rules'
import { placesRepo } from '../../server/store/sqlite/places'
import { rosterRepo } from '../../server/store/sqlite/roster'
import { createSql } from '../../server/store/sqlite/sql'
import { openDatabase } from '../../server/store/sqlite/sqlite-store'
import { generatedRoster, ROSTER_HEADER, xlsxOf } from '../helpers/roster-files'

const ROWS = 4_000
const VILLAGES = 10
const TARGET_MS = 10_000

async function timed<T>(label: string, figures: [string, number][], fn: () => Promise<T>) {
  const start = performance.now()
  const result = await fn()
  figures.push([label, performance.now() - start])
  return result
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-roster-bench-'))
  // The repositories are composed here rather than through createSqliteStore, so the bench
  // measures exactly the roster's own reads and writes.
  const sql = createSql(openDatabase(path.join(dir, 'bench.sqlite')))
  const places = placesRepo(sql)
  const roster = rosterRepo(sql)
  const state = async (): Promise<RosterState> => ({
    places: await places.tree(),
    entries: await roster.entries(),
  })
  const now = Date.now()
  const setup: [string, number][] = []
  const first: [string, number][] = []
  const second: [string, number][] = []
  try {
    const file = await timed('generate .xlsx', setup, () =>
      xlsxOf([ROSTER_HEADER, ...generatedRoster(ROWS, VILLAGES)]),
    )

    const parsed = await timed('parse', first, () => readRosterFile(file, 'bench.xlsx'))
    const planned = await timed('plan', first, async () =>
      planRoster(parsed.rows, await state(), { now }),
    )
    await timed('commit', first, () => roster.apply(planned.plan))

    const again = await timed('parse', second, () => readRosterFile(file, 'bench.xlsx'))
    const replanned = await timed('plan', second, async () =>
      planRoster(again.rows, await state(), { now }),
    )
    await timed('commit', second, () => roster.apply(replanned.plan))

    const exported = await timed('export .xlsx', setup, async () =>
      writeRosterXlsx(exportOrder(await roster.entries())),
    )

    const total = (figures: [string, number][]) => figures.reduce((sum, [, ms]) => sum + ms, 0)
    const line = (label: string, ms: number) =>
      `  ${label.padEnd(16)}${ms.toFixed(0).padStart(7)} ms`
    const lines = [
      `roster import: ${ROWS} rows over ${VILLAGES} villages, file ${(file.length / 1024).toFixed(0)} KB`,
      'first import',
      ...first.map(([label, ms]) => line(label, ms)),
      line('total', total(first)),
      `  → ${planned.counts.create} created, ${planned.counts.villagesToCreate.length} villages, ` +
        `${planned.counts.groupsToCreate.length} groups, ${planned.counts.errors.length} errors`,
      're-import of the same file',
      ...second.map(([label, ms]) => line(label, ms)),
      line('total', total(second)),
      `  → ${replanned.counts.unchanged} unchanged, ${replanned.counts.create} created, ` +
        `${replanned.counts.update} updated`,
      'besides',
      ...setup.map(([label, ms]) => line(label, ms)),
      `  export file ${(exported.length / 1024).toFixed(0)} KB`,
    ]
    console.log(lines.join('\n'))

    const all = total(first) + total(second)
    const ok =
      all < TARGET_MS &&
      planned.counts.create === ROWS &&
      replanned.counts.unchanged === ROWS &&
      replanned.plan.create.length + replanned.plan.update.length === 0
    console.log(
      `${ok ? 'PASS' : 'FAIL'}: both imports ${all.toFixed(0)} ms (target < ${TARGET_MS} ms)`,
    )
    if (!ok) process.exitCode = 1
  } finally {
    sql.db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
