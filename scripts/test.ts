// `npm test`: the whole suite, in the order that lets a 2-core machine use both cores.
//  1. Static checks and both builds, as many at once as the machine has cores: eslint, prettier,
//     tsc, the H5 build the browser tests load (scripts/h5-build.ts, skipped when fresh) and the
//     mini-program build that check:weapp inspects. Each is mostly single-threaded.
//  2. Every vitest project in one run, one worker per core: unit, api on both adapters, dom,
//     browser tests, and api (SQLite) and dom again 45 days later (api-later, dom-later: across
//     a month's and a year's end; vitest.config.ts). One run keeps both workers busy to the end.
//  3. WeChat's checks over the mini-program built in step 1.
// Any failure stops the run with that step's output; the time of every step is printed.
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'

interface Step {
  name: string
  command: string
  args: string[]
  env?: Record<string, string>
  /** Streams its output as it runs (the long vitest steps); others print theirs on failure. */
  live?: boolean
}

const root = path.resolve(__dirname, '..')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const tsx = (file: string, ...args: string[]): Pick<Step, 'command' | 'args'> => ({
  command: bin('tsx'),
  args: [file, ...args],
})

const prepare: Step[] = [
  // The two builds first: they take longest.
  { name: '构建小程序', command: 'npm', args: ['run', '--silent', 'build:weapp'] },
  { name: '构建 H5', ...tsx('scripts/h5-build.ts') },
  { name: 'eslint', command: bin('eslint'), args: ['.'] },
  { name: '类型检查', command: bin('tsc'), args: ['--noEmit'] },
  { name: 'prettier', command: bin('prettier'), args: ['--check', '.'] },
]
const vitest = (name: string, args: string[], env?: Record<string, string>): Step => ({
  name,
  command: bin('vitest'),
  args: ['run', ...args],
  env,
  live: true,
})
const checkWeapp: Step = { name: '小程序检查', ...tsx('scripts/check-weapp.ts') }

const running = new Set<ReturnType<typeof spawn>>()

function run(step: Step): Promise<void> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(step.command, step.args, {
      cwd: root,
      env: { ...process.env, ...step.env },
      stdio: step.live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
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
        resolve()
      } else {
        if (output) console.log(output.slice(-20_000))
        reject(new Error(`✗ ${step.name} 未通过（退出码 ${code}，${seconds} 秒）`))
      }
    })
  })
}

/** Runs the steps `width` at a time, in order; the first failure ends the run. */
async function pool(steps: readonly Step[], width: number): Promise<void> {
  const queue = [...steps]
  const lane = async () => {
    for (let step = queue.shift(); step; step = queue.shift()) await run(step)
  }
  await Promise.all(Array.from({ length: Math.min(width, steps.length) }, lane))
}

async function main() {
  const started = Date.now()
  await pool(prepare, os.availableParallelism())
  await run(vitest('全部测试（含 45 天后再测 SQLite 上的接口测试和页面测试）', []))
  await run(checkWeapp)
  console.log(`全部通过，用时 ${Math.round((Date.now() - started) / 1000)} 秒。`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  for (const child of running) child.kill()
  process.exit(1)
})
