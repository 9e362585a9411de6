// Builds the H5 app when dist-h5 is missing or older than its sources; used by `npm start`
// and by the browser tests, so both always serve what the sources say. Every build is
// followed by its .br and .gz copies (h5-compress.ts), which the server prefers.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { compressAssets, describeReport } from './h5-compress'

const root = path.resolve(__dirname, '..')
const sources = [
  'src',
  'contract',
  'config',
  'babel.config.js',
  'package.json',
  'package-lock.json',
]

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0
  const stat = fs.statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return fs
    .readdirSync(entry)
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs)
}

export function h5BuildIsStale(): boolean {
  const index = path.join(root, 'dist-h5', 'index.html')
  if (!fs.existsSync(index)) return true
  const built = fs.statSync(index).mtimeMs
  return sources.some((s) => newestMtime(path.join(root, s)) > built)
}

/** Whether index.html has no brotli copy, or one older than itself (a build by taro alone). */
function compressedIsStale(): boolean {
  const index = path.join(root, 'dist-h5', 'index.html')
  const copy = `${index}.br`
  return !fs.existsSync(copy) || fs.statSync(copy).mtimeMs < fs.statSync(index).mtimeMs
}

/** Builds when stale; returns whether it built. Throws with the build's output on failure. */
export function ensureH5Build(say: (line: string) => void = () => {}): boolean {
  if (!h5BuildIsStale()) {
    if (compressedIsStale()) say(describeReport(compressAssets(path.join(root, 'dist-h5'))))
    return false
  }
  say('正在构建 H5 页面（首次约需 30–60 秒）…')
  const started = Date.now()
  const result = spawnSync(
    path.join(root, 'node_modules', '.bin', 'taro'),
    ['build', '--type', 'h5'],
    {
      cwd: root,
      encoding: 'utf8',
      // A build without --watch is production; an inherited NODE_ENV=test (vitest) would make
      // babel-preset-taro ask for react-refresh and fail.
      env: { ...process.env, CI: 'true', NODE_ENV: 'production' },
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  if (result.status !== 0 || !fs.existsSync(path.join(root, 'dist-h5', 'index.html'))) {
    // Progress bars fill the output: show what follows webpack's "Errors:" line, if any.
    const lines = `${result.stdout ?? ''}\n${result.stderr ?? ''}`
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.includes('█') && !line.includes('即将开始'))
    const errors = lines.findIndex((line) => line.includes('Errors:'))
    const output = (errors >= 0 ? lines.slice(errors, errors + 30) : lines.slice(-40)).join('\n')
    throw new Error(`H5 构建失败：\n${output}`)
  }
  say(describeReport(compressAssets(path.join(root, 'dist-h5'))))
  say(`H5 页面构建完成，用时 ${Math.round((Date.now() - started) / 1000)} 秒。`)
  return true
}

// `tsx scripts/h5-build.ts`: builds when stale (npm test does this before the browser tests).
if (path.resolve(process.argv[1] ?? '') === __filename) {
  try {
    ensureH5Build((line) => console.log(line))
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
