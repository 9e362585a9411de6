// `npm run screenshots [-- --scale 2]`: builds the H5 app if needed, serves it over fresh demo
// data and photographs every page of app.config.ts at phone size (375×740 at 2x), as the
// demo account that reaches it, outside and in 长辈模式, into screenshots/ (not committed).
import fs from 'node:fs'
import path from 'node:path'
import { launchPhone, PHONE_CONTEXT, startServer } from '../tests/helpers/browser'
import {
  accountTokens,
  appScreens,
  openAuditContext,
  showScreen,
} from '../tests/helpers/app-screens'
import { ensureH5Build } from './h5-build'

const root = path.resolve(__dirname, '..')
const outDir = path.join(root, 'screenshots')
const scaleArg = process.argv.indexOf('--scale')
const scale = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1

async function main() {
  if (!(scale >= 1 && scale <= 2)) throw new Error('--scale 须在 1 到 2 之间')
  ensureH5Build((line) => console.log(line))
  const server = await startServer()
  const phone = await launchPhone()
  try {
    const tokens = await accountTokens(server.url)
    const screens = await appScreens(server.url, tokens)
    fs.rmSync(outDir, { recursive: true, force: true })
    for (const elder of [false, true]) {
      const dir = path.join(outDir, elder ? `elder${scale === 1 ? '' : `-${scale}x`}` : 'normal')
      fs.mkdirSync(dir, { recursive: true })
      for (const account of [...new Set(screens.map((s) => s.as))]) {
        const page = await openAuditContext(
          () => phone.browser.newContext(PHONE_CONTEXT),
          tokens[account],
          elder,
          scale,
        )
        for (const [i, screen] of screens.entries()) {
          if (screen.as !== account) continue
          await showScreen(page, server.url, screen.path)
          const name = screen.path
            .split('?')[0]
            ?.replace(/\/index$/, '')
            .replace(/\//g, '-')
          const file = path.join(dir, `${String(i + 1).padStart(2, '0')}-${account}-${name}.png`)
          await page.screenshot({ path: file, animations: 'disabled' })
        }
        await page.context().close()
      }
      console.log(`${elder ? '长辈模式' : '普通模式'}：${screens.length} 张，在 ${dir}`)
    }
  } finally {
    await phone.close()
    await server.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
