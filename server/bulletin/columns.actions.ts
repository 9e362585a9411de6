import { requireCleanText } from '../content/clean-text'
import type { ManagedColumn } from '../../contract/bulletin'
import type { ActionContext, HandlersFor } from '../context'
import { AppError, notFound } from '../errors'
import { newId } from '../shared/ids'
import { UniqueViolation, type ColumnRecord } from '../store/store'

const duplicateName = () => new AppError('CONFLICT', '已有同名栏目')

// The router parses the output against the contract, which drops any other field.
const managed = (ctx: ActionContext): Promise<ManagedColumn[]> => ctx.store.columns.all()

async function managedOne(ctx: ActionContext, id: string): Promise<ManagedColumn> {
  const found = (await managed(ctx)).find((c) => c.id === id)
  if (!found) throw notFound('这个栏目')
  return found
}

async function existing(ctx: ActionContext, id: string): Promise<ColumnRecord> {
  const column = await ctx.store.columns.get(id)
  if (!column) throw notFound('这个栏目')
  return column
}

/** Runs a write that may hit the unique name, answering CONFLICT for it. */
async function uniqueName(write: () => Promise<void>): Promise<void> {
  try {
    await write()
  } catch (error) {
    if (error instanceof UniqueViolation) throw duplicateName()
    throw error
  }
}

export const columnHandlers: HandlersFor<
  'columns.manage' | 'columns.create' | 'columns.rename' | 'columns.reorder' | 'columns.setHidden'
> = {
  async 'columns.manage'(ctx) {
    return managed(ctx)
  },

  async 'columns.create'(ctx, input) {
    const id = newId('col')
    await requireCleanText(ctx, input.name)
    await uniqueName(() => ctx.store.columns.create({ id, name: input.name }))
    const created = await managedOne(ctx, id)
    ctx.audit({ target: `column:${id}`, before: null, after: created })
    return created
  },

  async 'columns.rename'(ctx, input) {
    const before = await existing(ctx, input.id)
    await requireCleanText(ctx, input.name)
    await uniqueName(() => ctx.store.columns.rename(input.id, input.name))
    ctx.audit({
      target: `column:${input.id}`,
      before: { name: before.name },
      after: { name: input.name },
    })
    return managedOne(ctx, input.id)
  },

  async 'columns.reorder'(ctx, input) {
    const before = await managed(ctx)
    if (!(await ctx.store.columns.reorder(input.ids))) {
      const message = '栏目顺序须包含全部栏目且各出现一次，请刷新后重试'
      throw new AppError('BAD_INPUT', message, { fields: [{ path: 'ids', message }] })
    }
    const after = await managed(ctx)
    const oldSort = new Map(before.map((c) => [c.id, c.sort]))
    for (const column of after) {
      const sort = oldSort.get(column.id)
      if (sort !== column.sort) {
        ctx.audit({ target: `column:${column.id}`, before: { sort }, after: { sort: column.sort } })
      }
    }
    return after
  },

  async 'columns.setHidden'(ctx, input) {
    const before = await existing(ctx, input.id)
    if (input.hidden && !before.hidden && (await ctx.store.columns.list()).length <= 1) {
      // With every column hidden 首页 is empty and nobody can publish a notice.
      throw new AppError('CONFLICT', '至少要保留一个显示的栏目')
    }
    await ctx.store.columns.setHidden(input.id, input.hidden)
    ctx.audit({
      target: `column:${input.id}`,
      before: { hidden: before.hidden },
      after: { hidden: input.hidden },
    })
    return managedOne(ctx, input.id)
  },
}
