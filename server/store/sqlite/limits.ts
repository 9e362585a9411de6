import type { Store } from '../store'
import type { Sql } from './sql'

export function limitsRepo({ prepare }: Sql): Store['limits'] {
  const count = (key: string) =>
    Number(
      (
        prepare('SELECT count FROM rate_limits WHERE key = @key').get({ key }) as
          { count: number } | undefined
      )?.count ?? 0,
    )
  return {
    async take(key, amount, expiresAt, limit) {
      // Looking (amount 0) writes nothing.
      if (amount === 0) return count(key)
      if (limit === undefined) {
        const row = prepare(
          `INSERT INTO rate_limits (key, count, expires_at) VALUES (@key, @amount, @expiresAt)
           ON CONFLICT (key) DO UPDATE SET count = count + @amount RETURNING count`,
        ).get({ key, amount, expiresAt }) as { count: number }
        return Number(row.count)
      }
      // More than the whole budget never fits, whatever the counter holds.
      if (amount > limit) return count(key) + amount
      // One statement draws while the amount fits: a new counter, or one raised only under
      // the limit. Without a row back it did not fit, and nothing was written.
      const row = prepare(
        `INSERT INTO rate_limits (key, count, expires_at) VALUES (@key, @amount, @expiresAt)
         ON CONFLICT (key) DO UPDATE SET count = count + @amount WHERE count + @amount <= @limit
         RETURNING count`,
      ).get({ key, amount, expiresAt, limit }) as { count: number } | undefined
      return row ? Number(row.count) : count(key) + amount
    },
    async expire(before, limit) {
      return prepare(
        `DELETE FROM rate_limits WHERE key IN
           (SELECT key FROM rate_limits WHERE expires_at < @before LIMIT @limit)`,
      ).run({ before, limit }).changes
    },
  }
}
