// `npm test`: the whole suite, arranged so that a 2-core machine is busy to the end.
// Its lanes start together, each a session of its own, at the same priority:
//  1. The H5 build the browser tests load (scripts/h5-build.ts, skipped when fresh), then the
//     browser tests (vitest project e2e) in their own run: a chain that mostly waits on the
//     browser once built.
//  2. Every other vitest project, in two runs side by side, one worker per core each: unit and
//     api on the cloud adapter; api on SQLite and dom, and both again 45 days later (api-later,
//     dom-later: across a month's and a year's end; vitest.config.ts). The most CPU by far.
//  3. The mini-program build, then WeChat's checks over it (check:weapp); and eslint, tsc and
//     prettier, each in a lane of its own, so that none of them is still running alone on one
//     core after the rest have ended (one after another at a low priority, they were).
// Any failure stops the run with that step's output; the time of every step is printed.
import { spawn } from 'node:child_process'
import path from 'node:path'

interface Step {
  name: string
  command: string
  args: string[]
  /** Lines of its output printed when it passes (the test counts); all of it on failure. */
  summary?: RegExp
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
// Every project but the browser tests (lane 1), in two runs of about the same CPU. Within one
// run vitest takes its projects one after another and waits for each project's slowest file,
// one core idle meanwhile; two runs side by side fill each other's waits.
const vitestRun = (name: string, projects: readonly string[]): Step => ({
  name,
  command: bin('vitest'),
  args: ['run', ...projects.flatMap((project) => ['--project', project])],
  summary: /^\s*(Test Files|Tests|Duration)\b|^\d+ passed, \d+ failed, \d+ skipped$/,
})
const suites: Step[] = [
  vitestRun('单元测试与云数据库上的接口测试', ['unit', 'api-cloud']),
  vitestRun('SQLite 上的接口测试和页面测试（含 45 天后再测）', [
    'api',
    'dom',
    'api-later',
    'dom-later',
  ]),
]
const weapp: Step[] = [
  { name: '构建小程序', command: 'npm', args: ['run', '--silent', 'build:weapp'] },
  { name: '小程序检查', ...tsx('scripts/check-weapp.ts') },
]
const lint: Step[] = [
  { name: 'eslint', command: bin('eslint'), args: ['.'] },
  { name: '类型检查', command: bin('tsc'), args: ['--noEmit'] },
  { name: 'prettier', command: bin('prettier'), args: ['--check', '.'] },
]

const running = new Set<ReturnType<typeof spawn>>()

function run(step: Step): Promise<void> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(step.command, step.args, {
      cwd: root,
      // Never the terminal's input: a step in a process group of its own that read it (or set
      // its mode) would be stopped by the terminal.
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that stopping it stops the workers and browsers it started.
      detached: true,
    })
    running.add(child)
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
  await Promise.all([
    inOrder([h5Build, browserTests]),
    ...suites.map((step) => run(step)),
    inOrder(weapp),
    ...lint.map((step) => run(step)),
  ])
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
