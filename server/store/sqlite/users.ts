import { newId } from '../../shared/ids'
import type { Store } from '../store'
import { userFrom } from './rows'
import type { Row, Sql } from './sql'

export function usersRepo({ prepare, one }: Sql): Store['users'] {
  const byId = (id: string) => userFrom(one('SELECT * FROM users WHERE id = @id', { id }) as Row)
  return {
    async byOpenid(openid) {
      const row = one('SELECT * FROM users WHERE openid = @openid', { openid })
      return row ? userFrom(row) : null
    },
    async ensure(openid, now) {
      // INSERT OR IGNORE keeps this race-free when two first requests arrive together.
      prepare(
        `INSERT OR IGNORE INTO users (id, openid, nickname, staff_role, created_at)
         VALUES (@id, @openid, @nickname, NULL, @now)`,
      ).run({ id: newId('usr'), openid, nickname: '微信用户', now })
      return userFrom(one('SELECT * FROM users WHERE openid = @openid', { openid }) as Row)
    },
    async update(id, patch) {
      prepare('UPDATE users SET nickname = @nickname WHERE id = @id').run({ id, ...patch })
      return byId(id)
    },
  }
}
