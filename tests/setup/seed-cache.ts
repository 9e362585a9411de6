// Global setup of the projects that start test servers on the demo township: a folder for this
// run's seeded templates (tests/helpers/seed-template.ts), removed when the run ends.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-seed-'))
  project.provide('seedCache', dir)
  return () => fs.rmSync(dir, { recursive: true, force: true })
}
