// Writes under the caller's idempotency key (the Idempotency-Key header, or the cloud event's
// requestKey): the first call claims the key, runs and keeps its answer with it (on SQLite all
// in the request's one transaction); a repeat with the same key and input answers what the
// first did and writes nothing.
import { createHash } from 'node:crypto'
import { AppError } from './errors'
import type { Store } from './store/store'
import { IDEMPOTENCY_TTL_MS } from './system/tick'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

const stillRunning = () =>
  new AppError('CONFLICT', '上一次提交还在处理中，请稍后刷新，看看是否已经成功')

/**
 * Runs `write` once for this caller, action and key. `write` gets the key's scope, a
 * deterministic id the audit entries are keyed by.
 */
export async function once(
  store: Store,
  request: { callerId: string; action: string; key: string; now: number },
  input: unknown,
  write: (scope: string) => Promise<unknown>,
): Promise<unknown> {
  const { callerId, action, key, now } = request
  const scope = sha256(`${callerId}\n${action}\n${key}`)
  const fingerprint = sha256(`${action}\n${JSON.stringify(input)}`)
  // The claim first: a new key (nearly every call) costs no read before it.
  if (!(await store.idempotency.claim(scope, fingerprint, now))) {
    const kept = await store.idempotency.get(scope)
    if (kept && kept.at > now - IDEMPOTENCY_TTL_MS) {
      if (kept.fingerprint !== fingerprint) {
        throw new AppError('BAD_INPUT', '这个请求编号已经用于另一项提交，请重新操作')
      }
      if (kept.status === 'done') return kept.answer
      throw stillRunning()
    }
    // An expired key (or one released meanwhile) may be used again.
    if (kept) await store.idempotency.release(scope)
    if (!(await store.idempotency.claim(scope, fingerprint, now))) throw stillRunning()
  }
  try {
    const data = await write(scope)
    await store.idempotency.complete(scope, data, now)
    return data
  } catch (error) {
    // A refusal wrote nothing (SQLite rolls the claim back anyway): the key may be used again.
    // After an unexpected failure the cloud keeps the claim, since the write may have
    // happened: a repeat is told to look, not written twice.
    if (error instanceof AppError) await store.idempotency.release(scope)
    throw error
  }
}
