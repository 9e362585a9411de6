import { z } from 'zod'
import {
  emptyInputSchema,
  idSchema,
  isoSchema,
  pageInputSchema,
  pageOf,
  villageRefSchema,
} from './common'
import { defineActions, roles, signedIn } from './define'

const admins = ['admin'] as const

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
  /** The latest binding request still waiting or refused; null once bound or never asked. */
  bindingRequest: z
    .object({
      id: z.string(),
      status: z.enum(['pending', 'rejected']),
      villageName: z.string(),
      houseNo: z.string(),
      reason: z.string().nullable(),
      createdAt: isoSchema,
    })
    .nullable(),
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

/** A user as an admin manages them. */
/**
 * A person's household as staff tell people apart by it: village, 门牌号, 户主 and the
 * household's phone, masked by the server (138****5678).
 */
export const personHouseholdSchema = z.object({
  villageName: z.string(),
  houseNo: z.string(),
  headName: z.string(),
  maskedPhone: z.string().nullable(),
})

export type PersonHousehold = z.infer<typeof personHouseholdSchema>

export const staffUserSchema = z.object({
  id: z.string(),
  nickname: z.string(),
  role: z.enum(roles),
  /** Where they live, when bound to a household. */
  householdLabel: z.string().nullable(),
  household: personHouseholdSchema.nullable(),
  grids: z.array(z.object({ id: z.string(), name: z.string(), villageName: z.string() })),
})

/** A user as an admin manages them. */
export type StaffUser = z.infer<typeof staffUserSchema>

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
    summary: 'Signs in as the given openid and returns a bearer token (dev mode only).',
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
    // A sign-in creates the user on first sight: a write. Dev mode only, and no act anyone
    // answers for, so it keeps no audit entry.
    write: true,
    audit: false,
    devOnly: true,
  },
  'auth.logout': {
    summary: "Ends every session of the caller: the local server's tokens stop working.",
    input: emptyInputSchema,
    output: z.object({ ended: z.literal(true) }),
    access: signedIn,
    write: true,
    audit: [],
  },
  'me.get': {
    summary: 'The caller (null when nobody is signed in) and whether the server runs in dev mode.',
    input: emptyInputSchema,
    output: z.object({
      user: meUserSchema.nullable(),
      devMode: z.boolean(),
      /** No admin exists yet: a signed-in user may claim the role with the setup code. */
      setupOpen: z.boolean(),
    }),
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
    audit: ['nickname'],
  },
  'villages.list': {
    summary: "The township's villages with their group and household counts.",
    input: emptyInputSchema,
    output: z.array(villageSummarySchema),
    access: 'public',
    write: false,
  },
  'users.search': {
    summary: 'Finds users by nickname, household head or openid, to appoint them (admins).',
    input: pageInputSchema.extend({
      keyword: z.string().trim().max(30, '关键词最多 30 个字').default(''),
    }),
    output: pageOf(staffUserSchema),
    access: admins,
    write: false,
  },
  'staff.list': {
    summary: 'Admins and grid workers with the grids each serves.',
    input: emptyInputSchema,
    output: z.array(staffUserSchema),
    access: admins,
    write: false,
  },
  'staff.appoint': {
    summary: 'Makes a user an admin or a grid worker.',
    input: z.object({ userId: idSchema, role: z.enum(['admin', 'gridWorker']) }),
    output: staffUserSchema,
    access: admins,
    write: true,
    audit: ['userId', 'role'],
  },
  'staff.dismiss': {
    summary: 'Takes the appointed role (and grids) away; the last admin cannot be dismissed.',
    input: z.object({ userId: idSchema }),
    output: staffUserSchema,
    access: admins,
    write: true,
    audit: ['userId'],
  },
  'users.endSessions': {
    summary: "Ends every session of a user (a lost phone): the user's tokens stop working.",
    input: z.object({ userId: idSchema }),
    output: z.object({ ended: z.literal(true) }),
    access: admins,
    write: true,
    audit: ['userId'],
  },
  'admin.claim': {
    summary: 'Makes the caller the first admin with the one-time setup code printed at start.',
    input: z.object({ code: z.string().trim().min(1, '请输入初始化码').max(40) }),
    output: meUserSchema,
    access: signedIn,
    write: true,
    audit: [],
  },
})
