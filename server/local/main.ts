// Entry of the local server: reads the environment, starts, prints where to go, and shuts
// down cleanly on SIGINT/SIGTERM (WAL checkpoint on close, no half-written response).
import { loadConfig } from '../config'
import { DEMO_ACCOUNTS, describeDemoAccount } from '../seed/demo-accounts'
import { startLocalApp } from './app'

async function main() {
  const config = loadConfig()
  const app = await startLocalApp(config)
  const lines = [
    '',
    `和美村宣 本地服务已启动：${app.url}`,
    `  数据目录：${config.dataDir}${app.seeded ? '（已写入演示数据）' : ''}`,
    `  模式：${config.devMode ? '开发模式（可切换演示账号）' : '生产模式'}`,
  ]
  if (app.setupCode) {
    lines.push(
      `  尚无管理员。请用微信打开小程序，在「我的」→「初始化管理员」输入一次性初始化码：${app.setupCode}`,
    )
  }
  if (config.devMode) {
    lines.push('  演示账号（在「我的」页面切换）：')
    for (const account of DEMO_ACCOUNTS) {
      lines.push(
        `    ${account.openid.padEnd(16)} ${account.nickname} — ${describeDemoAccount(account)}`,
      )
    }
  }
  lines.push('  按 Ctrl+C 停止。', '')
  process.stdout.write(lines.join('\n'))

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`\n收到 ${signal}，正在停止…\n`)
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  process.stderr.write(`启动失败：${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
