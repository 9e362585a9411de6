// The `api` cloud function's bundle: its size and the cold `require` time of a fresh node
// process (wx-server-sdk as installed here). Run: npm run bench -- functions
import { bundlePath, buildFunction, coldRequireMs, MAX_BYTES } from '../../scripts/build-functions'

async function main() {
  const { bytes } = await buildFunction()
  const cold = coldRequireMs(7)
  console.log(
    `bundle ${bundlePath}: ${(bytes / 1024).toFixed(1)} KB (limit ${MAX_BYTES / 1024} KB)`,
  )
  console.log(
    `cold require (median of 7): ${cold.cpu.toFixed(0)} ms CPU, ${cold.median.toFixed(0)} ms wall, without wx-server-sdk; the SDK alone ~${cold.sdk.toFixed(0)} ms`,
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
