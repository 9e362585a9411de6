import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appidProblem, gitDescription, keyProblem, STOPPED } from '../../../scripts/deploy-common'
import { functionPlan } from '../../../scripts/deploy-function'
import { weappPlan } from '../../../scripts/deploy-weapp'

const root = path.resolve(__dirname, '../../..')
const tsx = path.join(root, 'node_modules/.bin/tsx')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string
}
const project = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8')) as {
  appid: string
}

/** Runs a deploy script as `npm run deploy:…` would, without the deploy variables. */
function deploy(script: string, args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env }
  delete clean.WEAPP_UPLOAD_KEY
  delete clean.CLOUD_ENV
  const run = spawnSync(tsx, [path.join(root, 'scripts', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...clean, ...env },
  })
  return { code: run.status, out: run.stdout, err: run.stderr }
}

const NO_KEY = '没有设置代码上传密钥：请把密钥文件的路径写进环境变量 WEAPP_UPLOAD_KEY'

describe.each([
  ['deploy-weapp.ts', '将上传小程序（miniprogram-ci upload'],
  ['deploy-function.ts', '将上传云函数 api（miniprogram-ci cloud.uploadFunction'],
])('%s', (script, title) => {
  it('stops with exit code 2 and a Chinese message when no key is set, before building anything', () => {
    const { code, out, err } = deploy(script, [])
    expect(code).toBe(STOPPED)
    expect(code).toBe(2)
    expect(out).toContain(title)
    expect(err).toContain(NO_KEY)
    expect(err).toContain('「开发管理」→「开发设置」→「小程序代码上传」')
    expect(err).toContain('已停止：没有构建，也没有上传任何内容。')
    // Nothing was built: the build's own output would be on stdout.
    expect(out).not.toMatch(/Compiled|build:weapp\n|build:functions\n/)
  }, 60_000)

  it('stops when the key file does not exist', () => {
    const { code, err } = deploy(script, [], {
      WEAPP_UPLOAD_KEY: '/nonexistent/private.key',
      CLOUD_ENV: 'hemei-test-1a2b',
    })
    expect(code).toBe(2)
    expect(err).toContain('找不到代码上传密钥文件 /nonexistent/private.key')
  }, 60_000)

  it('--dry-run prints the plan, what would stop it, and exits 0', () => {
    const { code, out, err } = deploy(script, ['--dry-run'])
    expect(code).toBe(0)
    expect(err).toBe('')
    expect(out).toContain(title)
    expect(out).toContain(`AppID：${project.appid}（project.config.json）`)
    expect(out).toContain('代码上传密钥：未设置（环境变量 WEAPP_UPLOAD_KEY）')
    expect(out).toContain('真正上传前还需要解决：')
    expect(out).toContain(NO_KEY)
    expect(out).toContain('（--dry-run：只列出计划，没有构建、没有上传）')
  }, 60_000)
})

describe('deploy plans', () => {
  let tmp: string
  let key: string
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-deploy-'))
    key = path.join(tmp, 'private.wx0123456789abcdef.key')
    fs.writeFileSync(key, '-----BEGIN RSA PRIVATE KEY-----\n')
  })
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

  it('takes the version from package.json and the description from git', () => {
    const plan = weappPlan({}, true)
    expect(plan.facts).toContainEqual(['版本号', `${pkg.version}（package.json）`])
    expect(plan.facts).toContainEqual(['版本描述', gitDescription()])
    const head = spawnSync('git', ['log', '-1', '--format=%h'], { cwd: root, encoding: 'utf8' })
    // `git describe --always` is the commit hash, or tag-N-g<hash> once the repository has tags.
    expect(gitDescription()).toContain(head.stdout.trim())
    expect(plan.steps[0]).toBe('npm run build:weapp：构建小程序到 dist/')
    expect(weappPlan({}, false).steps[0]).toBe('不构建（--no-build），用现有的 dist/')
  })

  it('with a key file and CLOUD_ENV, only the placeholder AppID is left to fix', () => {
    const env = { WEAPP_UPLOAD_KEY: key, CLOUD_ENV: 'hemei-test-1a2b' }
    for (const plan of [weappPlan(env, true), functionPlan(env, true)]) {
      expect(plan.problems).toEqual([appidProblem('touristappid')])
      expect(plan.facts).toContainEqual(['代码上传密钥', key])
    }
    expect(keyProblem(env)).toBeUndefined()
    expect(appidProblem('wx0123456789abcdef')).toBeUndefined()
  })

  it('the function plan ships the bundle with its timer trigger from config.json', () => {
    const plan = functionPlan({ CLOUD_ENV: 'hemei-test-1a2b' }, true)
    expect(plan.facts).toContainEqual(['云环境', 'CLOUD_ENV=hemei-test-1a2b'])
    expect(plan.facts).toContainEqual([
      '云函数',
      'api：index.js、lazy-xlsx.js、lazy-qr.js、lazy-html.js、lazy-words.js、lazy-dev.js、' +
        'lazy-activities.js、lazy-activities-store.js、lazy-publish.js、lazy-publish-store.js、' +
        'lazy-roster.js、lazy-roster-store.js、lazy-broadcast.js、lazy-broadcast-store.js、' +
        'lazy-doorplates.js、lazy-doorplates-store.js、lazy-staff.js、package.json、config.json' +
        '（cloudfunctions/api/）',
    ])
    expect(plan.facts).toContainEqual(['定时触发器', 'tick（timer 0 */5 * * * * *）'])
    expect(functionPlan({}, true).problems).toContainEqual(
      expect.stringContaining('没有设置 CLOUD_ENV'),
    )
  })
})
