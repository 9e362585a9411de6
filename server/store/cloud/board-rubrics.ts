// Rubrics (评分标准) and their criteria on the cloud database.
import { UniqueViolation, type RubricView, type Store } from '../store'
import { embeddedCriteria, rubricViews } from './board-docs'
import { getDoc, inBatches, isDuplicate, keysetPage, toDoc, unchangingByIds } from './docs'
import type { CloudDb } from './sdk'

type BoardRepo = Store['board']

export function rubricsPart(
  db: CloudDb,
): Pick<BoardRepo, 'rubric' | 'currentRubric' | 'rubrics' | 'saveRubric'> {
  const rubrics = () => db.collection('rubrics')
  return {
    async rubric(id) {
      // A rubric version never changes: a warm instance reads it once.
      const doc = (await unchangingByIds(db, 'rubrics', [id])).get(id)
      return doc ? ((await rubricViews(db, [doc]))[0] ?? null) : null
    },
    async currentRubric() {
      const { data } = await rubrics().orderBy('version', 'desc').limit(1).get()
      return (await rubricViews(db, data))[0] ?? null
    },
    async rubrics(q) {
      const { docs, next } = await keysetPage(db, {
        collection: 'rubrics',
        field: 'version',
        direction: 'desc',
        after: q.after,
        limit: q.limit,
      })
      return { items: await rubricViews(db, docs), next }
    },
    async saveRubric(rubric, criteria) {
      // Not the guard (the add below is): it keeps criteria off a rubric that already exists.
      if (await getDoc(rubrics().doc(rubric.id))) throw new UniqueViolation('rubrics.id')
      // The criteria first, by their ids (a retried save writes the same documents again): no
      // reader looks for them before the rubric document exists.
      await inBatches(criteria, 20, (c) => {
        const { _id, ...data } = toDoc({ ...c, rubricId: rubric.id })
        return db.collection('criteria').doc(String(_id)).set({ data })
      })
      // The version: the newest plus one, and the unique version index settles a race; the
      // loser reads the newest again and takes the next one.
      for (let attempt = 0; ; attempt++) {
        const { data: newest } = await rubrics().orderBy('version', 'desc').limit(1).get()
        const version = (newest[0] ? Number(newest[0].version) : 0) + 1
        const criteriaOf = criteria.map((c) => ({ ...c, rubricId: rubric.id }))
        const doc = { ...toDoc(rubric), version, criteria: embeddedCriteria(criteriaOf) }
        try {
          await rubrics().add({ data: doc })
          return (await rubricViews(db, [doc]))[0] as RubricView
        } catch (e) {
          if (!isDuplicate(e)) throw e
          if (await getDoc(rubrics().doc(rubric.id))) throw new UniqueViolation('rubrics.id')
          if (attempt >= 49) throw e
        }
      }
    },
  }
}
