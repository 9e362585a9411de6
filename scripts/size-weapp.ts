// `npm run size:weapp`: the twenty largest modules of the weapp's main package.
// Builds the weapp with WEAPP_STATS set, so config/weapp-stats-plugin.ts writes webpack's module
// list (id → name); then reads every .js file of the main package in dist/, finds each module
// in the chunk's `webpackJsonp.push([[ids], { id: function… }])` table and counts its minified
// bytes as shipped. A concatenated module counts as one ("./src/x.ts + 12 modules"). Bytes of
// a .js file outside any module (webpack's runtime, the chunk wrapper) are listed per file.
// `--no-build` reuses the last build and stats file.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { WEAPP_STATS_ENV } from '../config/weapp-stats-plugin'
import { type AppJson, filesUnder, MAIN_PACKAGE_BUDGET, subpackagesOf } from './check-weapp'

const root = path.resolve(__dirname, '..')
export const DEFAULT_STATS_FILE = path.join(root, 'node_modules/.cache/hemei/weapp-stats.json')
export const TOP = 20

export interface StatsModule {
  id?: string | number | null
  name?: string
  modules?: StatsModule[]
}

export interface SizeRow {
  name: string
  bytes: number
  /** Files of the main package the bytes are in. */
  files: string[]
}

export interface SizeReport {
  mainBytes: number
  /** Bytes per file extension in the main package. */
  byExtension: Record<string, number>
  /** Every module found in the main package's .js files, largest first. */
  modules: SizeRow[]
  /** .js bytes outside any module, per file. */
  overhead: SizeRow[]
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8')

function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isNumericLiteral(name) || ts.isStringLiteral(name) || ts.isIdentifier(name))
    return name.text
  return undefined
}

/**
 * Module id → minified bytes of one webpack chunk file: the properties of the object literal
 * given as the second element of the array passed to `….push([...])`.
 */
export function measureChunk(source: string): Map<string, number> {
  const file = ts.createSourceFile(
    'chunk.js',
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.JS,
  )
  const sizes = new Map<string, number>()
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'push'
    ) {
      const [arg] = node.arguments
      const table = arg && ts.isArrayLiteralExpression(arg) ? arg.elements[1] : undefined
      if (table && ts.isObjectLiteralExpression(table)) {
        for (const prop of table.properties) {
          const key = prop.name && propertyKey(prop.name)
          if (key === undefined) continue
          sizes.set(
            key,
            (sizes.get(key) ?? 0) + utf8Bytes(source.slice(prop.getStart(file), prop.end)),
          )
        }
        return
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return sizes
}

/** Module id → webpack's readable name, from the stats file. */
export function moduleNames(modules: StatsModule[]): Map<string, string> {
  const names = new Map<string, string>()
  for (const m of modules)
    if (m.id !== null && m.id !== undefined && m.name) names.set(String(m.id), m.name)
  return names
}

/** The main package's files (relative, '/'-separated): everything outside subpackage roots. */
export function mainPackageFiles(dist: string): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as AppJson
  const roots = subpackagesOf(app).map((s) => `${s.root}/`)
  return filesUnder(dist)
    .map((f) => path.relative(dist, f).split(path.sep).join('/'))
    .filter((rel) => !roots.some((r) => rel.startsWith(r)))
}

export function sizeReport(dist: string, stats: { modules?: StatsModule[] }): SizeReport {
  const names = moduleNames(stats.modules ?? [])
  const files = mainPackageFiles(dist)
  const byExtension: Record<string, number> = {}
  const rows = new Map<string, SizeRow>()
  const overhead: SizeRow[] = []
  let mainBytes = 0
  for (const rel of files) {
    const full = path.join(dist, rel)
    const bytes = fs.statSync(full).size
    mainBytes += bytes
    const ext = path.extname(rel) || '(无扩展名)'
    byExtension[ext] = (byExtension[ext] ?? 0) + bytes
    if (ext !== '.js') continue
    let inModules = 0
    for (const [id, size] of measureChunk(fs.readFileSync(full, 'utf8'))) {
      const name = names.get(id) ?? `模块 ${id}（不在 webpack 清单里）`
      const row = rows.get(name) ?? { name, bytes: 0, files: [] }
      row.bytes += size
      row.files.push(rel)
      rows.set(name, row)
      inModules += size
    }
    overhead.push({ name: `${rel} 模块之外`, bytes: bytes - inModules, files: [rel] })
  }
  const bySize = (a: SizeRow, b: SizeRow) => b.bytes - a.bytes || a.name.localeCompare(b.name)
  return {
    mainBytes,
    byExtension,
    modules: [...rows.values()].sort(bySize),
    overhead: overhead.filter((o) => o.bytes > 0).sort(bySize),
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export function printSizeReport(report: SizeReport, print: (line: string) => void, top = TOP) {
  const bytes = (n: number) => `${n.toLocaleString('en-US')} B`
  const left = MAIN_PACKAGE_BUDGET - report.mainBytes
  print(
    `主包 ${kb(report.mainBytes)}（${bytes(report.mainBytes)}），预算 ${bytes(MAIN_PACKAGE_BUDGET)}，` +
      (left >= 0 ? `余 ${bytes(left)}` : `超出 ${bytes(-left)}`),
  )
  print(
    '按文件类型：' +
      Object.entries(report.byExtension)
        .sort((a, b) => b[1] - a[1])
        .map(([ext, bytes]) => `${ext} ${kb(bytes)}`)
        .join('，'),
  )
  const moduleBytes = report.modules.reduce((sum, m) => sum + m.bytes, 0)
  print(
    `主包 .js 里的模块 ${report.modules.length} 个，共 ${kb(moduleBytes)}（压缩后字节）；最大的 ${top} 个：`,
  )
  report.modules.slice(0, top).forEach((m, i) => {
    const share = ((m.bytes / report.mainBytes) * 100).toFixed(1)
    print(
      `${String(i + 1).padStart(2)}. ${kb(m.bytes).padStart(9)} ${share.padStart(4)}%  ${m.name}  [${m.files.join(', ')}]`,
    )
  })
  print('.js 文件里模块之外的字节（webpack 运行时、chunk 外壳）：')
  for (const o of report.overhead.slice(0, 5)) print(`    ${kb(o.bytes).padStart(9)}  ${o.name}`)
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  const args = process.argv.slice(2)
  const statsFile = process.env[WEAPP_STATS_ENV] || DEFAULT_STATS_FILE
  if (!args.includes('--no-build')) {
    const build = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, [WEAPP_STATS_ENV]: statsFile },
      shell: process.platform === 'win32',
    })
    if (build.status !== 0) {
      console.error('小程序构建失败')
      process.exit(build.status ?? 1)
    }
  }
  if (!fs.existsSync(statsFile)) {
    console.error(`没有 ${statsFile}：请先运行 npm run size:weapp（不带 --no-build）`)
    process.exit(1)
  }
  const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8')) as { modules?: StatsModule[] }
  printSizeReport(sizeReport(path.join(root, 'dist'), stats), (line) => console.log(line))
}
