// Shared by `npm run deploy:weapp` and `npm run deploy:function`: what the upload will use
// (AppID from project.config.json, version from package.json, description from git, the
// township's code-upload key from an environment variable), printed before anything happens;
// the checks that stop a deploy with exit code 2 before anything is built or sent.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const root = path.resolve(__dirname, '..')

/** The environment variables a deploy reads (process.env, or a test's own). */
export type DeployEnv = Record<string, string | undefined>

/** Path of the 代码上传密钥 file (private.<appid>.key) downloaded from mp.weixin.qq.com. */
export const KEY_ENV = 'WEAPP_UPLOAD_KEY'
/** The cloud environment id; the weapp build reads the same variable (config/index.ts). */
export const CLOUD_ENV = 'CLOUD_ENV'
/** Exit code of a deploy stopped before it started (no key, no AppID, no environment…). */
export const STOPPED = 2
/** WeChat keeps an upload description short; longer ones are cut. */
export const MAX_DESCRIPTION = 100

export interface ProjectConfig {
  appid?: string
  miniprogramRoot?: string
  setting?: Record<string, unknown>
}

export function readProjectConfig(dir = root): ProjectConfig {
  return JSON.parse(fs.readFileSync(path.join(dir, 'project.config.json'), 'utf8')) as ProjectConfig
}

export function packageVersion(dir = root): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    version?: string
  }
  return pkg.version ?? '0.0.0'
}

function git(args: string[], cwd: string): string | undefined {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8' })
  return run.status === 0 ? run.stdout.trim() : undefined
}

/** `git describe --always --dirty` and the last commit's subject, cut to MAX_DESCRIPTION. */
export function gitDescription(dir = root): string {
  const describe = git(['describe', '--always', '--dirty'], dir)
  const subject = git(['log', '-1', '--format=%s'], dir)
  const text = [describe, subject].filter(Boolean).join(' ') || '（不在 git 仓库里，没有提交说明）'
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text
}

const KEY_HELP =
  '代码上传密钥在微信公众平台 mp.weixin.qq.com「开发管理」→「开发设置」→「小程序代码上传」生成并下载，' +
  '详见 DEPLOY.md「用脚本上传」'

/** Why the upload cannot start with this key setting, or undefined when the key file is there. */
export function keyProblem(env: DeployEnv): string | undefined {
  const keyPath = env[KEY_ENV]
  if (!keyPath)
    return (
      `没有设置代码上传密钥：请把密钥文件的路径写进环境变量 ${KEY_ENV}，` +
      `例如 ${KEY_ENV}=/安全的目录/private.wx1234567890abcdef.key。${KEY_HELP}。`
    )
  if (!fs.existsSync(keyPath))
    return `找不到代码上传密钥文件 ${keyPath}（环境变量 ${KEY_ENV}）。${KEY_HELP}。`
  return undefined
}

export function appidProblem(appid: string | undefined): string | undefined {
  if (!appid || appid === 'touristappid')
    return (
      `project.config.json 的 appid 还是「${appid ?? ''}」：请改成本镇小程序的 AppID` +
      '（mp.weixin.qq.com「开发管理」→「开发设置」，见 DEPLOY.md 第 3 步）。'
    )
  return undefined
}

export function keyLine(env: DeployEnv): string {
  const keyPath = env[KEY_ENV]
  if (!keyPath) return `未设置（环境变量 ${KEY_ENV}）`
  return `${keyPath}${fs.existsSync(keyPath) ? '' : '（文件不存在）'}`
}

export interface DeployPlan {
  title: string
  /** Label → value, printed as a table. */
  facts: [string, string][]
  /** What will run, in order. */
  steps: string[]
  /** Why it cannot start; printed, and the deploy stops with exit code 2. */
  problems: string[]
}

export function printPlan(plan: DeployPlan, print: (line: string) => void) {
  print(plan.title)
  for (const [label, value] of plan.facts) print(`  ${label}：${value}`)
  print('步骤：')
  plan.steps.forEach((step, i) => print(`  ${i + 1}. ${step}`))
}

export interface RunOptions {
  dryRun: boolean
  print: (line: string) => void
  printError: (line: string) => void
}

/**
 * Prints the plan; with --dry-run stops there (exit 0, listing what would stop a real run);
 * otherwise stops with exit code 2 on any problem, before building or sending anything.
 * Answers undefined when the deploy may go ahead.
 */
export function preflight(plan: DeployPlan, options: RunOptions): number | undefined {
  printPlan(plan, options.print)
  if (options.dryRun) {
    if (plan.problems.length) {
      options.print('真正上传前还需要解决：')
      for (const problem of plan.problems) options.print(`  ✗ ${problem}`)
    }
    options.print('（--dry-run：只列出计划，没有构建、没有上传）')
    return 0
  }
  if (plan.problems.length) {
    for (const problem of plan.problems) options.printError(`✗ ${problem}`)
    options.printError('已停止：没有构建，也没有上传任何内容。')
    return STOPPED
  }
  return undefined
}

/** Runs an npm script with the console attached; answers whether it succeeded. */
export function npmRun(script: string): boolean {
  const run = spawnSync('npm', ['run', script], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  return run.status === 0
}

/** A Chinese hint for the errors WeChat's upload service answers most often. */
export function uploadErrorHint(message: string): string | undefined {
  if (/invalid ip/i.test(message))
    return (
      '这台电脑的公网 IP 不在代码上传的 IP 白名单里：在「开发管理」→「开发设置」→「小程序代码上传」' +
      '把它加进白名单（DEPLOY.md「用脚本上传」第 2 步），几分钟后再试。'
    )
  if (/private ?key|privatekey|signature|sign/i.test(message))
    return '代码上传密钥不对：确认它是本小程序（这个 AppID）的密钥，且是最近一次重置后下载的。'
  if (/env not found/i.test(message))
    return `找不到云环境 ${CLOUD_ENV}：确认环境 ID 属于这个 AppID（云开发控制台 →「设置」）。`
  return undefined
}
