import { requireCleanText } from '../content/clean-text'
import type { MeUser } from '../../contract/people'
import { signedInCaller, type ActionContext, type Caller, type HandlersFor } from '../context'
import { AppError } from '../errors'
import { loadDemoAccounts } from '../lazy/load'
import { SETUP_CODE_KEY } from './setup-code'
import { toIso } from '../shared/time'

/** The caller as 我的 shows them. */
export async function toMe(ctx: ActionContext, caller: Caller): Promise<MeUser> {
  const [villages, request] = await Promise.all([
    ctx.store.places.villages(),
    caller.binding ? null : ctx.store.bindings.openRequest(caller.user.id),
  ])
  const ref = (id: string) => ({
    id,
    name: villages.find((v) => v.id === id)?.name ?? '（已撤并）',
  })
  const { household, binding } = caller
  return {
    id: caller.user.id,
    nickname: caller.user.nickname,
    role: caller.role,
    village: household ? ref(household.villageId) : null,
    household:
      household && binding
        ? {
            id: household.id,
            headName: household.headName,
            houseNo: household.houseNo,
            groupName: household.groupName,
            relation: binding.relation,
          }
        : null,
    gridVillages: caller.gridVillageIds.map(ref),
    bindingRequest:
      request && (request.status === 'pending' || request.status === 'rejected')
        ? {
            id: request.id,
            status: request.status,
            villageName: request.household.villageName,
            houseNo: request.household.houseNo,
            reason: request.reason,
            createdAt: toIso(request.createdAt),
          }
        : null,
  }
}

export const peopleHandlers: HandlersFor<
  | 'auth.devAccounts'
  | 'auth.devLogin'
  | 'auth.logout'
  | 'me.get'
  | 'me.updateProfile'
  | 'villages.list'
> = {
  async 'auth.devAccounts'(ctx) {
    const { DEMO_ACCOUNTS, describeDemoAccount } = await loadDemoAccounts()
    return DEMO_ACCOUNTS.map((account) => ({
      current: ctx.caller?.user.openid === account.openid,
      openid: account.openid,
      label: account.nickname,
      role: account.role,
      description: describeDemoAccount(account),
    }))
  },

  async 'auth.devLogin'(ctx, input) {
    if (!ctx.issueToken) throw new AppError('NOT_FOUND', '没有这个接口')
    const caller = await ctx.identify(input.openid)
    return { token: await ctx.issueToken(input.openid), user: await toMe(ctx, caller) }
  },

  async 'auth.logout'(ctx) {
    const caller = signedInCaller(ctx)
    const version = await ctx.store.users.endSessions(caller.user.id)
    ctx.audit({ target: `user:${caller.user.id}`, after: { sessionVersion: version } })
    return { ended: true }
  },

  async 'me.get'(ctx) {
    return {
      user: ctx.caller ? await toMe(ctx, ctx.caller) : null,
      devMode: ctx.devMode,
      // Open only while a setup code waits to be claimed: the local server issues one at start
      // when nobody is admin; the cloud function never does (its first admin is ADMIN_OPENIDS).
      setupOpen:
        (await ctx.store.users.countAdmins()) === 0 &&
        (await ctx.store.settings.get(SETUP_CODE_KEY)) !== null,
    }
  },

  async 'me.updateProfile'(ctx, input) {
    const caller = signedInCaller(ctx)
    await requireCleanText(ctx, input.nickname)
    const user = await ctx.store.users.update(caller.user.id, { nickname: input.nickname })
    ctx.audit({
      target: `user:${user.id}`,
      before: { nickname: caller.user.nickname },
      after: { nickname: user.nickname },
    })
    return toMe(ctx, { ...caller, user })
  },

  async 'villages.list'(ctx) {
    const villages = await ctx.store.places.villages()
    return villages.map((v) => ({
      id: v.id,
      name: v.name,
      code: v.code,
      groupCount: v.groupCount,
      householdCount: v.householdCount,
    }))
  },
}
