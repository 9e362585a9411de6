// Transactions under contention. The cloud database runs transactions optimistically: one that
// touched a document another transaction changed and committed meanwhile fails at commit with
// DATABASE_TRANSACTION_CONFLICT. @cloudbase/database's runTransaction runs the callback again
// at once, three times; when many residents vote for one candidate in the same second that is
// not enough. Every transaction of the cloud Store goes through this wrapper, which runs it
// again after a short random pause that doubles with each conflict (full jitter).
import type { CloudDb } from './sdk'

export interface ConflictRetry {
  /** Runs of runTransaction in all before the conflict is given up on. */
  attempts: number
  /** The first pause's ceiling, doubled with each conflict, up to capMs. */
  baseMs: number
  capMs: number
  random: () => number
  sleep: (ms: number) => Promise<void>
  /** Told of each conflict that is retried (for measurement). */
  onRetry?: (attempt: number) => void
}

export const defaultConflictRetry: ConflictRetry = {
  attempts: 10,
  baseMs: 20,
  capMs: 1_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

export const isTransactionConflict = (e: unknown) =>
  (e as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT'

/** The same database, its transactions retried on conflict with jittered backoff. */
export function retryingConflicts(
  db: CloudDb,
  retry: ConflictRetry = defaultConflictRetry,
): CloudDb {
  return {
    command: db.command,
    collection: (name) => db.collection(name),
    RegExp: (arg) => db.RegExp(arg),
    async runTransaction(callback, times) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.runTransaction(callback, times)
        } catch (e) {
          if (!isTransactionConflict(e) || attempt >= retry.attempts) throw e
          retry.onRetry?.(attempt)
          await retry.sleep(retry.random() * Math.min(retry.capMs, retry.baseMs * 2 ** attempt))
        }
      }
    },
  }
}
