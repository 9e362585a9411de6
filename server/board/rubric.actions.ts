// The inspection rubric: the current version, every version, and saving a new one.
import { requireCleanText } from '../content/clean-text'
import type { HandlersFor } from '../context'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { newId } from '../shared/ids'
import { badInput, toRubric } from './board.view'
import { checkRubric } from './inspection.rules'

export const rubricHandlers: HandlersFor<'rubrics.current' | 'rubrics.list' | 'rubrics.save'> = {
  async 'rubrics.current'(ctx) {
    const rubric = await ctx.store.board.currentRubric()
    return rubric ? toRubric(rubric) : null
  },

  async 'rubrics.list'(ctx, input) {
    const page = await ctx.store.board.rubrics({
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return { items: page.items.map(toRubric), nextCursor: encodeCursor(page.next) }
  },

  async 'rubrics.save'(ctx, input) {
    const fields = checkRubric(input.criteria)
    if (fields.length > 0) throw badInput(fields)
    await requireCleanText(
      ctx,
      input.name,
      ...input.criteria.flatMap((c) => [c.category, c.name, c.hint]),
    )
    const saved = await ctx.store.board.saveRubric(
      { id: newId('rub'), name: input.name, createdAt: ctx.now },
      input.criteria.map((c, sort) => ({ id: newId('crt'), ...c, sort })),
    )
    ctx.audit({ target: `rubric:${saved.id}`, after: toRubric(saved) })
    return toRubric(saved)
  },
}
