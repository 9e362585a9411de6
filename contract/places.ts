import { z } from 'zod'
import { emptyInputSchema, idSchema, pageInputSchema, pageOf } from './common'
import { defineActions, staff } from './define'

const admins = ['admin'] as const

const nameSchema = z.string().trim().min(1, '名称不能为空').max(20, '名称最多 20 个字')

/** 12-digit administrative division code (统计用区划代码), when known. */
export const villageCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{12}$/, '行政区划代码应为 12 位数字')

/** Mainland mobile (11 digits) or landline with area code. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确')

/** The township's places as an admin manages them. */
export const placeTreeSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    code: z.string().nullable(),
    archived: z.boolean(),
    householdCount: z.number(),
    groups: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        archived: z.boolean(),
        householdCount: z.number(),
      }),
    ),
    grids: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        archived: z.boolean(),
        householdCount: z.number(),
        workers: z.array(z.object({ id: z.string(), nickname: z.string() })),
      }),
    ),
  }),
)

/** One household as staff see it (phone included: only staff in scope ever get this). */
export const householdSchema = z.object({
  id: z.string(),
  village: z.object({ id: z.string(), name: z.string() }),
  group: z.object({ id: z.string(), name: z.string() }),
  grid: z.object({ id: z.string(), name: z.string() }),
  headName: z.string(),
  houseNo: z.string(),
  size: z.number(),
  phone: z.string().nullable(),
  members: z.array(
    z.object({
      /** The binding, for an admin to end it (bindings.revoke). */
      bindingId: z.string(),
      userId: z.string(),
      nickname: z.string(),
      relation: z.enum(['head', 'member']),
    }),
  ),
})

/** One household as staff see it. */
export type Household = z.infer<typeof householdSchema>

/** What a roster import would do (dry run) or did (commit). */
/** One household an import would update: its line, 门牌号, and each field from → to. */
export const rosterChangeSchema = z.object({
  line: z.number(),
  villageName: z.string(),
  houseNo: z.string(),
  fields: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })),
})

/** One household an import updates. */
export type RosterChange = z.infer<typeof rosterChangeSchema>

export const rosterReportSchema = z.object({
  fileName: z.string(),
  rows: z.number(),
  create: z.number(),
  update: z.number(),
  unchanged: z.number(),
  villagesToCreate: z.array(z.string()),
  /**
   * Village names in the file the township does not have and the admin has not confirmed as
   * new: each is an error on its lines (with the nearest existing name).
   */
  unknownVillages: z.array(z.string()),
  groupsToCreate: z.array(z.string()),
  /** The households an import updates, each with what changes (the first 500; `update` counts all). */
  changes: z.array(rosterChangeSchema),
  /** Line numbers as in the spreadsheet (the header is line 1). */
  errors: z.array(z.object({ line: z.number(), message: z.string() })),
  committed: z.boolean(),
})

/** What a roster import would do or did. */
export type RosterReport = z.infer<typeof rosterReportSchema>

const rosterFileSchema = z.object({
  fileName: z
    .string()
    .trim()
    .regex(/\.(xlsx|csv)$/i, '只支持 .xlsx 或 .csv 文件'),
  /** The file's bytes, base64. */
  content: z.string().min(1, '文件是空的').max(4_000_000, '文件过大（上限约 3 MB）'),
  /**
   * The villages the admin confirms this file creates, exactly: a name in the file the
   * township does not have is refused unless listed here (so a typo never makes a village).
   */
  newVillages: z
    .array(z.string().trim().min(1, '村名不能为空').max(20, '村名最多 20 个字'))
    .max(50, '一次最多新建 50 个村')
    .default([]),
})

const kindSchema = z.enum(['village', 'group', 'grid'])

/** Actions on villages, groups, grids, households and the roster. */
export const placesActions = defineActions({
  'places.tree': {
    summary: 'Every village with its groups and grids (archived ones too), for admins.',
    input: emptyInputSchema,
    output: placeTreeSchema,
    access: admins,
    write: false,
  },
  'places.create': {
    summary: 'Creates a village, or a group or grid inside a village.',
    input: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('village'),
        name: nameSchema,
        code: villageCodeSchema.optional(),
      }),
      z.object({ kind: z.literal('group'), villageId: idSchema, name: nameSchema }),
      z.object({ kind: z.literal('grid'), villageId: idSchema, name: nameSchema }),
    ]),
    output: z.object({ id: z.string() }),
    access: admins,
    write: true,
    audit: ['kind', 'villageId', 'name'],
  },
  'places.rename': {
    summary: "Renames a village, group or grid (and sets a village's code).",
    input: z.object({
      kind: kindSchema,
      id: idSchema,
      name: nameSchema,
      code: villageCodeSchema.nullable().optional(),
    }),
    output: z.object({ id: z.string() }),
    access: admins,
    write: true,
    audit: ['kind', 'id', 'name'],
  },
  'places.archive': {
    summary: 'Archives (or restores) a village, group or grid; history is never deleted.',
    input: z.object({ kind: kindSchema, id: idSchema, archived: z.boolean() }),
    output: z.object({ id: z.string() }),
    access: admins,
    write: true,
    audit: ['kind', 'id', 'archived'],
  },
  'grids.assignWorker': {
    summary: 'Puts a grid worker in charge of a grid.',
    input: z.object({ gridId: idSchema, userId: idSchema }),
    output: z.object({ gridId: z.string(), userId: z.string() }),
    access: admins,
    write: true,
    audit: ['gridId', 'userId'],
  },
  'grids.removeWorker': {
    summary: 'Takes a grid worker off a grid.',
    input: z.object({ gridId: idSchema, userId: idSchema }),
    output: z.object({ gridId: z.string(), userId: z.string() }),
    access: admins,
    write: true,
    audit: ['gridId', 'userId'],
  },
  'households.list': {
    summary: "Households in the caller's scope (a grid worker's grids, or all for admins).",
    input: pageInputSchema.extend({
      villageId: idSchema.optional(),
      gridId: idSchema.optional(),
      keyword: z.string().trim().max(30, '关键词最多 30 个字').optional(),
    }),
    output: pageOf(householdSchema),
    access: staff,
    write: false,
  },
  'households.get': {
    summary: 'One household in scope, with its bound members and phone.',
    input: z.object({ id: idSchema }),
    output: householdSchema,
    access: staff,
    write: false,
  },
  'households.update': {
    summary: "Corrects a household's head, size, phone, group or grid.",
    input: z.object({
      id: idSchema,
      headName: z.string().trim().min(1, '户主姓名不能为空').max(20).optional(),
      size: z.number().int('家庭人口须为整数').min(1, '家庭人口至少 1 人').max(30).optional(),
      phone: phoneSchema.nullable().optional(),
      groupId: idSchema.optional(),
      gridId: idSchema.optional(),
    }),
    output: householdSchema,
    access: staff,
    write: true,
    audit: ['id', 'headName', 'size', 'groupId', 'gridId'],
  },
  'households.invite': {
    summary: 'A one-time code (valid 24 h) a resident scans or types to bind to this household.',
    input: z.object({ householdId: idSchema }),
    output: z.object({
      code: z.string(),
      expiresAt: z.string(),
      /** QR modules, row by row ('1' dark, '0' light), so the phone draws it without a library. */
      qr: z.array(z.string()),
    }),
    access: staff,
    write: true,
    audit: ['householdId'],
  },
  'roster.preview': {
    summary: 'Dry run of a roster import: what would be created, updated, and every bad row.',
    input: rosterFileSchema,
    output: rosterReportSchema,
    access: admins,
    write: false,
  },
  'roster.commit': {
    summary: 'Imports a roster in one transaction; refused while any row is bad.',
    input: rosterFileSchema,
    output: rosterReportSchema,
    access: admins,
    write: true,
    audit: ['fileName', 'newVillages'],
  },
  'roster.export': {
    summary: 'The roster as an .xlsx file (base64), whole township or one village.',
    input: z.object({ villageId: idSchema.optional() }),
    output: z.object({ fileName: z.string(), content: z.string() }),
    access: admins,
    write: false,
  },
})
