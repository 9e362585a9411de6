// What `npm run backup` and `npm run restore` share: how they end.
import { BackupError } from '../server/local/backup'

/**
 * Runs a backup command: a BackupError is the user's own message (exit 1), anything else a
 * failure reported with its stack (exit 1); otherwise main's exit code.
 */
export function runBackupCommand(failure: string, main: () => number): void {
  try {
    process.exitCode = main()
  } catch (error) {
    if (error instanceof BackupError) console.error(error.message)
    else
      console.error(
        `${failure}：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      )
    process.exitCode = 1
  }
}
