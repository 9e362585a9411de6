import { z } from 'zod'
import { idSchema, isoSchema, pageInputSchema, pageOf } from './common'
import { defineActions, signedIn, staff } from './define'

/** Where opening a doorplate takes the caller (doorplates.open). */
export const doorLandings = ['family', 'inspect', 'household', 'bind', 'public'] as const

/** Where opening a doorplate takes the caller. */
export type DoorLanding = (typeof doorLandings)[number]

/** A doorplate code as typed or scanned: checked by the server, which counts wrong ones. */
const plateCodeSchema = z.string().trim().min(1, '户码不正确').max(64, '户码不正确')

/** What a doorplate opens: the household as the caller may see it, and where to land. */
export const doorSchema = z.object({
  landing: z.enum(doorLandings),
  household: z.object({
    /** Only for callers who see the household in full (itself, its grid workers, admins). */
    id: z.string().nullable(),
    villageName: z.string(),
    groupName: z.string(),
    /** The head's name, in full or masked, as the privacy rule decides. */
    name: z.string(),
    /** 门牌号, only with full detail. */
    houseNo: z.string(),
  }),
  /** The open inspection round, for the grid worker's form (landing 'inspect'). */
  roundId: z.string().nullable(),
})

/** What a doorplate opens. */
export type Door = z.infer<typeof doorSchema>

/** One plate of a print sheet. */
export const plateSchema = z.object({
  householdId: z.string(),
  houseNo: z.string(),
  /** The token; what the QR code or 小程序码 carries. */
  code: z.string(),
  /** Local server: QR modules of the H5 page's URL, row by row ('1' dark). */
  qr: z.array(z.string()).nullable(),
  /** WeChat: a temporary URL of the 小程序码 image (cached in cloud storage). */
  image: z.string().nullable(),
})

/** One plate of a print sheet. */
export type Plate = z.infer<typeof plateSchema>

/** An award a household won in a 评选 (results published). */
export const awardSchema = z.object({
  campaignId: z.string(),
  title: z.string(),
  rank: z.number(),
  publishedAt: isoSchema,
})

/** An award a household won. */
export type Award = z.infer<typeof awardSchema>

/** 户码: a random code on every door that opens the household in the mini-program. */
export const doorplateActions = defineActions({
  'doorplates.open': {
    summary:
      'Resolves a doorplate code: the household as the caller may see it and where they land.',
    input: z.object({ code: plateCodeSchema }),
    output: doorSchema,
    access: 'public',
    write: false,
  },
  'doorplates.print': {
    summary:
      "A village group's plates for the A4 print page (households in the caller's grids), by 门牌号; marks them printed.",
    input: pageInputSchema.extend({
      groupId: idSchema,
      limit: z.number().int().min(1).max(48).default(48),
      /** The H5 app's origin (local server), for the QR code's URL. */
      origin: z
        .string()
        .trim()
        .regex(/^https?:\/\/[\w.:[\]-]+$/, '地址格式不正确')
        .max(200)
        .optional(),
    }),
    output: pageOf(plateSchema).extend({
      village: z.object({ id: z.string(), name: z.string() }),
      group: z.object({ id: z.string(), name: z.string() }),
    }),
    access: staff,
    write: true,
    audit: ['groupId', 'cursor'],
  },
  'doorplates.reissue': {
    summary: 'Gives a household a new doorplate code (a lost plate): the old code stops working.',
    input: z.object({ householdId: idSchema }),
    output: z.object({ householdId: z.string(), issuedAt: isoSchema }),
    access: staff,
    write: true,
    audit: ['householdId'],
  },
  'me.awards': {
    summary: "Awards the caller's household won in 评选 whose results are published, newest first.",
    input: pageInputSchema,
    output: pageOf(awardSchema),
    access: signedIn,
    write: false,
  },
})
