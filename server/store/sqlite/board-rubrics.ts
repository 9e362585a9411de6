// Scoring rubrics: versions, the current one and saving a new version with its criteria.
import type { Store } from '../store'
import { guardUnique } from './errors'
import { insertSql, toParams } from './rows'
import { optNum } from './board-rows'
import { keysetParams, pageOf, type Row, type Sql } from './sql'
import { boardCore } from './board-core'

export function rubricsRepo(
  sql: Sql,
): Pick<Store['board'], 'rubric' | 'currentRubric' | 'rubrics' | 'saveRubric'> {
  const { one, all, prepare, tx } = sql
  const { rubricFrom } = boardCore(sql)
  return {
    async rubric(id) {
      const r = one('SELECT * FROM rubrics WHERE id = @id', { id })
      return r ? rubricFrom(r) : null
    },
    async currentRubric() {
      const r = one('SELECT * FROM rubrics ORDER BY version DESC LIMIT 1')
      return r ? rubricFrom(r) : null
    },
    async rubrics(q) {
      const rows = all(
        `SELECT * FROM rubrics WHERE (@afterAt IS NULL OR version < @afterAt)
         ORDER BY version DESC LIMIT @take`,
        keysetParams(q.after, q.limit),
      ).map(rubricFrom)
      return pageOf(rows, q.limit, (r) => ({ at: r.version, id: r.id }))
    },
    async saveRubric(rubric, criteria) {
      return tx(() => {
        const last = one('SELECT MAX(version) AS v FROM rubrics')
        const version = (optNum(last?.v) ?? 0) + 1
        const params = toParams({ ...rubric, version })
        guardUnique(() => prepare(insertSql('rubrics', params)).run(params))
        for (const c of criteria) {
          const p = toParams({ ...c, rubricId: rubric.id })
          prepare(insertSql('criteria', p)).run(p)
        }
        return rubricFrom(one('SELECT * FROM rubrics WHERE id = @id', { id: rubric.id }) as Row)
      })
    },
  }
}
