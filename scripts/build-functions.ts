// `npm run build:functions`: bundles the `api` cloud function (cloudfunctions/api/main.ts) into
// cloudfunctions/api/index.js with esbuild — everything inlined except wx-server-sdk, which the
// cloud installs from the function's package.json — and what only a few actions need
// (server/lazy/load.ts) into files of their own next to it, which index.js requires on first
// use: the libraries (lazy-xlsx.js, lazy-qr.js, lazy-html.js, lazy-words.js, lazy-dev.js) and
// the rarely used actions with their store parts (lazy-activities.js, lazy-staff.js …, see
// LAZY_DOMAINS). Prints every file's size, the largest modules of index.js (esbuild's
// analyzeMetafile) and index.js's own cold `require` time in a fresh node process; fails when
// index.js is over MAX_BYTES or its require far over budget.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { analyzeMetafile, build, type BuildOptions, type Metafile, type Plugin } from 'esbuild'

const root = path.resolve(__dirname, '..')
export const functionDir = path.join(root, 'cloudfunctions/api')
export const bundlePath = path.join(functionDir, 'index.js')

/**
 * The libraries server/lazy/load.ts imports on first use, each built as its own file next to
 * index.js (`lazy-<name>.js`); the function directory is uploaded whole, with these in it. Each
 * is self-contained: it keeps no state and throws none of the router's errors.
 */
export const LAZY_LIBRARIES = ['xlsx', 'qr', 'html', 'words', 'dev'] as const

/**
 * The rarely used actions and store parts server/lazy/load.ts imports on first use, each built
 * as `lazy-<name>.js` too, but as a factory of index.js's own modules: every module index.js
 * holds (errors, contract, zod, store helpers …) is taken from index.js rather than copied, so
 * there is one AppError, one UniqueViolation, one zod configured by the router (sharedModules).
 * Each lists the modules it carries whole even where index.js keeps a piece of them (pure code
 * only: index.js's piece and the file's copy share no state).
 */
export const LAZY_DOMAINS = {
  activities: ['server/activities/'],
  'activities-store': ['server/store/cloud/activities.ts'],
  publish: ['server/board/publish.actions.ts', 'server/board/publish-job.ts'],
  // index.js keeps progressOf and PUBLISH_AT_ONCE of it (board-docs.ts, lazy-parts.ts).
  'publish-store': ['server/store/cloud/board-publish-job.ts'],
  roster: ['server/people/roster.actions.ts', 'server/people/roster-rows.rules.ts'],
  'roster-store': ['server/store/cloud/people-roster.ts'],
  broadcast: ['server/broadcast/'],
  'broadcast-store': ['server/store/cloud/broadcast.ts'],
  doorplates: ['server/doorplate/doorplate.actions.ts', 'server/doorplate/backfill.ts'],
  'doorplates-store': ['server/store/cloud/doorplates.ts'],
  staff: [
    'server/people/staff.actions.ts',
    'server/bulletin/filing.actions.ts',
    'server/board/board.export.ts',
    'server/board/inspect.actions.ts',
  ],
} as const satisfies Record<string, readonly string[]>

type LazyLibrary = (typeof LAZY_LIBRARIES)[number]
type LazyDomain = keyof typeof LAZY_DOMAINS
export type LazyName = LazyLibrary | LazyDomain
export const LAZY_DOMAIN_NAMES = Object.keys(LAZY_DOMAINS) as LazyDomain[]
export const LAZY_MODULES: readonly LazyName[] = [...LAZY_LIBRARIES, ...LAZY_DOMAIN_NAMES]
export const lazyFile = (name: LazyName) => `lazy-${name}.js`
export const LAZY_FILES = LAZY_MODULES.map(lazyFile)

/**
 * What a cold start loads (index.js): the build fails above it. The goal is 400 KB; rarely used
 * actions and store parts (LAZY_DOMAINS) keep index.js well under it.
 */
export const MAX_BYTES = 400 * 1024

/**
 * index.js's own cold `require` (wx-server-sdk already loaded), CPU milliseconds, median of
 * several fresh node processes: the budget is printed beside the figure; the build fails only
 * at twice the budget (FAIL_REQUIRE_MS), so that a machine busy with other work never fails it.
 */
export const REQUIRE_BUDGET_MS = 80
export const FAIL_REQUIRE_MS = 2 * REQUIRE_BUDGET_MS

/**
 * WeChat cloud functions offer Node.js 16.13 and 18.15 runtimes (older ones are 12.16 and
 * below); node16 is the oldest a new function should pick, so the bundle must run there.
 */
export const NODE_TARGET = 'node16.13'

/**
 * zod's classic API does `export * as locales from '../locales/index.js'`, which pulls every
 * language (~320 KB). The router only calls `z.locales.zhCN()`, so the locales index resolves
 * to a shim that exports just that; and the English default zod registers on the first schema
 * (`locales/en.js`, replaced by the router's z.config at once) resolves to zh-CN as well.
 */
export const zodLocalesShim: Plugin = {
  name: 'zod-locales-shim',
  setup(b) {
    b.onResolve({ filter: /[\\/]locales[\\/](index|en)\.c?js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined
      const file = path.resolve(args.resolveDir, args.path)
      if (/[\\/]en\.c?js$/.test(file))
        return { path: path.join(path.dirname(file), `zh-CN${path.extname(file)}`) }
      return { path: file, namespace: 'zod-locales' }
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
 * zod modules the function never runs (~65 KB): z.compile's code generator, JSON Schema in
 * both directions (toJSONSchema with its per-type processors and generator, fromJSONSchema),
 * and the schema walker under z.deepPartial and the z.input/z.output helpers. zod's index
 * re-exports them and its schemas refer to them only inside methods that produce JSON Schema, so each is replaced by a module with the same export names,
 * every one a function that throws if it is ever called — except the two factories a schema's
 * `~standard` getter calls, which return such a function (tests/unit/cloud/bundle-plugins.test.ts
 * parses inputs through a bundle built this way).
 */
export const ZOD_UNUSED = [
  'v4/core/compile.js',
  'v4/core/visit.js',
  'v4/core/to-json-schema.js',
  'v4/core/json-schema-processors.js',
  'v4/core/json-schema-generator.js',
  'v4/classic/from-json-schema.js',
] as const
const ZOD_FACTORIES = new Set(['createToJSONSchemaMethod', 'createStandardJSONSchemaMethod'])

export const zodUnusedStub: Plugin = {
  name: 'zod-unused-stub',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/].*\.js$/ }, async (args) => {
      const file = args.path.split(path.sep).join('/')
      const unused = ZOD_UNUSED.find((f) => file.endsWith(`/node_modules/zod/${f}`))
      if (!unused) return undefined
      // The module's export names, as esbuild itself reads them.
      const { metafile } = await build({
        entryPoints: [args.path],
        bundle: false,
        write: false,
        format: 'esm',
        metafile: true,
        logLevel: 'silent',
      })
      const names = Object.values(metafile.outputs).flatMap((o) => o.exports)
      const exported = names
        .map((n) => `${ZOD_FACTORIES.has(n) ? 'factory' : 'notBundled'} as ${n}`)
        .join(', ')
      return {
        contents:
          `function notBundled() { throw new Error('zod ${unused} is not bundled into the cloud function') }\n` +
          `function factory() { return notBundled }\n` +
          `export { ${exported} }\n`,
        loader: 'js',
      }
    })
  },
}

/**
 * modern-ahocorasick (the sensitive-word matcher) belongs in lazy-words.js only. Its package
 * does not declare itself free of side effects, so esbuild would keep it in index.js for
 * content-check.ts's import even though index.js uses only that module's word-list functions;
 * it has none, and saying so lets esbuild leave it out.
 */
export const sideEffectFree: Plugin = {
  name: 'side-effect-free',
  setup(b) {
    b.onResolve({ filter: /^modern-ahocorasick$/ }, async (args) => {
      if (args.pluginData === 'side-effect-free') return undefined
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'side-effect-free',
      })
      return { ...resolved, sideEffects: false }
    })
  },
}

/**
 * The dynamic imports of server/lazy/load.ts stay out of index.js: each becomes a require of
 * the module's own file next to it (with `dynamic-import` unsupported, esbuild writes
 * `import('./x')` as a promise of `require('./lazy-x.js')`). A domain's file is a factory:
 * index.js calls it once with its shared modules (sharedModules) and keeps what it returns.
 */
export const lazyModulesExternal: Plugin = {
  name: 'lazy-modules-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/[a-z-]+$/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined
      if (path.resolve(args.importer) !== path.join(root, 'server/lazy/load.ts')) return undefined
      const name = args.path.slice(2) as LazyName
      if (!LAZY_MODULES.includes(name))
        throw new Error(`server/lazy/load.ts: unknown lazy module ${name}`)
      if (name in LAZY_DOMAINS) return { path: name, namespace: 'lazy-domain' }
      return { path: `./${lazyFile(name)}`, external: true }
    })
    b.onResolve({ filter: /.*/, namespace: 'lazy-domain' }, (args) =>
      args.path === SHARED
        ? { path: SHARED, namespace: SHARED }
        : { path: args.path, external: true },
    )
    b.onLoad({ filter: /.*/, namespace: 'lazy-domain' }, (args) => ({
      contents:
        `module.exports = require(${JSON.stringify(`./${lazyFile(args.path as LazyName)}`)})` +
        `(require(${JSON.stringify(SHARED)}).shared)\n`,
      loader: 'js',
    }))
  },
}

const SHARED = 'index-shared'

/** A path as the metafile names it: relative to the repository, with forward slashes. */
const metaPath = (file: string) => path.relative(root, file).split(path.sep).join('/')

/**
 * index.js's side of LAZY_DOMAINS: a module holding the namespaces of the modules (`keys`, as
 * the metafile names them) the domain files take from index.js. `shared(key)` answers one as
 * an ES module object whose bindings stay live.
 */
export function sharedModules(keys: readonly string[]): Plugin {
  return {
    name: 'shared-modules',
    setup(b) {
      b.onLoad({ filter: /.*/, namespace: SHARED }, () => ({
        contents:
          keys
            .map((key, i) => `import * as m${i} from ${JSON.stringify(path.join(root, key))}\n`)
            .join('') +
          `const all = {${keys.map((key, i) => `${JSON.stringify(key)}: m${i}`).join(', ')}}\n` +
          `export function shared(key) {\n` +
          `  const m = all[key]\n` +
          `  if (!m) throw new Error('index.js does not share ' + key)\n` +
          `  const o = {}\n` +
          `  for (const n of Object.keys(m)) Object.defineProperty(o, n, { enumerable: true, get: () => m[n] })\n` +
          `  return Object.defineProperty(o, '__esModule', { value: true })\n` +
          `}\n`,
        resolveDir: root,
        loader: 'js',
      }))
    },
  }
}

/**
 * A domain file's side: every module index.js holds (`indexInputs`), except those the domain
 * carries whole (`owned`), becomes `__shared(key)`, the factory's argument; `used` collects
 * the keys so taken.
 */
export function fromIndex(
  indexInputs: ReadonlySet<string>,
  owned: (file: string) => boolean,
  used: Set<string>,
): Plugin {
  return {
    name: 'from-index',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        // Resolutions other plugins ask for (they pass pluginData) are theirs.
        if (args.kind === 'entry-point' || args.pluginData !== undefined) return undefined
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'from-index',
        })
        if (resolved.errors.length > 0 || resolved.external || resolved.namespace !== 'file')
          return undefined
        const key = metaPath(resolved.path)
        if (!indexInputs.has(key) || owned(key)) return undefined
        used.add(key)
        return { path: key, namespace: 'from-index' }
      })
      b.onLoad({ filter: /.*/, namespace: 'from-index' }, (args) => ({
        contents: `module.exports = __shared(${JSON.stringify(args.path)})\n`,
        loader: 'js',
      }))
    },
  }
}

/**
 * server/bulletin/rich-text.ts and server/broadcast/script.rules.ts use only htmlparser2's `Parser`, but the
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
  return /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? '(our code)'
}

function bytesPerInput(
  meta: Metafile,
  output = 'cloudfunctions/api/index.js',
): Map<string, number> {
  const bytes = new Map<string, number>()
  for (const [file, { bytesInOutput }] of Object.entries(meta.outputs[output]?.inputs ?? {}))
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

export interface FunctionBuild {
  /** index.js: what a cold start loads. */
  bytes: number
  /** Every file written, by name (index.js and each lazy-*.js). */
  files: Record<string, number>
  meta: Metafile
  /** The modules index.js shares with the domain files, as the metafile names them. */
  shared: string[]
}

const commonOptions = {
  outdir: functionDir,
  // Metafile paths (cloudfunctions/api/index.js, server/…) are relative to the repository.
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: NODE_TARGET,
  // import() of a lazy module becomes a plain require of its file (lazyModulesExternal).
  supported: { 'dynamic-import': false },
  format: 'cjs',
  minify: true,
  // Chinese messages as UTF-8 (3 bytes a character) rather than \uXXXX escapes (6).
  charset: 'utf8',
  legalComments: 'none',
  external: ['wx-server-sdk'],
  metafile: true,
  logLevel: 'warning',
  tsconfig: path.join(root, 'tsconfig.json'),
} as const satisfies BuildOptions

const plugins = [zodLocalesShim, zodUnusedStub, htmlparser2Parser, sideEffectFree]

const entry = (name: LazyName) => [`lazy-${name}`, path.join(root, `server/lazy/${name}.ts`)]

/**
 * index.js with the library files, then the domain files against it. A domain file takes
 * from index.js every module index.js holds; index.js shares those it is asked for, which can
 * draw a few more modules into it, so the two are built again until the set asked for stays
 * the same (twice or three times).
 */
export async function buildFunction(): Promise<FunctionBuild> {
  let shared: string[] = []
  for (let round = 0; ; round++) {
    const index = await build({
      ...commonOptions,
      entryPoints: {
        index: path.join(functionDir, 'main.ts'),
        ...Object.fromEntries(LAZY_LIBRARIES.map(entry)),
      },
      plugins: [...plugins, lazyModulesExternal, sharedModules(shared)],
    })
    const indexInputs = new Set(
      Object.keys(index.metafile.outputs['cloudfunctions/api/index.js']?.inputs ?? {}),
    )
    const used = new Set<string>()
    const domains = await Promise.all(
      LAZY_DOMAIN_NAMES.map((name) => {
        const owned = (file: string) => LAZY_DOMAINS[name].some((own) => file.startsWith(own))
        return build({
          ...commonOptions,
          entryPoints: Object.fromEntries([entry(name)]),
          // The file is a factory of index.js's shared modules (lazyModulesExternal).
          banner: {
            js: 'module.exports=function(__shared){var module={exports:{}},exports=module.exports;',
          },
          footer: { js: 'return module.exports};' },
          plugins: [fromIndex(indexInputs, owned, used), ...plugins, lazyModulesExternal],
        })
      }),
    )
    const asked = [...used].sort()
    if (asked.every((key) => shared.includes(key)) || round >= 4) {
      if (!asked.every((key) => shared.includes(key)))
        throw new Error('index.js and the domain files did not settle on what they share')
      const meta: Metafile = { inputs: {}, outputs: {} }
      for (const m of [index.metafile, ...domains.map((d) => d.metafile)]) {
        Object.assign(meta.inputs, m.inputs)
        Object.assign(meta.outputs, m.outputs)
      }
      const names = ['index.js', ...LAZY_FILES]
      const files = Object.fromEntries(
        names.map((name) => [name, fs.statSync(path.join(functionDir, name)).size]),
      )
      return { bytes: files['index.js'] ?? NaN, files, meta, shared }
    }
    shared = [...new Set([...shared, ...asked])].sort()
  }
}

/** One fresh `node` requiring `target` after running `before`: wall and CPU milliseconds. */
function requireOnce(target: string, before: string): { wall: number; cpu: number } {
  const script =
    `${before}const c=process.cpuUsage(),t=process.hrtime.bigint();require(${JSON.stringify(target)});` +
    `const u=process.cpuUsage(c);` +
    `process.stdout.write(JSON.stringify({wall:Number(process.hrtime.bigint()-t)/1e6,cpu:(u.user+u.system)/1e3}))`
  const run = spawnSync(process.execPath, ['-e', script], {
    cwd: path.dirname(target),
    encoding: 'utf8',
    env: { ...process.env, ADMIN_OPENIDS: '' },
  })
  if (run.status !== 0) throw new Error(`require failed:\n${run.stderr}`)
  return JSON.parse(run.stdout) as { wall: number; cpu: number }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

/**
 * What our own code adds to a cold start before the first request is served: a fresh `node`
 * loads wx-server-sdk (the platform's, installed in the cloud, not ours to shrink), then
 * `require`s `file`; medians of `runs`. Wall time is what a caller waits on an idle machine;
 * CPU time (user + system of that require) barely moves when other work shares the machine,
 * so the budget is held against it. `sdk` is the SDK's own wall time, for comparison.
 */
export function coldRequireMs(
  runs = 7,
  file = bundlePath,
): { median: number; cpu: number; sdk: number } {
  const sdkPath = require.resolve('wx-server-sdk')
  const own = Array.from({ length: runs }, () =>
    requireOnce(file, `require(${JSON.stringify(sdkPath)});`),
  )
  const sdk = Array.from({ length: runs }, () => requireOnce(sdkPath, ''))
  return {
    median: median(own.map((r) => r.wall)),
    cpu: median(own.map((r) => r.cpu)),
    sdk: median(sdk.map((r) => r.wall)),
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** esbuild's own analysis of index.js, cut to its `top` largest modules. */
export async function topModules(meta: Metafile, top = 20): Promise<string> {
  const index = {
    ...meta,
    outputs: { 'cloudfunctions/api/index.js': meta.outputs['cloudfunctions/api/index.js']! },
  }
  const lines = (await analyzeMetafile(index)).split('\n').filter((l) => l.trim())
  return lines.slice(0, top + 1).join('\n')
}

async function cli() {
  const { bytes, files, meta } = await buildFunction()
  console.log('云函数 api（cloudfunctions/api/）：')
  for (const [name, size] of Object.entries(files)) {
    const note = name === 'index.js' ? `冷启动加载，上限 ${kb(MAX_BYTES)}` : '用到时才加载'
    console.log(`  ${name.padEnd(16)} ${kb(size).padStart(10)}  ${note}`)
  }
  console.log('index.js 按直接依赖划分（含它引入的全部包）：')
  for (const [name, size] of byDirectDependency(meta))
    console.log(`  ${name.padEnd(28)} ${kb(size).padStart(10)}`)
  console.log('index.js 最大的 12 个包：')
  for (const [name, size] of breakdown(meta).slice(0, 12))
    console.log(`  ${name.padEnd(28)} ${kb(size).padStart(10)}`)
  console.log('index.js 最大的 20 个模块（esbuild analyzeMetafile）：')
  console.log(await topModules(meta))
  const cold = coldRequireMs()
  const within = cold.cpu <= REQUIRE_BUDGET_MS ? '预算以内' : '超出预算'
  console.log(
    `index.js 冷启动 require（不含 wx-server-sdk，7 次中位数）：CPU ${cold.cpu.toFixed(0)} ms，` +
      `${within}（预算 ${REQUIRE_BUDGET_MS} ms）；墙钟 ${cold.median.toFixed(0)} ms` +
      `（机器忙时偏大）；wx-server-sdk 自身约 ${cold.sdk.toFixed(0)} ms`,
  )
  let failed = false
  if (bytes > MAX_BYTES) {
    console.error(`index.js ${kb(bytes)} 超过上限 ${kb(MAX_BYTES)}`)
    failed = true
  }
  if (cold.cpu > FAIL_REQUIRE_MS) {
    console.error(
      `index.js 冷启动 require 的 CPU 时间 ${cold.cpu.toFixed(0)} ms，远超预算（失败线 ${FAIL_REQUIRE_MS} ms）`,
    )
    failed = true
  }
  if (failed) process.exit(1)
}

if (require.main === module) {
  cli().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
