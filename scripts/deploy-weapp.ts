// `npm run deploy:weapp [-- --dry-run] [-- --no-build]`: uploads the mini-program as a 开发版本
// with Tencent's miniprogram-ci and the township's code-upload key, without WeChat devtools.
// Prints the plan first; stops with exit code 2 (nothing built or sent) when the key, the AppID
// or the build's cloud environment is missing. Then builds (npm run build:weapp, unless
// --no-build), runs every check of check:weapp on dist/ and uploads dist/ with the settings of
// project.config.json (compression as the code-quality check requires).
import path from 'node:path'
import { runAllWeappChecks } from './check-weapp'
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
  packageVersion,
  preflight,
  readProjectConfig,
  root,
  uploadErrorHint,
} from './deploy-common'

/** miniprogram-ci's robot number (1–30): each robot's upload is its own 开发版本 slot. */
export const ROBOT = 1

export function weappPlan(env: DeployEnv, build: boolean): DeployPlan {
  const config = readProjectConfig()
  const dist = path.join(root, config.miniprogramRoot ?? 'dist/')
  const cloudEnv = env[CLOUD_ENV]
  const problems = [appidProblem(config.appid), keyProblem(env)].filter(
    (p): p is string => p !== undefined,
  )
  if (!cloudEnv)
    problems.push(
      `没有设置 ${CLOUD_ENV}（云环境 ID）：它在构建时写进小程序，没有它小程序会连到「默认环境」。` +
        `请先 export ${CLOUD_ENV}=你的环境 ID（DEPLOY.md 第 3 步）。`,
    )
  return {
    title: '将上传小程序（miniprogram-ci upload，成为「开发版本」）：',
    facts: [
      ['AppID', `${config.appid ?? '（空）'}（project.config.json）`],
      ['版本号', `${packageVersion()}（package.json）`],
      ['版本描述', gitDescription()],
      ['代码目录', `${path.relative(root, dist) || '.'}/`],
      [
        '云环境',
        cloudEnv ? `${CLOUD_ENV}=${cloudEnv}（构建时写进小程序）` : `未设置（${CLOUD_ENV}）`,
      ],
      ['上传机器人', `${ROBOT} 号`],
      ['代码上传密钥', keyLine(env)],
    ],
    steps: [
      ...(build
        ? ['npm run build:weapp：构建小程序到 dist/']
        : ['不构建（--no-build），用现有的 dist/']),
      '检查 dist/：页面文件齐全、主包与分包大小、微信代码质量 11 项（同 npm run check:weapp）',
      '上传 dist/（按 project.config.json 的压缩设置），完成后在 mp.weixin.qq.com「版本管理」→「开发版本」里能看到',
    ],
    problems,
  }
}

async function main(argv: string[]): Promise<number> {
  const print = (line: string) => console.log(line)
  const printError = (line: string) => console.error(line)
  const build = !argv.includes('--no-build')
  const plan = weappPlan(process.env, build)
  const stop = preflight(plan, { dryRun: argv.includes('--dry-run'), print, printError })
  if (stop !== undefined) return stop

  if (build && !npmRun('build:weapp')) {
    printError('✗ 小程序构建失败，没有上传。')
    return 1
  }
  const config = readProjectConfig()
  const dist = path.join(root, config.miniprogramRoot ?? 'dist/')
  if ((await runAllWeappChecks(dist, print)) !== 0) {
    printError('✗ 检查没有通过，没有上传。')
    return 1
  }
  const ci = await import('miniprogram-ci')
  ci.locales.setLocale('zh')
  const project = new ci.Project({
    type: 'miniProgram',
    projectPath: root,
    appid: config.appid ?? '',
    privateKeyPath: process.env[KEY_ENV],
    ignores: ['node_modules/**/*', 'dist-h5/**/*'],
  })
  const version = packageVersion()
  print(`正在上传 ${version}……`)
  try {
    const result = await ci.upload({
      project,
      version,
      desc: gitDescription(),
      robot: ROBOT,
      // The compression settings the code-quality check reads are the ones applied here.
      setting: { useProjectConfig: true },
      onProgressUpdate: () => undefined,
    })
    print(`✓ 已上传 ${version}。各包大小：`)
    for (const p of result.subPackageInfo ?? [])
      print(
        `  ${p.name === '__FULL__' ? '全部' : p.name === '__APP__' ? '主包' : p.name} ${(p.size / 1024).toFixed(1)} KB`,
      )
    print(
      '下一步：在 mp.weixin.qq.com「版本管理」把这个开发版本设为体验版，走查后提交审核（DEPLOY.md 第 13–16 步）。',
    )
    return 0
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    printError(`✗ 上传失败：${message}`)
    const hint = uploadErrorHint(message)
    if (hint) printError(`  ${hint}`)
    return 1
  }
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  // miniprogram-ci leaves timers and watchers running: leave explicitly.
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('✗ 上传没有完成：', error)
      process.exit(1)
    },
  )
}
