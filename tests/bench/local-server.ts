// The local server as the HTTP benchmarks drive it: `server/local/main.ts` in a process of its
// own (so the load generator never shares its event loop), on a data folder the benchmark
// prepared, optionally under `--cpu-prof`.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')
const MAIN = path.join(ROOT, 'server/local/main.ts')

export interface LocalServer {
  url: string
  pid: number
  /** CPU time the server process has used so far (user + system, all threads), ms; NaN
   *  where /proc is missing. Unlike wall time it hardly moves when other work loads the machine. */
  cpuMs(): number
  /** SIGINT, as Ctrl+C: the server closes SQLite and exits (and writes its CPU profile). */
  stop(): Promise<void>
}

export async function startLocalServer(options: {
  dataDir: string
  /** Where the server's clock starts (DEMO_NOW, dev mode). */
  now: number
  /** A folder for the server's V8 CPU profile (node --cpu-prof), written when it stops. */
  cpuProfDir?: string
}): Promise<LocalServer> {
  const args = [
    '--import',
    'tsx',
    ...(options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : []),
    MAIN,
  ]
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      APP_MODE: 'dev',
      DEMO_NOW: new Date(options.now).toISOString(),
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const found = /https?:\/\/[\w.[\]:-]+:\d+/.exec(output)
      if (found) resolve(found[0])
    }
    child.stdout.on('data', look)
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.once('exit', (code) =>
      reject(new Error(`server exited (${code}) before listening:\n${output}`)),
    )
    child.once('error', reject)
  })
  // Keep draining its output so a chatty server never blocks on a full pipe.
  child.stdout.resume()
  child.stderr.resume()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    url,
    pid: child.pid ?? -1,
    cpuMs: () => processCpuMs(child.pid ?? -1),
    async stop() {
      child.kill('SIGINT')
      await exited
    },
  }
}

/** utime + stime of a process from /proc/<pid>/stat, in ms (Linux). */
function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces) start at state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    return (ticks * 1000) / CLOCK_TICKS
  } catch {
    return NaN
  }
}

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100
