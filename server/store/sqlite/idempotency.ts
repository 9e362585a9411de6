import type { Store } from '../store'
import type { Sql } from './sql'

export function idempotencyRepo({ prepare, one }: Sql): Store['idempotency'] {
  return {
    async get(scope) {
      const r = one('SELECT * FROM idempotency_keys WHERE scope = @scope', { scope })
      if (!r) return null
      return {
        status: r.status === 'done' ? 'done' : 'pending',
        fingerprint: String(r.fingerprint),
        answer: r.answer_json === null ? null : (JSON.parse(String(r.answer_json)) as unknown),
        at: Number(r.at),
      }
    },
    async claim(scope, fingerprint, at) {
      const { changes } = prepare(
        `INSERT OR IGNORE INTO idempotency_keys (scope, fingerprint, status, answer_json, at)
         VALUES (@scope, @fingerprint, 'pending', NULL, @at)`,
      ).run({ scope, fingerprint, at })
      return changes === 1
    },
    async complete(scope, answer, at) {
      prepare(
        `UPDATE idempotency_keys SET status = 'done', answer_json = @answer, at = @at
         WHERE scope = @scope`,
      ).run({ scope, answer: JSON.stringify(answer ?? null), at })
    },
    async release(scope) {
      prepare('DELETE FROM idempotency_keys WHERE scope = @scope').run({ scope })
    },
    async keep(scope, fingerprint, answer, at) {
      prepare(
        `INSERT INTO idempotency_keys (scope, fingerprint, status, answer_json, at)
         VALUES (@scope, @fingerprint, 'done', @answer, @at)`,
      ).run({ scope, fingerprint, answer: JSON.stringify(answer ?? null), at })
    },
    async expire(before, limit) {
      return prepare(
        `DELETE FROM idempotency_keys WHERE scope IN
           (SELECT scope FROM idempotency_keys WHERE at < @before LIMIT @limit)`,
      ).run({ before, limit }).changes
    },
  }
}
