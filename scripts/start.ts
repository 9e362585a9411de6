// `npm start`: build the H5 app if needed, then run the local server in dev mode (demo data,
// demo accounts). Set APP_MODE=production to run without them.
import { ensureH5Build } from './h5-build'

process.env.APP_MODE ??= 'dev'
try {
  ensureH5Build((line) => console.log(line))
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
void import('../server/local/main')
