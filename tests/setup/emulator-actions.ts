// With EMULATOR_ACTIONS_DIR set, each test file that used the CloudBase emulator leaves the
// count of SDK actions it served there; `npx tsx tests/emulator/action-table.ts <dir>` sums them.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll } from 'vitest'
import { startedEmulator } from '../emulator/harness'

afterAll(() => {
  const dir = process.env.EMULATOR_ACTIONS_DIR
  const emulator = startedEmulator()
  if (!dir || !emulator) return
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(
    dir,
    `${path.basename(expect.getState().testPath ?? 'file')}-${process.pid}.json`,
  )
  fs.writeFileSync(file, JSON.stringify(Object.fromEntries(emulator.actionCounts())))
})
