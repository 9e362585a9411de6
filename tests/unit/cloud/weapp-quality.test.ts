import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  describeDetail,
  judgeQuality,
  QUALITY_ITEMS,
  type QualityItem,
} from '../../../scripts/weapp-quality'

const root = path.resolve(__dirname, '../../..')
const tsx = path.join(root, 'node_modules/.bin/tsx')
const names = QUALITY_ITEMS.map((i) => i.name)

/**
 * A tiny mini-program that fails every item miniprogram-ci can fail: compression off, no
 * lazyCodeLoading, a 1.6 MB image (over 200 KB of images and over the 1.5 MB main package),
 * a main-package JS file only a subpackage requires, a component only a subpackage uses, a
 * plugin nobody uses, a declared component no template uses, and a file nothing requires.
 * `fixed` turns each fault off.
 */
function writeFixture(dir: string, fixed: boolean) {
  const write = (rel: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    fs.writeFileSync(path.join(dir, rel), content)
  }
  write(
    'project.config.json',
    JSON.stringify({
      miniprogramRoot: './',
      appid: 'touristappid',
      compileType: 'miniprogram',
      setting: {
        minified: fixed,
        minifyWXML: fixed,
        minifyWXSS: fixed,
        // miniprogram-ci reports files nothing requires only when these are off.
        ignoreDevUnusedFiles: false,
        ignoreUploadUnusedFiles: false,
      },
    }),
  )
  write(
    'app.json',
    JSON.stringify({
      pages: ['pages/index/index'],
      subPackages: [{ root: 'sub', pages: ['pages/a/index'] }],
      ...(fixed
        ? { lazyCodeLoading: 'requiredComponents' }
        : { plugins: { unused: { version: '1.0.0', provider: 'wx0000000000000000' } } }),
    }),
  )
  write('app.js', 'App({})')
  write('pages/index/index.js', 'Page({})')
  write(
    'pages/index/index.json',
    JSON.stringify(fixed ? {} : { usingComponents: { 'never-used': '/components/unused/index' } }),
  )
  write('pages/index/index.wxml', '<view>首页</view>')
  write(fixed ? 'sub/shared.js' : 'utils/only-sub.js', 'module.exports = { v: 1 }')
  const required = fixed ? '../../shared.js' : '../../../utils/only-sub.js'
  write('sub/pages/a/index.js', `const u = require('${required}'); Page({ data: { v: u.v } })`)
  const subComp = fixed ? '/sub/comp/index' : '/components/only-sub/index'
  write('sub/pages/a/index.json', JSON.stringify({ usingComponents: { 'only-sub': subComp } }))
  write('sub/pages/a/index.wxml', '<only-sub />')
  for (const comp of fixed ? ['sub/comp'] : ['components/only-sub', 'components/unused']) {
    write(`${comp}/index.js`, 'Component({})')
    write(`${comp}/index.json`, '{"component":true}')
    write(`${comp}/index.wxml`, '<view />')
  }
  if (!fixed) write('orphan.js', 'module.exports = 2')
  write('assets/picture.png', Buffer.alloc(fixed ? 10 * 1024 : 1600 * 1024, 7))
}

function runQuality(dir: string) {
  const run = spawnSync(tsx, [path.join(root, 'scripts/weapp-quality.ts'), dir], {
    cwd: root,
    encoding: 'utf8',
  })
  return { code: run.status, out: run.stdout, err: run.stderr }
}

describe('WeChat code-quality check (miniprogram-ci checkCodeQuality) over fixtures', () => {
  let tmp: string
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-quality-'))
    writeFixture(path.join(tmp, 'broken'), false)
    writeFixture(path.join(tmp, 'fixed'), true)
  })
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

  it('fails every item that miniprogram-ci can fail, and prints all eleven', () => {
    const { code, out } = runQuality(path.join(tmp, 'broken'))
    expect(code).toBe(1)
    const failed = out.split('\n').filter((l) => l.startsWith('✗ 未通过'))
    const passed = out.split('\n').filter((l) => l.startsWith('✓ 通过'))
    // CONTAINS_OTHER_PKG_COMPONENTS is informational in miniprogram-ci 2.1.42: it always passes,
    // with the components it found as detail.
    expect(failed.map((l) => /（([A-Z_]+)）/.exec(l)?.[1])).toEqual(
      names.filter((n) => n !== 'CONTAINS_OTHER_PKG_COMPONENTS'),
    )
    expect(passed).toEqual([
      expect.stringContaining(
        'CONTAINS_OTHER_PKG_COMPONENTS）：主包内不应存在主包未使用的组件 · components/only-sub/index',
      ),
    ])
    expect(out).toContain(
      '主包大小（PACKAGE_SIZE_LIMIT）：主包尺寸（不包含插件）应小于 1.5 M · 主包 1',
    )
    expect(out).toContain(
      '主包只被分包用的 JS（CONTAINS_OTHER_PKG_JS）：主包内不应存在主包未使用的JS文件 · utils/only-sub.js',
    )
    expect(out).toContain(
      '无使用的插件（CONTAINS_UNUSED_PLUGINS）：不应存在无使用的插件 wx0000000000000000',
    )
    expect(out).toContain(
      '无使用的组件（CONTAINS_UNUSED_COMPONENTS）：不应存在无使用的组件 · components/unused/index.json',
    )
    expect(out).toContain('无依赖的文件（CONTAINS_UNUSED_CODES）：不应存在无依赖文件 · orphan.js')
    expect(out).toContain('微信代码质量检查未通过（10 项）')
  }, 120_000)

  it('passes all eleven once each fault is fixed', () => {
    const { code, out } = runQuality(path.join(tmp, 'fixed'))
    expect(out.split('\n').filter((l) => l.startsWith('✓ 通过'))).toHaveLength(11)
    expect(out).toContain('微信代码质量检查通过（11 项）')
    expect(code).toBe(0)
  }, 120_000)
})

describe('judging a checkCodeQuality answer', () => {
  const allPassed = (): QualityItem[] =>
    names.map((name) => ({ name, success: true, text: `${name} 的说明 :` }))

  it('passes when all eleven passed, one line per item in the panel order', () => {
    const verdict = judgeQuality({ items: allPassed().reverse(), errors: [] })
    expect(verdict.problems).toEqual([])
    expect(verdict.lines.slice(1, 12).map((l) => /（([A-Z_]+)）/.exec(l)?.[1])).toEqual(names)
    expect(verdict.lines[1]).toBe(
      '✓ 通过  主包大小（PACKAGE_SIZE_LIMIT）：PACKAGE_SIZE_LIMIT 的说明',
    )
    expect(verdict.lines.at(-1)).toBe('微信代码质量检查通过（11 项）')
  })

  it('fails on one failed item and names it', () => {
    const items = allPassed()
    items[4] = { name: 'LAZYCODE_LOADING_OPEN', success: false, text: '启用组件按需注入' }
    const verdict = judgeQuality({ items, errors: [] })
    expect(verdict.problems).toEqual([
      '组件按需注入（LAZYCODE_LOADING_OPEN）未通过：启用组件按需注入',
    ])
    expect(verdict.lines).toContain(
      '✗ 未通过  组件按需注入（LAZYCODE_LOADING_OPEN）：启用组件按需注入',
    )
  })

  it('fails when an item is missing from the answer, or success is not true', () => {
    const items = allPassed().filter((i) => i.name !== 'CONTAINS_UNUSED_CODES')
    items[0] = { name: 'PACKAGE_SIZE_LIMIT', text: '没有 success 字段' }
    expect(judgeQuality({ items, errors: [] }).problems).toEqual([
      '主包大小（PACKAGE_SIZE_LIMIT）未通过：没有 success 字段',
      '无依赖的文件（CONTAINS_UNUSED_CODES）没有检查结果',
    ])
  })

  it('fails when miniprogram-ci logged an error, though it reports the broken item as passed', () => {
    const verdict = judgeQuality({ items: allPassed(), errors: ['ENOENT: app.json'] })
    expect(verdict.problems).toEqual(['检查出错：ENOENT: app.json'])
    expect(verdict.lines.at(-1)).toBe('微信代码质量检查未通过（1 项）')
  })

  it('judges an item a newer miniprogram-ci adds', () => {
    const items = [
      ...allPassed(),
      { name: 'CONTAINS_APPSECRET', success: false, text: '含有 AppSecret' },
    ]
    expect(judgeQuality({ items, errors: [] }).problems).toEqual([
      'CONTAINS_APPSECRET（CONTAINS_APPSECRET）未通过：含有 AppSecret',
    ])
  })

  it('summarises details: package sizes, file lists (five at most), plain lists', () => {
    expect(
      describeDetail('PACKAGE_SIZE_LIMIT', { __APP__: 1536 * 1024, 'packages/staff/': 900 }),
    ).toBe('主包 1536.0 KB，packages/staff/ 900 B')
    const files = ['a.js', 'b.js', 'c.js', 'd.js', 'e.js', 'f.js']
    expect(describeDetail('CONTAINS_OTHER_PKG_JS', { size: 2048, files })).toBe(
      'a.js、b.js、c.js、d.js、e.js 等 6 个（2.0 KB）',
    )
    expect(describeDetail('CONTAINS_OTHER_PKG_JS', { size: 0, files: [] })).toBe('')
    expect(describeDetail('CONTAINS_UNUSED_CODES', ['orphan.js'])).toBe('orphan.js')
    expect(describeDetail('JS_COMPRESS_OPEN', undefined)).toBe('')
  })
})
