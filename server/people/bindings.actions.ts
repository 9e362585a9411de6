import { requireCleanText } from '../content/clean-text'
import type { BindingRequest } from '../../contract/bindings'
import { signedInCaller, type ActionContext, type Caller, type HandlersFor } from '../context'
import { plateCodePattern } from '../doorplate/plate-code'
import { AppError, forbidden, notFound } from '../errors'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { newId } from '../shared/ids'
import { toIso } from '../shared/time'
import { UniqueViolation, type BindingView } from '../store/store'
import { gridScope, inGridScope } from './people.rules'

function toRequest(b: BindingView): BindingRequest {
  return {
    id: b.id,
    // A cancelled request reads as ended to a reviewer, like an unbinding.
    status: b.status === 'cancelled' ? 'unbound' : b.status,
    user: { id: b.userId, nickname: b.nickname },
    household: {
      id: b.household.id,
      headName: b.household.headName,
      houseNo: b.household.houseNo,
      villageName: b.household.villageName,
      groupName: b.household.groupName,
    },
    relation: b.relation,
    reason: b.reason,
    createdAt: toIso(b.createdAt),
  }
}

/** A pending request the caller may decide: in their grids (grid workers) or anywhere (admins). */
async function decidable(ctx: ActionContext, caller: Caller, id: string): Promise<BindingView> {
  const binding = await ctx.store.bindings.get(id)
  if (!binding) throw notFound('这条绑定申请')
  if (!inGridScope(caller, binding.household.gridId)) {
    throw forbidden('这户不在您负责的网格内，不能审核')
  }
  if (binding.status !== 'pending') throw new AppError('CONFLICT', '这条申请已经处理过了')
  return binding
}

const alreadyBound = () =>
  new AppError('CONFLICT', '您已绑定一户家庭，如需更换请先在「我的」解除绑定')

export const bindingHandlers: HandlersFor<
  | 'bindings.request'
  | 'bindings.cancel'
  | 'bindings.unbind'
  | 'bindings.pending'
  | 'bindings.approve'
  | 'bindings.reject'
  | 'bindings.revoke'
> = {
  async 'bindings.request'(ctx, input) {
    const caller = signedInCaller(ctx)
    if (caller.binding) throw alreadyBound()
    let householdId: string
    let approvedBy: string | null = null
    if (input.by === 'roster') {
      const found = await ctx.store.households.find(input.villageId, input.headName, input.houseNo)
      if (!found) {
        throw new AppError(
          'NOT_FOUND',
          '没有找到这户，请核对户主姓名和门牌号，或请网格员出示邀请码',
        )
      }
      householdId = found.id
    } else if (input.by === 'plate') {
      const plate = plateCodePattern.test(input.code)
        ? await ctx.store.doorplates.byCode(input.code)
        : null
      if (!plate) {
        throw new AppError('NOT_FOUND', '户码无效或已作废，请向网格员索取新的门牌', undefined, true)
      }
      householdId = plate.householdId
    } else {
      // The grid worker who showed the code vouches for the household: it binds at once.
      const code = input.code.toUpperCase()
      const used = await ctx.store.households.useInvite(code, caller.user.id, ctx.now)
      if (!used) {
        throw new AppError('NOT_FOUND', '邀请码无效或已过期，请网格员重新出示', undefined, true)
      }
      householdId = used
      approvedBy = `invite:${code}`
      // Being bound now, an older request still waiting is moot.
      const open = await ctx.store.bindings.openRequest(caller.user.id)
      if (open?.status === 'pending') {
        await ctx.store.bindings.transition(open.id, 'pending', 'cancelled', {
          by: caller.user.id,
          at: ctx.now,
          reason: '已通过邀请码绑定',
        })
      }
    }
    const id = newId('bnd')
    try {
      await ctx.store.bindings.create({
        id,
        userId: caller.user.id,
        householdId,
        relation: input.relation,
        status: approvedBy ? 'approved' : 'pending',
        createdAt: ctx.now,
        decidedBy: null,
        decidedAt: approvedBy ? ctx.now : null,
        reason: approvedBy,
      })
    } catch (error) {
      if (!(error instanceof UniqueViolation)) throw error
      throw caller.binding
        ? alreadyBound()
        : new AppError('CONFLICT', '您已有一条待审核的申请，请等待网格员处理')
    }
    const status = approvedBy ? 'approved' : 'pending'
    ctx.audit({
      target: `binding:${id}`,
      before: null,
      after: { householdId, status, relation: input.relation },
    })
    return { id, status }
  },

  async 'bindings.cancel'(ctx) {
    const caller = signedInCaller(ctx)
    const request = await ctx.store.bindings.openRequest(caller.user.id)
    if (!request || request.status !== 'pending') throw new AppError('CONFLICT', '没有待审核的申请')
    const done = await ctx.store.bindings.transition(request.id, 'pending', 'cancelled', {
      by: caller.user.id,
      at: ctx.now,
      reason: null,
    })
    if (!done) throw new AppError('CONFLICT', '这条申请已经处理过了')
    ctx.audit({
      target: `binding:${request.id}`,
      before: { status: 'pending' },
      after: { status: 'cancelled' },
    })
    return { id: request.id }
  },

  async 'bindings.unbind'(ctx) {
    const caller = signedInCaller(ctx)
    if (!caller.binding) throw new AppError('CONFLICT', '您还没有绑定家庭')
    const id = caller.binding.id
    await ctx.store.bindings.transition(id, 'approved', 'unbound', {
      by: caller.user.id,
      at: ctx.now,
      reason: '本人解除绑定',
    })
    ctx.audit({
      target: `binding:${id}`,
      before: { status: 'approved' },
      after: { status: 'unbound' },
    })
    return { id }
  },

  async 'bindings.pending'(ctx, input) {
    const caller = signedInCaller(ctx)
    const page = await ctx.store.bindings.pending({
      gridIds: gridScope(caller),
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return { items: page.items.map(toRequest), nextCursor: encodeCursor(page.next) }
  },

  async 'bindings.approve'(ctx, input) {
    const caller = signedInCaller(ctx)
    const binding = await decidable(ctx, caller, input.id)
    let done: boolean
    try {
      done = await ctx.store.bindings.transition(binding.id, 'pending', 'approved', {
        by: caller.user.id,
        at: ctx.now,
        reason: null,
      })
    } catch (error) {
      if (!(error instanceof UniqueViolation)) throw error
      throw new AppError('CONFLICT', '申请人已绑定了其他家庭，不能再批准这条申请')
    }
    if (!done) throw new AppError('CONFLICT', '这条申请已经处理过了')
    ctx.audit({
      target: `binding:${binding.id}`,
      before: { status: 'pending' },
      after: { status: 'approved' },
    })
    return toRequest({ ...binding, status: 'approved' })
  },

  async 'bindings.reject'(ctx, input) {
    const caller = signedInCaller(ctx)
    const binding = await decidable(ctx, caller, input.id)
    await requireCleanText(ctx, input.reason)
    const done = await ctx.store.bindings.transition(binding.id, 'pending', 'rejected', {
      by: caller.user.id,
      at: ctx.now,
      reason: input.reason,
    })
    if (!done) throw new AppError('CONFLICT', '这条申请已经处理过了')
    ctx.audit({
      target: `binding:${binding.id}`,
      before: { status: 'pending' },
      after: { status: 'rejected', reason: input.reason },
    })
    return toRequest({ ...binding, status: 'rejected', reason: input.reason })
  },

  async 'bindings.revoke'(ctx, input) {
    const caller = signedInCaller(ctx)
    const binding = await ctx.store.bindings.get(input.id)
    if (!binding) throw notFound('这条绑定')
    await requireCleanText(ctx, input.reason)
    const done = await ctx.store.bindings.transition(binding.id, 'approved', 'unbound', {
      by: caller.user.id,
      at: ctx.now,
      reason: input.reason,
    })
    if (!done) throw new AppError('CONFLICT', '这条绑定已经不在生效状态')
    ctx.audit({
      target: `binding:${binding.id}`,
      before: { status: 'approved' },
      after: { status: 'unbound', reason: input.reason },
    })
    return toRequest({ ...binding, status: 'unbound', reason: input.reason })
  },
}
