// Builds dist-h5 from the current sources when it is stale, before any browser test runs.
import { ensureH5Build } from '../../scripts/h5-build'

export default function setup(): void {
  ensureH5Build((line) => process.stdout.write(`${line}\n`))
}
