import type { Store } from '../store'
import type { Sql } from './sql'

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value))
const parsed = (value: unknown) => (value === null ? null : (JSON.parse(String(value)) as unknown))

export function auditRepo({ prepare, all, tx, joinTx }: Sql): Store['audit'] {
  return {
    async append(entries) {
      const insert = prepare(
        `INSERT OR IGNORE INTO audit_log (entry_key, request_id, actor_id, actor_role, action,
           target, before_json, after_json, at) VALUES (@key, @requestId, @actorId, @actorRole,
           @action, @target, @before, @after, @at)`,
      )
      // One entry is one statement: it needs no savepoint of its own.
      const run = entries.length === 1 ? joinTx : tx
      run(() => {
        for (const e of entries) {
          insert.run({ ...e, key: e.key ?? null, before: json(e.before), after: json(e.after) })
        }
      })
    },
    async recent(limit) {
      return all('SELECT * FROM audit_log ORDER BY id DESC LIMIT @limit', { limit }).map((r) => ({
        id: Number(r.id),
        requestId: String(r.request_id),
        actorId: r.actor_id === null ? null : String(r.actor_id),
        actorRole: String(r.actor_role),
        action: String(r.action),
        target: r.target === null ? null : String(r.target),
        before: parsed(r.before_json),
        after: parsed(r.after_json),
        at: Number(r.at),
      }))
    },
  }
}
