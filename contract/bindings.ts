import { z } from 'zod'
import { emptyInputSchema, idSchema, isoSchema, pageInputSchema, pageOf } from './common'
import { defineActions, signedIn, staff } from './define'

const relationSchema = z.enum(['head', 'member'], { error: '请选择与户主的关系' })

/** A binding request as the reviewing grid worker sees it. */
export const bindingRequestSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'unbound']),
  user: z.object({ id: z.string(), nickname: z.string() }),
  household: z.object({
    id: z.string(),
    headName: z.string(),
    houseNo: z.string(),
    villageName: z.string(),
    groupName: z.string(),
  }),
  relation: relationSchema,
  reason: z.string().nullable(),
  createdAt: isoSchema,
})

/** A binding request as its reviewer sees it. */
export type BindingRequest = z.infer<typeof bindingRequestSchema>

const reasonSchema = z
  .string()
  .trim()
  .min(2, '请填写原因（至少 2 个字）')
  .max(100, '原因最多 100 字')

/** Actions binding a user to a household, the key to nominating, voting and appealing. */
export const bindingActions = defineActions({
  'bindings.request': {
    summary:
      'Asks to be bound to a household, found by head name + 门牌号, by its doorplate, or by invite code.',
    input: z.discriminatedUnion('by', [
      z.object({
        by: z.literal('roster'),
        villageId: idSchema,
        headName: z.string().trim().min(1, '请填写户主姓名').max(20, '户主姓名最多 20 个字'),
        houseNo: z.string().trim().min(1, '请填写门牌号').max(30, '门牌号最多 30 个字'),
        relation: relationSchema,
      }),
      z.object({
        // The 户码 on the door: the household is the plate's; the grid worker still approves.
        by: z.literal('plate'),
        code: z.string().trim().min(1, '户码不正确').max(64, '户码不正确'),
        relation: relationSchema,
      }),
      z.object({
        by: z.literal('invite'),
        code: z.string().trim().min(4, '邀请码不正确').max(16, '邀请码不正确'),
        relation: relationSchema,
      }),
    ]),
    output: z.object({ id: z.string(), status: z.enum(['pending', 'approved']) }),
    access: signedIn,
    write: true,
    audit: ['by', 'villageId', 'houseNo'],
  },
  'bindings.cancel': {
    summary: "Withdraws the caller's own pending request.",
    input: emptyInputSchema,
    output: z.object({ id: z.string() }),
    access: signedIn,
    write: true,
    audit: [],
  },
  'bindings.unbind': {
    summary: 'The caller leaves their household.',
    input: emptyInputSchema,
    output: z.object({ id: z.string() }),
    access: signedIn,
    write: true,
    audit: [],
  },
  'bindings.pending': {
    summary: "Requests waiting for review in the caller's grids (all, for admins), oldest first.",
    input: pageInputSchema,
    output: pageOf(bindingRequestSchema),
    access: staff,
    write: false,
  },
  'bindings.approve': {
    summary: 'Approves a pending request of a household in scope.',
    input: z.object({ id: idSchema }),
    output: bindingRequestSchema,
    access: staff,
    write: true,
    audit: ['id'],
  },
  'bindings.reject': {
    summary: 'Rejects a pending request with a reason the user sees.',
    input: z.object({ id: idSchema, reason: reasonSchema }),
    output: bindingRequestSchema,
    access: staff,
    write: true,
    audit: ['id', 'reason'],
  },
  'bindings.revoke': {
    summary: "Ends a user's binding, with a reason (admins).",
    input: z.object({ id: idSchema, reason: reasonSchema }),
    output: bindingRequestSchema,
    access: ['admin'],
    write: true,
    audit: ['id', 'reason'],
  },
})
