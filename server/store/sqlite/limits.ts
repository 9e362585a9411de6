import type { Store } from '../store'
import type { Sql } from './sql'

export function limitsRepo({ prepare }: Sql): Store['limits'] {
  return {
    async take(key, amount, expiresAt, limit) {
      // Looking (amount 0) writes nothing.
      if (amount === 0) {
        const seen = prepare('SELECT count FROM rate_limits WHERE key = @key').get({ key }) as
          { count: number } | undefined
        return Number(seen?.count ?? 0)
      }
      if (limit !== undefined) {
        const seen = prepare('SELECT count FROM rate_limits WHERE key = @key').get({ key }) as
          { count: number } | undefined
        const would = Number(seen?.count ?? 0) + amount
        if (would > limit) return would
      }
      const row = prepare(
        `INSERT INTO rate_limits (key, count, expires_at) VALUES (@key, @amount, @expiresAt)
         ON CONFLICT (key) DO UPDATE SET count = count + @amount RETURNING count`,
      ).get({ key, amount, expiresAt }) as { count: number }
      return Number(row.count)
    },
    async expire(before, limit) {
      return prepare(
        `DELETE FROM rate_limits WHERE key IN
           (SELECT key FROM rate_limits WHERE expires_at < @before LIMIT @limit)`,
      ).run({ before, limit }).changes
    },
  }
}
