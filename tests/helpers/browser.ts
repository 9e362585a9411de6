// Browser tests drive the built H5 app, served by the real local server, in Debian's Chromium
// (TOOLCHAIN.md, "Browser tests"): no downloaded browser, no mocked backend.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { TEST_NOW } from './test-clock'

const root = path.resolve(__dirname, '../..')

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** The flags every headless Chromium of the suite and the benchmarks runs with (TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** What a phone looks like to the app: 375×740 at 2x, touch, Chinese. */
export const PHONE_CONTEXT: BrowserContextOptions = {
  viewport: { width: 375, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
}

export interface Phone {
  browser: Browser
  /**
   * Opens a fresh phone-sized context (its own storage, so signed out, like a person opening
   * the app for the first time) and a page in it. Close it with `page.context().close()`.
   */
  open(): Promise<Page>
  close(): Promise<void>
}

/**
 * Launches Chromium for phone-sized pages. Playwright gives every launch its own temporary
 * profile and removes it on close, so no user-data-dir is passed.
 */
export async function launchPhone(): Promise<Phone> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`没有找到 ${CHROMIUM_PATH}：请先 apt-get install -y chromium fonts-noto-cjk`)
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  return {
    browser,
    async open() {
      const context = await browser.newContext(PHONE_CONTEXT)
      // The page's clock starts where the server's does (TEST_NOW) and runs in real time.
      await context.clock.install({ time: TEST_NOW })
      return context.newPage()
    },
    close: () => browser.close(),
  }
}

export interface RunningServer {
  url: string
  /** Sends SIGTERM, waits for a clean exit and removes the data directory. */
  stop(): Promise<void>
}

const STARTED = /本地服务已启动：(http:\/\/127\.0\.0\.1:\d+)/
const START_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 10_000

/**
 * Starts the real server entry (server/local/main.ts) in dev mode on a free port over a fresh
 * data directory, so it seeds the demo data, and resolves once it prints its address.
 */
export function startServer(): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-e2e-data-'))
  // Node itself with tsx as its loader, not the tsx command: that one runs the server in a
  // child of its own and, on SIGTERM, waits 30 ms for the child to say it handles the signal;
  // on a loaded machine the answer came later and tsx ended itself with 143 (a failed run).
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'server', 'local', 'main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        APP_MODE: 'dev',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DEMO_NOW: new Date(TEST_NOW).toISOString(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => (output += chunk))

  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true })
  // Should the test process end without calling stop(), the server must not outlive it.
  // SIGTERM rather than SIGKILL: the server checkpoints its database and ends cleanly.
  const killOnExit = () => {
    child.kill('SIGTERM')
    removeDataDir()
  }
  process.once('exit', killOnExit)

  const stop = async () => {
    process.off('exit', killOnExit)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    let timer: NodeJS.Timeout | undefined
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS)
      }),
    ])
    clearTimeout(timer)
    if (code === 'timeout') child.kill('SIGKILL')
    removeDataDir()
    if (code !== 0) {
      throw new Error(
        `本地服务没有正常退出（${code === 'timeout' ? '超时' : `退出码 ${code}`}）：\n${output}`,
      )
    }
  }

  return new Promise<RunningServer>((resolve, reject) => {
    let settled = false
    const fail = (reason: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      process.off('exit', killOnExit)
      child.kill('SIGTERM')
      removeDataDir()
      reject(new Error(`本地服务${reason}。它的输出：\n${output}`))
    }
    const timer = setTimeout(
      () => fail(`在 ${START_TIMEOUT_MS / 1000} 秒内没有打印地址`),
      START_TIMEOUT_MS,
    )
    child.once('error', (error) => fail(`无法启动（${error.message}）`))
    child.once('exit', (code) => fail(`启动时退出了（退出码 ${code}）`))
    // Keeps reading after the start too, so a full pipe never blocks the server.
    child.stdout.on('data', (chunk: string) => {
      output += chunk
      const url = STARTED.exec(output)?.[1]
      if (settled || !url) return
      settled = true
      clearTimeout(timer)
      resolve({ url, stop })
    })
  })
}
