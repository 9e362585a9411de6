// `npm run deploy:function [-- --dry-run] [-- --no-build]`: uploads the `api` cloud function
// with Tencent's miniprogram-ci (cloud.uploadFunction, 云端安装依赖) and creates its timer
// triggers from cloudfunctions/api/config.json (cloud.createTimeTrigger), without devtools.
// Prints the plan first; stops with exit code 2 (nothing built or sent) when the key, the AppID
// or CLOUD_ENV is missing. Builds the bundle first (npm run build:functions, unless
// --no-build) and uploads only what the function runs: index.js with the lazy-*.js files it
// loads on first use, package.json, config.json.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  appidProblem,
  CLOUD_ENV,
  type DeployEnv,
  type DeployPlan,
  gitDescription,
  KEY_ENV,
  keyLine,
  keyProblem,
  npmRun,
  preflight,
  readProjectConfig,
  root,
  uploadErrorHint,
} from './deploy-common'
import { LAZY_FILES } from './build-functions'

export const FUNCTION_NAME = 'api'
export const functionDir = path.join(root, 'cloudfunctions', FUNCTION_NAME)
/**
 * The files the cloud runs: index.js and the modules it loads on first use (lazy-*.js, see
 * scripts/build-functions.ts); the sources next to them (main.ts, config.ts) stay behind.
 */
export const SHIPPED_FILES = ['index.js', ...LAZY_FILES, 'package.json', 'config.json'] as const

/** What cloud.createTimeTrigger answers on success (2.1.42). */
export const TRIGGERS_CREATED = '创建定时触发器成功'

export interface Trigger {
  name: string
  type: string
  config: string
}

export function functionTriggers(): Trigger[] {
  const config = JSON.parse(fs.readFileSync(path.join(functionDir, 'config.json'), 'utf8')) as {
    triggers?: Trigger[]
  }
  return config.triggers ?? []
}

export function functionPlan(env: DeployEnv, build: boolean): DeployPlan {
  const config = readProjectConfig()
  const cloudEnv = env[CLOUD_ENV]
  const problems = [appidProblem(config.appid), keyProblem(env)].filter(
    (p): p is string => p !== undefined,
  )
  if (!cloudEnv)
    problems.push(
      `没有设置 ${CLOUD_ENV}（要上传到的云环境 ID，云开发控制台 →「设置」里可以看到）：` +
        `例如 ${CLOUD_ENV}=hemei-prod-1a2b3c npm run deploy:function。`,
    )
  const triggers = functionTriggers()
  return {
    title: `将上传云函数 ${FUNCTION_NAME}（miniprogram-ci cloud.uploadFunction，云端安装依赖）：`,
    facts: [
      ['AppID', `${config.appid ?? '（空）'}（project.config.json）`],
      ['云环境', cloudEnv ? `${CLOUD_ENV}=${cloudEnv}` : `未设置（${CLOUD_ENV}）`],
      [
        '云函数',
        `${FUNCTION_NAME}：${SHIPPED_FILES.join('、')}（cloudfunctions/${FUNCTION_NAME}/）`,
      ],
      [
        '定时触发器',
        triggers.length
          ? triggers.map((t) => `${t.name}（${t.type} ${t.config}）`).join('、')
          : '无',
      ],
      ['代码版本', gitDescription()],
      ['代码上传密钥', keyLine(env)],
    ],
    steps: [
      ...(build
        ? ['npm run build:functions：打包 cloudfunctions/api/index.js 和用到时才加载的 lazy-*.js']
        : ['不打包（--no-build），用现有的 cloudfunctions/api/index.js 和 lazy-*.js']),
      `上传 ${SHIPPED_FILES.join('、')}，在云端安装依赖 wx-server-sdk，等待部署完成`,
      '按 config.json 创建定时触发器（同「上传触发器」）',
      '之后在云开发控制台核对超时时间（20 秒）和环境变量（DEPLOY.md 第 7 步），它们不随上传改变',
    ],
    problems,
  }
}

/** Copies the shipped files into a fresh directory named after the function. */
export function stageFunction(): string {
  const stage = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-function-')), FUNCTION_NAME)
  fs.mkdirSync(stage)
  for (const file of SHIPPED_FILES)
    fs.copyFileSync(path.join(functionDir, file), path.join(stage, file))
  return stage
}

async function main(argv: string[]): Promise<number> {
  const print = (line: string) => console.log(line)
  const printError = (line: string) => console.error(line)
  const build = !argv.includes('--no-build')
  const stop = preflight(functionPlan(process.env, build), {
    dryRun: argv.includes('--dry-run'),
    print,
    printError,
  })
  if (stop !== undefined) return stop

  if (build && !npmRun('build:functions')) {
    printError('✗ 云函数打包失败，没有上传。')
    return 1
  }
  const missing = SHIPPED_FILES.filter((f) => !fs.existsSync(path.join(functionDir, f)))
  if (missing.length) {
    printError(
      `✗ cloudfunctions/${FUNCTION_NAME}/ 缺少 ${missing.join('、')}：请先运行 npm run build:functions。`,
    )
    return 1
  }
  const stage = stageFunction()
  const env = process.env[CLOUD_ENV] ?? ''
  const ci = await import('miniprogram-ci')
  ci.locales.setLocale('zh')
  const project = new ci.Project({
    type: 'miniProgram',
    projectPath: root,
    appid: readProjectConfig().appid ?? '',
    privateKeyPath: process.env[KEY_ENV],
    ignores: ['node_modules/**/*', 'dist-h5/**/*'],
  })
  try {
    print(`正在上传云函数 ${FUNCTION_NAME} 到 ${env}（云端安装依赖，通常要一两分钟）……`)
    const result = await ci.cloud.uploadFunction({
      project,
      env,
      name: FUNCTION_NAME,
      path: stage,
      remoteNpmInstall: true,
    })
    print(`✓ 云函数已部署：${JSON.stringify(result)}`)
    const triggers = functionTriggers()
    if (triggers.length) {
      // miniprogram-ci answers a failure with a sentence instead of throwing.
      const answer = await ci.cloud.createTimeTrigger({
        project,
        envId: env,
        functionName: FUNCTION_NAME,
        triggersConfig: triggers,
      })
      if (answer !== TRIGGERS_CREATED) {
        printError(
          `✗ 定时触发器没有创建：${answer}。请在开发者工具里右键 config.json →「上传触发器」（DEPLOY.md 第 6 步）。`,
        )
        return 1
      }
      print(`✓ 定时触发器：${triggers.map((t) => t.name).join('、')}`)
    }
    print('下一步：在云开发控制台核对 api 的超时时间和环境变量（DEPLOY.md 第 7 步）。')
    return 0
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    printError(`✗ 上传失败：${message}`)
    const hint = uploadErrorHint(message)
    if (hint) printError(`  ${hint}`)
    return 1
  } finally {
    fs.rmSync(path.dirname(stage), { recursive: true, force: true })
  }
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  // miniprogram-ci leaves timers running: leave explicitly.
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('✗ 上传没有完成：', error)
      process.exit(1)
    },
  )
}
