// Writes under the caller's idempotency key (the Idempotency-Key header, or the cloud event's
// requestKey): the first call runs and keeps its answer with the key (on SQLite in the
// request's one transaction); a repeat with the same key and input answers what the first did
// and writes nothing.
import { createHash } from 'node:crypto'
import { AppError } from './errors'
import type { KeptAnswer, Store } from './store/store'
import { IDEMPOTENCY_TTL_MS } from './system/tick'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

const stillRunning = () =>
  new AppError('CONFLICT', '上一次提交还在处理中，请稍后刷新，看看是否已经成功')

/** A repeat's answer: the first call's, if it had the same input and has finished. */
function repeated(kept: KeptAnswer, fingerprint: string): { answer: unknown } {
  if (kept.fingerprint !== fingerprint) {
    throw new AppError('BAD_INPUT', '这个请求编号已经用于另一项提交，请重新操作')
  }
  if (kept.status === 'done') return { answer: kept.answer }
  throw stillRunning()
}

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
  const keys = store.idempotency
  const live = (kept: KeptAnswer | null) => kept !== null && kept.at > now - IDEMPOTENCY_TTL_MS

  // Where the unit is one transaction no other write interleaves with (SQLite): look, write,
  // then keep key and answer in one insert. A refusal or failure rolls the unit back, key and all.
  if (keys.keep) {
    const kept = await keys.get(scope)
    if (kept && live(kept)) return repeated(kept, fingerprint).answer
    // Kept past its time (the timer deletes it later): the key may be used afresh.
    if (kept) await keys.release(scope)
    const data = await write(scope)
    await keys.keep(scope, fingerprint, data, now)
    return data
  }

  // Elsewhere (the cloud) concurrent duplicates are real: the first to claim the key writes.
  // Most keys are new: claiming first makes that one write and no read.
  if (!(await keys.claim(scope, fingerprint, now))) {
    const kept = await keys.get(scope)
    if (kept && live(kept)) return repeated(kept, fingerprint).answer
    if (kept) await keys.release(scope)
    if (!(await keys.claim(scope, fingerprint, now))) throw stillRunning()
  }
  try {
    const data = await write(scope)
    await keys.complete(scope, data, now)
    return data
  } catch (error) {
    // A refusal wrote nothing: the key may be used again. After an unexpected failure the
    // cloud keeps the claim, since the write may have happened: a repeat is told to look, not
    // written twice.
    if (error instanceof AppError) await keys.release(scope)
    throw error
  }
}
