import type { StaffUser } from '../../contract/people'
import { signedInCaller, type ActionContext, type HandlersFor } from '../context'
import { AppError, notFound } from '../errors'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import type { StaffView } from '../store/store'
import { toMe } from './people.actions'
import { maskPhone, roleOf } from './people.rules'
import { hashCode, SETUP_CODE_KEY } from './setup-code'

function toStaffUser(v: StaffView): StaffUser {
  return {
    id: v.id,
    nickname: v.nickname,
    // A bound user without an appointed role is a resident; the label says which household.
    role: v.staffRole ?? (v.householdLabel ? 'resident' : 'visitor'),
    householdLabel: v.householdLabel,
    household: v.household && {
      villageName: v.household.villageName,
      houseNo: v.household.houseNo,
      headName: v.household.headName,
      maskedPhone: maskPhone(v.household.phone),
    },
    grids: v.grids,
  }
}

async function staffView(ctx: ActionContext, userId: string): Promise<StaffView> {
  const view = await ctx.store.users.view(userId)
  if (!view) throw notFound('该用户')
  return view
}

/** The township must never be left without an admin. */
async function keepOneAdmin(ctx: ActionContext, user: StaffView, next: StaffView['staffRole']) {
  if (user.staffRole !== 'admin' || next === 'admin') return
  if ((await ctx.store.users.countAdmins()) <= 1) {
    throw new AppError('CONFLICT', '这是最后一位管理员，不能撤销；请先任命另一位管理员')
  }
}

export const staffHandlers: HandlersFor<
  | 'users.search'
  | 'staff.list'
  | 'staff.appoint'
  | 'staff.dismiss'
  | 'users.endSessions'
  | 'admin.claim'
> = {
  async 'users.search'(ctx, input) {
    const page = await ctx.store.users.search({
      keyword: input.keyword,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return { items: page.items.map(toStaffUser), nextCursor: encodeCursor(page.next) }
  },

  async 'users.endSessions'(ctx, input) {
    await staffView(ctx, input.userId)
    const version = await ctx.store.users.endSessions(input.userId)
    ctx.audit({ target: `user:${input.userId}`, after: { sessionVersion: version } })
    return { ended: true }
  },

  async 'staff.list'(ctx) {
    return (await ctx.store.users.staff()).map(toStaffUser)
  },

  async 'staff.appoint'(ctx, input) {
    const before = await staffView(ctx, input.userId)
    await keepOneAdmin(ctx, before, input.role)
    await ctx.store.users.setStaffRole(input.userId, input.role)
    const after = await staffView(ctx, input.userId)
    ctx.audit({
      target: `user:${input.userId}`,
      before: { role: before.staffRole },
      after: { role: after.staffRole },
    })
    return toStaffUser(after)
  },

  async 'staff.dismiss'(ctx, input) {
    const before = await staffView(ctx, input.userId)
    if (!before.staffRole) throw new AppError('CONFLICT', '该用户没有被任命为管理员或网格员')
    await keepOneAdmin(ctx, before, null)
    await ctx.store.users.setStaffRole(input.userId, null)
    ctx.audit({
      target: `user:${input.userId}`,
      before: { role: before.staffRole, grids: before.grids.map((g) => g.id) },
      after: { role: null, grids: [] },
    })
    return toStaffUser(await staffView(ctx, input.userId))
  },

  async 'admin.claim'(ctx, input) {
    const caller = signedInCaller(ctx)
    if ((await ctx.store.users.countAdmins()) > 0) {
      throw new AppError('CONFLICT', '本系统已有管理员，初始化码已失效')
    }
    // Taken atomically, so two people typing the code at once cannot both become admin.
    const stored = await ctx.store.settings.take(SETUP_CODE_KEY)
    if (!stored) throw new AppError('CONFLICT', '初始化码已失效，请重启服务获取新的初始化码')
    if (stored !== hashCode(input.code)) {
      await ctx.store.settings.set(SETUP_CODE_KEY, stored)
      throw new AppError('FORBIDDEN', '初始化码不正确', undefined, true)
    }
    await ctx.store.users.setStaffRole(caller.user.id, 'admin')
    ctx.audit({
      target: `user:${caller.user.id}`,
      before: { role: caller.role },
      after: { role: 'admin' },
    })
    const user = { ...caller.user, staffRole: 'admin' as const }
    return toMe(ctx, { ...caller, user, role: roleOf(user, caller.binding) })
  },
}
