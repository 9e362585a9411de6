// The browser tests run against dist-h5: rebuild it first when the sources are newer.
import { ensureH5Build } from '../../scripts/h5-build'

export default function setup(): void {
  ensureH5Build((line) => process.stdout.write(`${line}\n`))
}
