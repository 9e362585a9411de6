// WeChat's own 代码质量 checks (the devtools' 代码质量 panel), run offline by Tencent's
// miniprogram-ci (`checkCodeQuality`) on a built mini-program directory that holds its
// project.config.json (Taro copies the repository's into dist/ with miniprogramRoot "./").
//
// What miniprogram-ci 2.1.42 checks (node_modules/miniprogram-ci/dist/ci/checkCodeQuality.js):
// the compression items read project.config.json's setting.minified / minifyWXML / minifyWXSS;
// LAZYCODE_LOADING_OPEN reads app.json's lazyCodeLoading; the rest analyse the files. Two traps
// are handled here: a checker that throws is reported by miniprogram-ci as *passed* (it only
// logs the error), so any error it logs fails our check; and its code analyser leaves a file
// watcher running, so a process that ran the check must exit explicitly.
import path from 'node:path'

/** The eleven items miniprogram-ci 2.1.42 runs, in the panel's order, with our labels. */
export const QUALITY_ITEMS = [
  { name: 'PACKAGE_SIZE_LIMIT', title: '主包大小' },
  { name: 'JS_COMPRESS_OPEN', title: 'JS 压缩' },
  { name: 'WXML_COMPRESS_OPEN', title: 'WXML 压缩' },
  { name: 'WXSS_COMPRESS_OPEN', title: 'WXSS 压缩' },
  { name: 'LAZYCODE_LOADING_OPEN', title: '组件按需注入' },
  { name: 'IMAGE_AND_AUDIO_LIMIT', title: '图片和音频大小' },
  { name: 'CONTAINS_OTHER_PKG_JS', title: '主包只被分包用的 JS' },
  { name: 'CONTAINS_OTHER_PKG_COMPONENTS', title: '主包只被分包用的组件' },
  { name: 'CONTAINS_UNUSED_PLUGINS', title: '无使用的插件' },
  { name: 'CONTAINS_UNUSED_COMPONENTS', title: '无使用的组件' },
  { name: 'CONTAINS_UNUSED_CODES', title: '无依赖的文件' },
] as const

/** One item of `checkCodeQuality`'s answer (MiniProgramCI.ICheckResultItem). */
export interface QualityItem {
  name?: string
  success?: boolean
  text?: string
  docURL?: string
  detail?: unknown
}

export interface QualityRun {
  items: QualityItem[]
  /** What miniprogram-ci logged with console.error while checking: a checker that threw. */
  errors: string[]
}

export interface QualityVerdict {
  lines: string[]
  /** Why the check fails; empty when every item passed. */
  problems: string[]
}

const sizeText = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`
const MAX_LISTED = 5

function listed(values: string[]): string {
  const shown = values.slice(0, MAX_LISTED).join('、')
  return values.length > MAX_LISTED ? `${shown} 等 ${values.length} 个` : shown
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const asText = (v: unknown): string =>
  typeof v === 'string' ? v : isRecord(v) && typeof v.path === 'string' ? v.path : JSON.stringify(v)

/** A short Chinese summary of an item's `detail`, or '' when it says nothing. */
export function describeDetail(name: string | undefined, detail: unknown): string {
  if (name === 'PACKAGE_SIZE_LIMIT' && isRecord(detail))
    return Object.entries(detail)
      .filter((e): e is [string, number] => typeof e[1] === 'number')
      .map(([pkg, bytes]) => `${pkg === '__APP__' ? '主包' : pkg} ${sizeText(bytes)}`)
      .join('，')
  if (Array.isArray(detail)) return detail.length ? listed(detail.map(asText)) : ''
  if (isRecord(detail) && Array.isArray(detail.files)) {
    const files = detail.files.map(asText)
    const size =
      typeof detail.size === 'number' && detail.size > 0 ? `（${sizeText(detail.size)}）` : ''
    return files.length ? `${listed(files)}${size}` : ''
  }
  return ''
}

/** Judges a run: one line per item, and a problem for each failed, missing or broken item. */
export function judgeQuality(run: QualityRun): QualityVerdict {
  const lines = [`微信代码质量检查（miniprogram-ci checkCodeQuality，${QUALITY_ITEMS.length} 项）`]
  const problems: string[] = []
  const known = new Set<string>(QUALITY_ITEMS.map((i) => i.name))
  const rows = [
    ...QUALITY_ITEMS.map((item) => ({
      title: item.title as string,
      name: item.name as string,
      found: run.items.filter((r) => r.name === item.name),
    })),
    // Items a newer miniprogram-ci may add are judged too, under their own name.
    ...run.items
      .filter((r) => !known.has(r.name ?? ''))
      .map((r) => ({ title: r.name ?? '（无名）', name: r.name ?? '', found: [r] })),
  ]
  for (const row of rows) {
    const result = row.found[0]
    if (!result) {
      lines.push(`✗ 缺失  ${row.title}（${row.name}）：miniprogram-ci 没有返回这一项`)
      problems.push(`${row.title}（${row.name}）没有检查结果`)
      continue
    }
    const passed = result.success === true
    // miniprogram-ci fills a "%s" in its text with ":" when the list goes into detail.
    const text = (result.text ?? '').replace(/[\s:：]+$/, '')
    const detail = describeDetail(result.name, result.detail)
    lines.push(
      `${passed ? '✓ 通过' : '✗ 未通过'}  ${row.title}（${row.name}）：${text}` +
        (detail && !text.includes(detail) ? ` · ${detail}` : ''),
    )
    if (!passed) problems.push(`${row.title}（${row.name}）未通过：${text}`)
  }
  for (const error of run.errors) {
    lines.push(`✗ 检查出错（miniprogram-ci 会把出错的项算作通过）：${error}`)
    problems.push(`检查出错：${error}`)
  }
  lines.push(
    problems.length
      ? `微信代码质量检查未通过（${problems.length} 项）`
      : `微信代码质量检查通过（${QUALITY_ITEMS.length} 项）`,
  )
  return { lines, problems }
}

type Console = Pick<typeof console, 'log' | 'info' | 'warn' | 'error'>

/**
 * Runs miniprogram-ci's checkCodeQuality on `projectDir` (a directory with project.config.json
 * and the code at its miniprogramRoot). Offline: no key is needed, so a placeholder is passed.
 * miniprogram-ci's own chatter is kept off the console; what it logs as an error is returned.
 */
export async function runCodeQuality(projectDir: string): Promise<QualityRun> {
  const errors: string[] = []
  const saved: Console = { ...console }
  const quiet = () => undefined
  Object.assign(console, {
    log: quiet,
    info: quiet,
    warn: quiet,
    error: (...args: unknown[]) =>
      errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')),
  })
  try {
    const ci = await import('miniprogram-ci')
    ci.locales.setLocale('zh')
    const project = new ci.Project({
      type: 'miniProgram',
      projectPath: path.resolve(projectDir),
      // appid comes from the directory's project.config.json; the key is not read offline.
      appid: '',
      privateKey: 'not-used-offline',
    })
    const items = await ci.checkCodeQuality(project)
    return { items, errors }
  } finally {
    Object.assign(console, saved)
  }
}

// `tsx scripts/weapp-quality.ts [dir]`: only the code-quality check, on dir (default dist/).
if (path.resolve(process.argv[1] ?? '') === __filename) {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'))
  runCodeQuality(dir).then(
    (run) => {
      const verdict = judgeQuality(run)
      for (const line of verdict.lines) console.log(line)
      // miniprogram-ci leaves a file watcher running: leave explicitly.
      process.exit(verdict.problems.length ? 1 : 0)
    },
    (error: unknown) => {
      console.error('✗ 微信代码质量检查没有完成：', error)
      process.exit(1)
    },
  )
}
