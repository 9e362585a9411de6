// The cloud function's bundle swaps parts of libraries (scripts/build-functions.ts): zod's
// locales and the zod modules it never runs, and htmlparser2 reduced to its Parser. The modules
// that use them are bundled here with those plugins and must answer exactly as they do
// unbundled: the rich-text sanitiser, the 广播稿 derived from a notice, and the contract's
// schemas parsing good and bad inputs (with zod's JSON Schema and compile modules stubbed out).
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { actions } from '../../../contract'
import { scriptOf } from '../../../server/broadcast/script.rules'
import { sanitizeBody } from '../../../server/bulletin/rich-text'
import {
  NODE_TARGET,
  ZOD_UNUSED,
  htmlparser2Parser,
  zodLocalesShim,
  zodUnusedStub,
} from '../../../scripts/build-functions'

const root = path.resolve(__dirname, '../../..')

interface Bundled {
  sanitizeBody: typeof sanitizeBody
  scriptOf: typeof scriptOf
  actions: typeof actions
  z: typeof import('zod').z
}

async function bundled(): Promise<{ mod: Bundled; inputs: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-bundle-'))
  const entry = path.join(dir, 'entry.ts')
  fs.writeFileSync(
    entry,
    `export { sanitizeBody } from ${JSON.stringify(path.join(root, 'server/bulletin/rich-text'))}
export { scriptOf } from ${JSON.stringify(path.join(root, 'server/broadcast/script.rules'))}
export { actions } from ${JSON.stringify(path.join(root, 'contract'))}
export { z } from 'zod'
`,
  )
  const outfile = path.join(dir, 'out.js')
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    outfile,
    metafile: true,
    absWorkingDir: root,
    nodePaths: [path.join(root, 'node_modules')],
    plugins: [zodLocalesShim, zodUnusedStub, htmlparser2Parser],
  })
  const mod = createRequire(outfile)(outfile) as Bundled
  fs.rmSync(dir, { recursive: true, force: true })
  return { mod, inputs: Object.keys(result.metafile.inputs) }
}

const bodies = [
  '<h2>通知</h2><p>12月4日（周五）14:30 在村委会开会，到会率须达到 95%。</p>',
  '<p onclick="x()">点<a href="javascript:alert(1)">这里</a><script>alert(1)</script>&amp;&nbsp;&lt;</p>',
  '<ol><li>清理庭院 3.5 亩</li><li>交费 120 元</li></ol><p><img src="x.jpg" onerror="y()">图为村道</p>',
  '<p>联系电话 13912345678，<strong>请转告</strong>家人。</p><ul><li>一</li></ul>',
]

describe('the function bundle’s library swaps', () => {
  it('holds htmlparser2’s Parser once, without its DOM half or the entity encoder, and no zod JSON Schema', async () => {
    const { inputs } = await bundled()
    // Files of a package, named from the package on (the innermost node_modules).
    const of = (name: string) =>
      inputs.map((i) => i.replace(/.*node_modules\//, '')).filter((i) => i.startsWith(`${name}/`))
    expect(of('htmlparser2')).toEqual([
      'htmlparser2/dist/commonjs/Tokenizer.js',
      'htmlparser2/dist/commonjs/Parser.js',
    ])
    expect([...of('domhandler'), ...of('domutils'), ...of('dom-serializer')]).toEqual([])
    expect(of('entities').filter((i) => /encode/.test(i))).toEqual([])
    // zod's locales: zh-CN only (en resolves to it too).
    expect(of('zod').filter((i) => /locales\/(?!zh-CN|index)/.test(i))).toEqual([])
    expect(ZOD_UNUSED.length).toBeGreaterThan(0)
  })

  it('sanitizes and scripts every sample exactly as the unbundled modules do', async () => {
    const { mod } = await bundled()
    for (const body of bodies) {
      expect(mod.sanitizeBody(body)).toBe(sanitizeBody(body))
      const clean = sanitizeBody(body)
      expect(mod.scriptOf('村里通知', clean)).toBe(scriptOf('村里通知', clean))
    }
    // And the sanitizer still does its work in the bundle.
    expect(mod.sanitizeBody(bodies[1] ?? '')).not.toMatch(/script|onclick|javascript/)
  })

  it('parses with every action’s input schema as unbundled zod does, messages in Chinese', async () => {
    const { mod } = await bundled()
    mod.z.config(mod.z.locales.zhCN())
    const samples: unknown[] = [
      {},
      null,
      'x',
      { id: 'abc', limit: 5 },
      { keyword: '长'.repeat(31) },
    ]
    const names = Object.keys(actions) as (keyof typeof actions)[]
    expect(names.length).toBeGreaterThan(100)
    for (const name of names) {
      for (const input of samples) {
        const here = actions[name].input.safeParse(input)
        const there = mod.actions[name].input.safeParse(input)
        expect(there.success, `${name} ${JSON.stringify(input)}`).toBe(here.success)
        if (!there.success) {
          // Chinese from the first schema on: no English default left behind.
          for (const issue of there.error.issues)
            expect(issue.message).not.toMatch(/^(Invalid|Too|Expected)/)
        }
      }
    }
    // What was stubbed out says so when called, rather than answering wrongly.
    expect(() => mod.z.toJSONSchema(mod.z.string())).toThrow(/not bundled/)
  })
})
