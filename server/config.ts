// The one place that reads environment variables, validated so that a typo fails at start.
import path from 'node:path'
import { z } from 'zod'

/** A comma-separated list of openids, e.g. ADMIN_OPENIDS (the township's first admin). */
export const openidListSchema = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  )

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** dev: seeds demo data and offers the dev login. Never dev on a public address. */
  APP_MODE: z.enum(['dev', 'production']).default('production'),
  /** Comma-separated openids that are admins by configuration (the township's first admin). */
  ADMIN_OPENIDS: openidListSchema,
  /** Dev mode only: the clock starts at this instant (ISO 8601), for demos and browser tests. */
  DEMO_NOW: z
    .string()
    .optional()
    .refine((value) => value === undefined || !Number.isNaN(Date.parse(value)), {
      message: '不是有效的日期时间（例如 2026-12-04T10:00:00+08:00）',
    }),
})

export interface Config {
  port: number
  host: string
  dataDir: string
  devMode: boolean
  adminOpenids: string[]
  /** Where the clock starts (ms), or null for the system clock. */
  clockStart: number | null
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`环境变量有误：\n${problems.join('\n')}`)
  }
  const e = parsed.data
  if (e.DEMO_NOW !== undefined && e.APP_MODE !== 'dev') {
    throw new Error('环境变量有误：\nDEMO_NOW 只能在开发模式（APP_MODE=dev）下使用')
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    devMode: e.APP_MODE === 'dev',
    adminOpenids: e.ADMIN_OPENIDS,
    clockStart: e.DEMO_NOW === undefined ? null : Date.parse(e.DEMO_NOW),
  }
}
