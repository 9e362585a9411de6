// The local server as the HTTP benchmarks drive it: `server/local/main.ts` in a process of its
// own (so the load generator never shares its event loop), on a data folder the benchmark
// prepared, optionally under `--cpu-prof`.
import { spawn } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')
const MAIN = path.join(ROOT, 'server/local/main.ts')

export interface LocalServer {
  url: string
  pid: number
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
    async stop() {
      child.kill('SIGINT')
      await exited
    },
  }
}
