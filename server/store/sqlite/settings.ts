import type { Store } from '../store'
import type { Sql } from './sql'

export function settingsRepo({ prepare, one }: Sql): Store['settings'] {
  return {
    async get(key) {
      const row = one('SELECT value FROM settings WHERE key = @key', { key })
      return row ? String(row.value) : null
    },
    async set(key, value) {
      prepare(
        `INSERT INTO settings (key, value) VALUES (@key, @value)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ).run({ key, value })
    },
    async take(key) {
      // DELETE … RETURNING is one statement: two callers racing cannot both get the value.
      const row = prepare('DELETE FROM settings WHERE key = @key RETURNING value').get({ key }) as
        { value: string } | undefined
      return row ? row.value : null
    },
  }
}
