import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { measureChunk, printSizeReport, sizeReport } from '../../../scripts/size-weapp'

// Chunks shaped like Taro 4.2.1's minified weapp output: a `webpackJsonp.push([[ids], {…}])`.
const jsonp = (modules: Record<string, string>) =>
  `require("./runtime");(wx.webpackJsonp=wx.webpackJsonp||[]).push([[1],{` +
  Object.entries(modules)
    .map(([id, body]) => `${id}:function(e,t,n){${body}}`)
    .join(',') +
  `}]);`

describe('size:weapp', () => {
  it('measures each module of a chunk in bytes as shipped, UTF-8 included', () => {
    const source = jsonp({ 11: 'e.exports="和美"', 2048: 'e.exports=1' })
    const sizes = measureChunk(source)
    // Each module is its `id:function…{…}` property; the Chinese characters are 3 bytes each.
    expect(sizes.get('11')).toBe(Buffer.byteLength('11:function(e,t,n){e.exports="和美"}'))
    expect(sizes.get('11')).toBe('11:function(e,t,n){e.exports="ab"}'.length + 4)
    expect(sizes.get('2048')).toBe('2048:function(e,t,n){e.exports=1}'.length)
    expect([...sizes.keys()]).toEqual(['11', '2048'])
  })

  it('finds no modules in a file without a chunk table', () => {
    expect(measureChunk('!function(){var e={};self.x=e}();').size).toBe(0)
  })

  describe('over a dist/', () => {
    let dist: string
    const write = (rel: string, content: string) => {
      fs.mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true })
      fs.writeFileSync(path.join(dist, rel), content)
    }
    beforeEach(() => {
      dist = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-size-'))
      write(
        'app.json',
        JSON.stringify({
          pages: ['pages/index/index'],
          subPackages: [{ root: 'packages/staff/', pages: ['pages/tools/index'] }],
        }),
      )
      write('vendors.js', jsonp({ 1: 'x'.repeat(3000), 2: 'y'.repeat(100) }))
      write('pages/index/index.js', jsonp({ 3: 'z'.repeat(500), 1: 'x'.repeat(3000) }))
      write('pages/index/index.wxss', '.a{}'.repeat(100))
      // A subpackage module, however large, is not in the main package.
      write('packages/staff/pages/tools/index.js', jsonp({ 4: 'w'.repeat(90_000) }))
    })
    afterEach(() => fs.rmSync(dist, { recursive: true, force: true }))

    it('ranks the main package modules by bytes, summed over the files they are in', () => {
      const stats = {
        modules: [
          { id: 1, name: './node_modules/big/index.js' },
          { id: 2, name: './src/small.ts' },
          { id: 3, name: './src/pages/index/index.tsx + 2 modules' },
          { id: 4, name: './src/staff-only.ts' },
          { id: null, name: 'a module webpack dropped' },
        ],
      }
      const report = sizeReport(dist, stats)
      const one = '1:function(e,t,n){}'.length + 3000
      expect(report.modules.map((m) => [m.name, m.bytes])).toEqual([
        ['./node_modules/big/index.js', 2 * one],
        ['./src/pages/index/index.tsx + 2 modules', '3:function(e,t,n){}'.length + 500],
        ['./src/small.ts', '2:function(e,t,n){}'.length + 100],
      ])
      expect(report.modules[0]!.files).toEqual(['pages/index/index.js', 'vendors.js'])
      const mainFiles = ['app.json', 'vendors.js', 'pages/index/index.js', 'pages/index/index.wxss']
      expect(report.mainBytes).toBe(
        mainFiles.reduce((sum, f) => sum + fs.statSync(path.join(dist, f)).size, 0),
      )
      expect(report.byExtension['.wxss']).toBe(400)
      const wrapper = jsonp({}).length + 1 // the chunk shell around the modules, and one comma
      expect(report.overhead.map((o) => o.bytes)).toEqual([wrapper, wrapper])

      const lines: string[] = []
      printSizeReport(report, (l) => lines.push(l), 2)
      // 2 × 3,019 + 519 + 119 = 6,676 B
      const main = report.mainBytes.toLocaleString('en-US')
      const left = (593_000 - report.mainBytes).toLocaleString('en-US')
      expect(lines[0]).toBe(
        `主包 ${(report.mainBytes / 1024).toFixed(1)} KB（${main} B），预算 593,000 B，余 ${left} B`,
      )
      expect(lines).toContain('主包 .js 里的模块 3 个，共 6.5 KB（压缩后字节）；最大的 2 个：')
      expect(lines.filter((l) => /^ ?\d+\. /.test(l))).toHaveLength(2)
      expect(lines.some((l) => l.includes('staff-only'))).toBe(false)
    })

    it('names a module missing from the stats by its id', () => {
      const report = sizeReport(dist, { modules: [] })
      expect(report.modules.map((m) => m.name)).toContain('模块 3（不在 webpack 清单里）')
    })
  })
})
