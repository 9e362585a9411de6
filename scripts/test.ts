// `npm test`: the whole suite, arranged so that a 2-core machine is busy to the end.
// Three lanes start together:
//  1. The H5 build the browser tests load (scripts/h5-build.ts, skipped when fresh), then the
//     browser tests (vitest project e2e) in their own run: a chain that mostly waits on the
//     browser once built.
//  2. Every other vitest project in one run, one worker per core: unit, api on both adapters,
//     dom, and api (SQLite) and dom again 45 days later (api-later, dom-later: across a month's
//     and a year's end; vitest.config.ts). The most CPU of the three, and the last to end.
//  3. The mini-program build, eslint, tsc and prettier one after another, then WeChat's checks
//     over the mini-program just built (check:weapp). Nothing waits for it, so it runs at a
//     low priority and fills the cycles the other two leave.
// Any failure stops the run with that step's output; the time of every step is printed.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

interface Step {
  name: string
  command: string
  args: string[]
  env?: Record<string, string>
  /** Streams its output as it runs (the long vitest run); others print theirs on failure. */
  live?: boolean
  /** Lines of its output printed when it passes (the browser tests' counts). */
  summary?: RegExp
  /** Runs at a low priority: it gets the cycles the other lanes leave. */
  yields?: boolean
}

/** The niceness of the steps that yield; they still get every cycle the others leave. */
const YIELDING_PRIORITY = 10

/**
 * Lowers a step's priority, with everything it starts. Each step is a session of its own
 * (`detached`), and with Linux's autogroups (on by default) the CPU is shared between
 * sessions first, by the session's own niceness: a process's niceness only orders it among
 * its own session. So both are set: the session's where there is one, the process's (which
 * its children inherit) for systems without.
 */
function yieldPriority(pid: number) {
  os.setPriority(pid, YIELDING_PRIORITY)
  try {
    fs.writeFileSync(`/proc/${pid}/autogroup`, `${YIELDING_PRIORITY}`)
  } catch {
    // No autogroups here (or not Linux): the process's niceness is all there is.
  }
}

const root = path.resolve(__dirname, '..')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const tsx = (file: string, ...args: string[]): Pick<Step, 'command' | 'args'> => ({
  command: bin('tsx'),
  args: [file, ...args],
})

const h5Build: Step = { name: '构建 H5', ...tsx('scripts/h5-build.ts') }
const browserTests: Step = {
  name: '浏览器测试',
  command: bin('vitest'),
  args: ['run', '--project', 'e2e'],
  summary: /^\s*(Test Files|Tests|Duration)\b/,
}
const suite: Step = {
  name: '全部测试（含 45 天后再测 SQLite 上的接口测试和页面测试）',
  command: bin('vitest'),
  // Every project but the browser tests, which lane 1 runs.
  args: ['run', '--project', '!e2e'],
  live: true,
}
const checks: Step[] = [
  { name: '构建小程序', command: 'npm', args: ['run', '--silent', 'build:weapp'] },
  { name: 'eslint', command: bin('eslint'), args: ['.'] },
  { name: '类型检查', command: bin('tsc'), args: ['--noEmit'] },
  { name: 'prettier', command: bin('prettier'), args: ['--check', '.'] },
  { name: '小程序检查', ...tsx('scripts/check-weapp.ts') },
].map((step) => ({ ...step, yields: true }))

const running = new Set<ReturnType<typeof spawn>>()

function run(step: Step): Promise<void> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(step.command, step.args, {
      cwd: root,
      env: { ...process.env, ...step.env },
      // Never the terminal's input: a step in a process group of its own that read it (or set
      // its mode) would be stopped by the terminal.
      stdio: step.live ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that stopping it stops the workers and browsers it started.
      detached: true,
    })
    running.add(child)
    // Before the child starts its own workers, which inherit it.
    if (step.yields && child.pid !== undefined) yieldPriority(child.pid)
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      running.delete(child)
      const seconds = Math.round((Date.now() - started) / 1000)
      if (code === 0) {
        console.log(`✓ ${step.name}（${seconds} 秒）`)
        const { summary } = step
        if (summary)
          for (const line of output.split('\n')) if (summary.test(line)) console.log(line)
        resolve()
      } else {
        if (output) console.log(output.slice(-20_000))
        reject(new Error(`✗ ${step.name} 未通过（退出码 ${code}，${seconds} 秒）`))
      }
    })
  })
}

/** Runs the steps one after another; the first failure ends the lane. */
async function inOrder(steps: readonly Step[]): Promise<void> {
  for (const step of steps) await run(step)
}

async function main() {
  const started = Date.now()
  await Promise.all([inOrder([h5Build, browserTests]), run(suite), inOrder(checks)])
  console.log(`全部通过，用时 ${Math.round((Date.now() - started) / 1000)} 秒。`)
}

/** Stops every step still running, with everything each one started (its process group). */
function stopAll() {
  for (const child of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
}

// Ctrl-C reaches only this process: the steps are in process groups of their own.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    stopAll()
    process.exit(code)
  })
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  stopAll()
  process.exit(1)
})
