// The `api` function's settings, from the environment variables set on the function in the
// cloud console (云函数 → 配置 → 环境变量), validated so that a typo fails loudly.
import { z } from 'zod'
import { openidListSchema } from '../../server/config'
import { templatesSchema, type Templates } from '../../server/notify/wechat-notifier'

const jsonTemplates = z
  .string()
  .default('{}')
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown
    } catch {
      ctx.addIssue({ code: 'custom', message: '不是有效的 JSON' })
      return z.NEVER
    }
  })
  .pipe(templatesSchema)

const envSchema = z.object({
  /** Comma-separated openids that are admins by configuration (the township's first admin). */
  ADMIN_OPENIDS: openidListSchema,
  /** Subscription-message templates per event, as JSON (see cloudfunctions/README.md). */
  NOTIFY_TEMPLATES: jsonTemplates,
  /** Which version of the mini-program a notification opens. */
  NOTIFY_STATE: z.enum(['developer', 'trial', 'formal']).default('formal'),
})

export interface FunctionConfig {
  adminOpenids: string[]
  templates: Templates
  miniprogramState: 'developer' | 'trial' | 'formal'
}

export function loadFunctionConfig(
  env: Record<string, string | undefined> = process.env,
): FunctionConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`云函数环境变量有误：\n${problems.join('\n')}`)
  }
  return {
    adminOpenids: parsed.data.ADMIN_OPENIDS,
    templates: parsed.data.NOTIFY_TEMPLATES,
    miniprogramState: parsed.data.NOTIFY_STATE,
  }
}
