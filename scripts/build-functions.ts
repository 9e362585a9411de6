// `npm run build:functions`: bundles the `api` cloud function (cloudfunctions/api/main.ts) into
// cloudfunctions/api/index.js with esbuild — everything inlined except wx-server-sdk, which the
// cloud installs from the function's package.json. Prints the size, a per-package breakdown and
// the bundle's cold `require` time in a fresh node process; fails above MAX_BYTES.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { build, type Metafile, type Plugin } from 'esbuild'

const root = path.resolve(__dirname, '..')
export const functionDir = path.join(root, 'cloudfunctions/api')
export const bundlePath = path.join(functionDir, 'index.js')

/**
 * Hard limit: the build fails above it. The target is 300 KB. .xlsx files are read and written by
 * server/shared/xlsx*.ts (exceljs is a devDependency for tests only); the largest parts left are
 * zod (~195 KB) and sanitize-html with htmlparser2 and entities (~190 KB).
 */
export const MAX_BYTES = 700 * 1024
export const TARGET_BYTES = 300 * 1024

/**
 * WeChat cloud functions offer Node.js 16.13 and 18.15 runtimes (older ones are 12.16 and
 * below); node16 is the oldest a new function should pick, so the bundle must run there.
 */
export const NODE_TARGET = 'node16'

/**
 * zod's classic API does `export * as locales from '../locales/index.js'`, which pulls every
 * language (~320 KB). The router only calls `z.locales.zhCN()` (zod imports `en` itself), so
 * the locales index resolves to a shim that exports just that.
 */
export const zodLocalesShim: Plugin = {
  name: 'zod-locales-shim',
  setup(b) {
    b.onResolve({ filter: /[\\/]locales[\\/]index\.c?js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined
      return { path: path.resolve(args.resolveDir, args.path), namespace: 'zod-locales' }
    })
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => {
      const ext = path.extname(args.path)
      return {
        contents: `export { default as zhCN } from './zh-CN${ext}'\n`,
        resolveDir: path.dirname(args.path),
        loader: 'js',
      }
    })
  },
}

/**
 * sanitize-html requires postcss (~90 KB with source-map-js) only to parse an allowed `style`
 * attribute; server/bulletin/rich-text.ts allows none, so the call is unreachable. The stub
 * throws if that ever changes (sanitize-html then drops the attribute), rather than bundling it.
 */
export const postcssStub: Plugin = {
  name: 'postcss-stub',
  setup(b) {
    b.onResolve({ filter: /^postcss$/ }, (args) =>
      /[\\/]node_modules[\\/]sanitize-html[\\/]/.test(args.importer)
        ? { path: 'postcss', namespace: 'postcss-stub' }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'postcss-stub' }, () => ({
      contents:
        "exports.parse = () => { throw new Error('postcss is not bundled: style attributes are not allowed') }\n",
      loader: 'js',
    }))
  },
}

/**
 * sanitize-html and server/broadcast/script.rules.ts use only htmlparser2's `Parser`, but the
 * package's index also loads domhandler, domutils and dom-serializer with the HTML entity
 * encoder (~80 KB), and it ships an ES module and a CommonJS build that esbuild would bundle
 * side by side when one caller `import`s it and the other `require`s it. Every import of
 * `htmlparser2` resolves to its CommonJS Parser module alone (tests/unit/cloud/function.test.ts
 * sanitizes and reads a notice through the bundle).
 */
export const htmlparser2Parser: Plugin = {
  name: 'htmlparser2-parser',
  setup(b) {
    b.onResolve({ filter: /^htmlparser2$/ }, (args) => ({
      // The CommonJS index's folder holds Parser.js beside it.
      path: path.join(
        path.dirname(require.resolve('htmlparser2', { paths: [args.resolveDir] })),
        'Parser.js',
      ),
    }))
  },
}

/** The npm package an input file belongs to (the innermost one), or `(our code)`. */
function packageOf(file: string): string {
  if (file.startsWith('zod-locales:')) return 'zod'
  if (file.startsWith('postcss-stub:')) return 'sanitize-html'
  return /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? '(our code)'
}

function bytesPerInput(meta: Metafile): Map<string, number> {
  const bytes = new Map<string, number>()
  for (const output of Object.values(meta.outputs))
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs))
      bytes.set(file, (bytes.get(file) ?? 0) + bytesInOutput)
  return bytes
}

const sorted = (sizes: Map<string, number>) => [...sizes].sort((a, b) => b[1] - a[1])

/** Output bytes per npm package (or `(our code)`), largest first. */
export function breakdown(meta: Metafile): [string, number][] {
  const sizes = new Map<string, number>()
  for (const [file, bytes] of bytesPerInput(meta)) {
    const key = packageOf(file)
    sizes.set(key, (sizes.get(key) ?? 0) + bytes)
  }
  return sorted(sizes)
}

/**
 * Output bytes per package our code imports directly, each with everything it pulls in (a
 * package shared by two counts for the first found): what replacing that import would save.
 */
export function byDirectDependency(meta: Metafile): [string, number][] {
  const owner = new Map<string, string>()
  const queue: [string, string][] = []
  for (const [file, input] of Object.entries(meta.inputs)) {
    if (packageOf(file) !== '(our code)') continue
    owner.set(file, '(our code)')
    for (const imp of input.imports)
      if (!imp.external && packageOf(imp.path) !== '(our code)')
        queue.push([imp.path, packageOf(imp.path)])
  }
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [file, root] = next
    if (owner.has(file)) continue
    owner.set(file, root)
    for (const imp of meta.inputs[file]?.imports ?? [])
      if (!imp.external) queue.push([imp.path, root])
  }
  const sizes = new Map<string, number>()
  for (const [file, bytes] of bytesPerInput(meta)) {
    const key = owner.get(file) ?? packageOf(file)
    sizes.set(key, (sizes.get(key) ?? 0) + bytes)
  }
  return sorted(sizes)
}

export async function buildFunction(): Promise<{ bytes: number; meta: Metafile }> {
  const result = await build({
    entryPoints: [path.join(functionDir, 'main.ts')],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    external: ['wx-server-sdk'],
    metafile: true,
    logLevel: 'warning',
    tsconfig: path.join(root, 'tsconfig.json'),
    plugins: [zodLocalesShim, postcssStub, htmlparser2Parser],
  })
  return { bytes: fs.statSync(bundlePath).size, meta: result.metafile }
}

/**
 * Milliseconds for a fresh `node` to require the bundle (wx-server-sdk included, as installed
 * here), median of `runs`: what a cold start adds before the first request is served.
 */
export function coldRequireMs(runs = 3): { median: number; sdkOnly: number } {
  const timeIt = (target: string) => {
    const script =
      `const t=process.hrtime.bigint();require(${JSON.stringify(target)});` +
      `process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const run = spawnSync(process.execPath, ['-e', script], {
        cwd: functionDir,
        encoding: 'utf8',
        env: { ...process.env, ADMIN_OPENIDS: '' },
      })
      if (run.status !== 0) throw new Error(`require failed:\n${run.stderr}`)
      times.push(Number(run.stdout))
    }
    times.sort((a, b) => a - b)
    return times[Math.floor(times.length / 2)] ?? NaN
  }
  return { median: timeIt(bundlePath), sdkOnly: timeIt(require.resolve('wx-server-sdk')) }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

async function cli() {
  const { bytes, meta } = await buildFunction()
  console.log(`云函数 api：${path.relative(root, bundlePath)} ${kb(bytes)}`)
  console.log('按直接依赖划分（含它引入的全部包）：')
  for (const [name, size] of byDirectDependency(meta))
    console.log(`  ${name.padEnd(28)} ${kb(size).padStart(10)}`)
  console.log('最大的 12 个包：')
  for (const [name, size] of breakdown(meta).slice(0, 12))
    console.log(`  ${name.padEnd(28)} ${kb(size).padStart(10)}`)
  const cold = coldRequireMs()
  console.log(
    `冷启动 require 耗时（中位数）：${cold.median.toFixed(0)} ms（其中 wx-server-sdk 单独约 ${cold.sdkOnly.toFixed(0)} ms）`,
  )
  if (bytes > MAX_BYTES) {
    console.error(`打包结果 ${kb(bytes)} 超过上限 ${kb(MAX_BYTES)}（目标 ${kb(TARGET_BYTES)}）`)
    process.exit(1)
  }
  if (bytes > TARGET_BYTES) console.log(`注意：超过目标 ${kb(TARGET_BYTES)}，未超过上限`)
}

if (require.main === module) {
  cli().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
