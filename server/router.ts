// The API as one runtime-independent function: identify → authorise → validate → run →
// audit → envelope. The local HTTP server and the WeChat cloud function only serve it.
import { z } from 'zod'
import { actions, isActionName, type ActionName, type Envelope, type Role } from '../contract'
import type { ActionSpec } from '../contract/define'
import type { FieldIssue } from '../contract/envelope'
import { createLocalContentChecker } from './content/local-checker'
import type { ContentChecker } from './content/content-check'
import type { ActionContext, AuditNote, Caller, Handler } from './context'
import { AppError, internalError } from './errors'
import { handlers } from './handlers'
import { createLogger, type Logger } from './logger'
import { noMediaStorage, type MediaStorage } from './media/media-storage'
import { hideUncheckedMedia } from './media/media-urls'
import { roleOf } from './people/people.rules'
import { createOutboxNotifier, type Notifier } from './notify/notifier'
import { newId } from './shared/ids'
import type { Store } from './store/store'

z.config(z.locales.zhCN())

export interface RouterOptions {
  store: Store
  /** Dev mode enables the dev login; never on in WeChat. */
  devMode: boolean
  /** Openids that are admins by configuration (the first admin). */
  adminOpenids?: readonly string[]
  clock?: () => number
  logger?: Logger
  issueToken?: (openid: string) => Promise<string>
  /** The content check; by default the local word list in the store's settings. */
  content?: ContentChecker
  /** Where uploads go; without one, media.upload fails. */
  media?: MediaStorage
  /** Notifications to residents; by default the local outbox table in the store. */
  notifier?: Notifier
}

export interface ApiRequest {
  action: string
  input: unknown
  /** The platform's identity of the caller, or null for nobody; never taken from the input. */
  openid: string | null
  requestId?: string
}

export interface Router {
  handle(request: ApiRequest): Promise<Envelope<unknown>>
}

function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(输入)',
    message: issue.message,
  }))
}

function allowed(spec: ActionSpec, role: Role | null): boolean {
  if (spec.access === 'public') return true
  return role !== null && spec.access.includes(role)
}

export function createRouter(options: RouterOptions): Router {
  const { store, devMode } = options
  const clock = options.clock ?? Date.now
  const logger = options.logger ?? createLogger()
  const adminOpenids = new Set(options.adminOpenids ?? [])
  const content = options.content ?? createLocalContentChecker(store)
  const media = options.media ?? noMediaStorage
  const notifier = options.notifier ?? createOutboxNotifier(store)

  async function identify(openid: string, now: number): Promise<Caller> {
    const user = await store.users.ensure(openid, now)
    const [binding, gridVillageIds, gridIds] = await Promise.all([
      store.places.approvedBinding(user.id),
      store.places.gridVillageIds(user.id),
      store.places.gridIds(user.id),
    ])
    const household = binding ? await store.places.household(binding.householdId) : null
    const role = adminOpenids.has(openid) ? 'admin' : roleOf(user, binding)
    return { user, role, binding, household, gridVillageIds, gridIds }
  }

  async function run(request: ApiRequest, requestId: string): Promise<unknown> {
    const name = request.action
    if (!isActionName(name)) throw new AppError('NOT_FOUND', '没有这个接口')
    const spec: ActionSpec = actions[name]
    if (spec.devOnly && !devMode) throw new AppError('NOT_FOUND', '没有这个接口')

    const now = clock()
    const caller = request.openid ? await identify(request.openid, now) : null
    if (!allowed(spec, caller?.role ?? null)) {
      if (!caller) throw new AppError('UNAUTHENTICATED', '请先登录')
      throw new AppError('FORBIDDEN', '您没有权限进行此操作')
    }

    const parsed = spec.input.safeParse(request.input ?? {})
    if (!parsed.success) {
      const fields = fieldIssues(parsed.error)
      throw new AppError('BAD_INPUT', fields[0]?.message ?? '输入格式不正确', { fields })
    }

    const notes: AuditNote[] = []
    const ctx: ActionContext = {
      store,
      caller,
      now,
      requestId,
      devMode,
      content,
      media,
      notifier,
      audit: (note) => notes.push(note),
      identify: (openid) => identify(openid, now),
      issueToken: options.issueToken,
    }
    // The map is keyed by the same name, so this pairing is sound; TypeScript cannot
    // correlate the union of handlers with the union of inputs by itself.
    const handler = handlers[name] as Handler<ActionName>
    const result = await handler(ctx, parsed.data as never)
    // Parsing the output drops any field the contract does not declare, so a record with
    // more in it (a phone number, say) can never leak through a handler's spread. Pictures
    // not yet through the image check are then left out for all but their uploader and admins.
    const data = await hideUncheckedMedia(store, caller, spec.output.parse(result))

    if (spec.write) {
      if (notes.length === 0) notes.push({ target: null, after: parsed.data })
      await store.audit.append(
        notes.map((note) => ({
          requestId,
          actorId: caller?.user.id ?? null,
          actorRole: caller?.role ?? 'anonymous',
          action: name,
          target: note.target,
          before: note.before ?? null,
          after: note.after ?? null,
          at: now,
        })),
      )
    }
    return data
  }

  return {
    async handle(request) {
      const requestId = request.requestId ?? newId('req')
      try {
        return { ok: true, data: await run(request, requestId) }
      } catch (error) {
        if (error instanceof AppError) {
          return {
            ok: false,
            error: {
              code: error.code,
              message: error.message,
              ...(error.details ? { details: error.details } : {}),
            },
          }
        }
        logger.error('action failed', {
          requestId,
          action: request.action,
          error: error instanceof Error ? error.stack : String(error),
        })
        return internalError(requestId)
      }
    },
  }
}
