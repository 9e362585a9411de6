import { z } from 'zod'
import { emptyInputSchema, villageRefSchema } from './common'
import { defineActions, roles, signedIn } from './define'

/** The signed-in user as they see themselves on 我的. */
export const meUserSchema = z.object({
  id: z.string(),
  nickname: z.string(),
  role: z.enum(roles),
  village: villageRefSchema.nullable(),
  household: z
    .object({
      id: z.string(),
      headName: z.string(),
      houseNo: z.string(),
      groupName: z.string(),
      relation: z.enum(['head', 'member']),
    })
    .nullable(),
  /** Villages a grid worker serves (empty for others). */
  gridVillages: z.array(villageRefSchema),
})

/** A signed-in user. */
export type MeUser = z.infer<typeof meUserSchema>

/** A demo account offered by the dev login. */
export const devAccountSchema = z.object({
  openid: z.string(),
  label: z.string(),
  role: z.enum(roles),
  description: z.string(),
  /** The account the caller is signed in as. */
  current: z.boolean(),
})

/** A demo account. */
export type DevAccount = z.infer<typeof devAccountSchema>

/** A village in the township list. */
export const villageSummarySchema = villageRefSchema.extend({
  code: z.string().nullable(),
  groupCount: z.number(),
  householdCount: z.number(),
})

/** Actions about identity, the caller and the township's places. */
export const peopleActions = defineActions({
  'auth.devAccounts': {
    summary: 'Lists the demo accounts (dev mode only).',
    input: emptyInputSchema,
    output: z.array(devAccountSchema),
    access: 'public',
    write: false,
    devOnly: true,
  },
  'auth.devLogin': {
    summary: 'Signs in as any openid and returns a bearer token (dev mode only).',
    input: z.object({
      openid: z
        .string()
        .trim()
        .min(1, '请填写 openid')
        .max(64, 'openid 过长')
        .regex(/^[\w-]+$/, 'openid 只能包含字母、数字、下划线和短横线'),
    }),
    output: z.object({ token: z.string(), user: meUserSchema }),
    access: 'public',
    write: false,
    devOnly: true,
  },
  'me.get': {
    summary: 'The caller (null when nobody is signed in) and whether the server runs in dev mode.',
    input: emptyInputSchema,
    output: z.object({ user: meUserSchema.nullable(), devMode: z.boolean() }),
    access: 'public',
    write: false,
  },
  'me.updateProfile': {
    summary: "Changes the caller's nickname.",
    input: z.object({
      nickname: z.string().trim().min(1, '昵称不能为空').max(20, '昵称最多 20 个字'),
    }),
    output: meUserSchema,
    access: signedIn,
    write: true,
  },
  'villages.list': {
    summary: "The township's villages with their group and household counts.",
    input: emptyInputSchema,
    output: z.array(villageSummarySchema),
    access: 'public',
    write: false,
  },
})
