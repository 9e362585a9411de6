// The API as one runtime-independent function: identify → authorise → validate → run →
// audit → envelope, one request one unit of work (on SQLite one transaction, the audit
// inside it). The local HTTP server and the WeChat cloud function only serve it.
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
import { once } from './idempotent'
import { runTick, type TickReport } from './system/tick'
import { drawsFor, failureDraws, rateLimited, spent, type Draw } from './limits'
import type { Identity, Store } from './store/store'

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
  /** Rate limits (contract/limits.ts); on unless turned off (a benchmark's baseline). */
  rateLimits?: boolean
}

export interface ApiRequest {
  action: string
  input: unknown
  /** The platform's identity of the caller, or null for nobody; never taken from the input. */
  openid: string | null
  requestId?: string
  /**
   * The client's key for this write (the Idempotency-Key header, or the cloud event's
   * `requestKey`): the same caller sending the same key again gets the first answer back.
   */
  key?: string
  /** Where a caller without an identity came from (the local server), for its rate limits. */
  ip?: string
  /**
   * The session version the caller's token was signed at (the local server's tokens; the cloud
   * has none). Unless it is still the user's (0 for one not stored yet) the call is refused
   * UNAUTHENTICATED when the caller is first read, before it draws on or writes anything.
   */
  session?: number
}

export interface Router {
  handle(request: ApiRequest): Promise<Envelope<unknown>>
  /**
   * What the clock causes (system.tick): only the timer calls it — the cloud function's timer
   * trigger or the local server's interval — never a client, since no action leads here.
   */
  tick(): Promise<TickReport>
}

/** What a client's idempotency key may look like: a UUID or any such token. */
const keyPattern = /^[A-Za-z0-9_-]{8,64}$/

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

/** The input fields a write declares for its audit entry (never the whole input). */
function declaredFields(spec: ActionSpec, input: unknown): Record<string, unknown> | null {
  const fields = spec.audit || []
  if (fields.length === 0 || typeof input !== 'object' || input === null) return null
  const source = input as Record<string, unknown>
  return Object.fromEntries(fields.filter((f) => f in source).map((f) => [f, source[f]]))
}

/** Refusals worth a line in the audit log: a forbidden or throttled write, a wrong code. */
const auditedRefusal = (error: AppError, spec: ActionSpec) =>
  error.audited || (spec.write && (error.code === 'FORBIDDEN' || error.code === 'RATE_LIMITED'))

export function createRouter(options: RouterOptions): Router {
  const { store, devMode } = options
  const clock = options.clock ?? Date.now
  const logger = options.logger ?? createLogger()
  const adminOpenids = new Set(options.adminOpenids ?? [])
  const content = options.content ?? createLocalContentChecker(store)
  const media = options.media ?? noMediaStorage
  const notifier = options.notifier ?? createOutboxNotifier(store)

  /**
   * Who the caller is, from one read of the store (Store.users.identity). `known` is that read
   * when this unit already made it (the rate limits): undefined when it did not, null when it
   * found no user. A caller seen for the first time is stored as a visitor (no binding, grids).
   */
  async function identify(
    openid: string,
    now: number,
    known?: Identity | null,
    session?: number,
  ): Promise<Caller> {
    const seen = known && known.user.openid !== openid ? undefined : known
    const found = seen === undefined ? await store.users.identity(openid) : seen
    checkSession(session, found)
    const { user, binding, household, gridIds, gridVillageIds } = found ?? {
      user: await store.users.ensure(openid, now),
      binding: null,
      household: null,
      gridIds: [],
      gridVillageIds: [],
    }
    const role = adminOpenids.has(openid) ? 'admin' : roleOf(user, binding)
    return { user, role, binding, household, gridVillageIds, gridIds }
  }

  /** A token signed before its user signed out (or was signed out): nothing more happens. */
  function checkSession(session: number | undefined, identity: Identity | null) {
    if (session !== undefined && session !== (identity?.sessionVersion ?? 0)) {
      throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录')
    }
  }

  /** One request as the router sees it once the action is known. */
  interface Call {
    name: ActionName
    spec: ActionSpec
    request: ApiRequest
    requestId: string
    now: number
    caller: Caller | null
  }

  /** Runs the handler, then writes its audit entries; inside the request's unit of work. */
  async function perform(call: Call, input: unknown, auditKey: string): Promise<unknown> {
    const { name, spec, caller, now, requestId } = call
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
    const result = await handler(ctx, input as never)
    // Parsing the output drops any field the contract does not declare, so a record with
    // more in it (a phone number, say) can never leak through a handler's spread.
    const data: unknown = spec.output.parse(result)
    if (spec.write && spec.audit !== false) {
      if (notes.length === 0) notes.push({ target: null, after: declaredFields(spec, input) })
      await store.audit.append(
        notes.map((note, i) => ({
          key: `${auditKey}:${i}`,
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

  /** Whether the call draws on rate-limit counters at all. */
  function drawsAny(call: Omit<Call, 'caller'>): boolean {
    const { request, spec, now } = call
    if (options.rateLimits === false) return false
    // Most reads draw on nothing, and a caller without an identity is refused anything but a
    // public action at once: no query.
    if (drawsFor(call.name, spec.write, '', null, null, now).length === 0) return false
    return Boolean(request.openid) || spec.access === 'public'
  }

  /**
   * Draws on the caller's rate-limit counters, first thing in the call's unit; RATE_LIMITED
   * when a counter is spent (the unit, these draws with it, is rolled back). Answers the draws,
   * for a failure's own (a wrong code), and the caller's identity as stored, for identify.
   */
  async function takeLimits(call: Omit<Call, 'caller'>) {
    const { request, spec, now } = call
    // Who, and whether staff budgets apply: the caller's one read, which identify then reuses.
    const identity = request.openid ? await store.users.identity(request.openid) : null
    if (request.openid) checkSession(request.session, identity)
    const user = identity?.user ?? null
    const who = user
      ? user.id
      : request.openid
        ? `openid:${request.openid}`
        : `ip:${request.ip ?? 'unknown'}`
    const staff = user?.staffRole ? user.staffRole : null
    const role = request.openid && adminOpenids.has(request.openid) ? 'admin' : staff
    const draws = drawsFor(call.name, spec.write, who, role, request.input, now)
    for (const draw of draws) {
      if (spent(draw, await store.limits.take(draw.key, draw.amount, draw.windowEnd, draw.limit)))
        throw rateLimited(draw, now)
    }
    return { draws, identity }
  }

  /**
   * One call: its rate limits, then identify, authorise, validate and the handler (under the
   * idempotency key of a write), all in one unit of work. A call refused after its draws keeps
   * them (a refused call still counts) and gets its refusal audited in the same unit: the
   * handler's part runs as a Store.attempt, which undoes only its own writes.
   */
  async function run(call: Omit<Call, 'caller'>): Promise<unknown> {
    const { spec, request, now } = call
    let caller: Caller | null = null
    let draws: Draw[] = []
    const limited = drawsAny(call)
    const work = async (known?: Identity | null) => {
      caller = request.openid ? await identify(request.openid, now, known, request.session) : null
      if (!allowed(spec, caller?.role ?? null)) {
        if (!caller) throw new AppError('UNAUTHENTICATED', '请先登录')
        throw new AppError('FORBIDDEN', '您没有权限进行此操作')
      }
      const parsed = spec.input.safeParse(request.input ?? {})
      if (!parsed.success) {
        const fields = fieldIssues(parsed.error)
        throw new AppError('BAD_INPUT', fields[0]?.message ?? '输入格式不正确', { fields })
      }
      const known2: Call = { ...call, caller }
      const data =
        spec.write && caller && request.key !== undefined
          ? await once(
              store,
              { callerId: caller.user.id, action: call.name, key: request.key, now },
              parsed.data,
              (scope) => perform(known2, parsed.data, scope),
            )
          : await perform(known2, parsed.data, call.requestId)
      // Pictures not yet through the image check are left out for all but their
      // uploader and admins (a kept answer too: a verdict may have come since).
      return hideUncheckedMedia(store, caller, data)
    }
    // A failure the unit recorded itself (its writes undone, the draws and audit kept).
    const failed: { error?: unknown } = {}
    try {
      const data = await store.unitOfWork(
        async () => {
          if (!limited) return work()
          const taken = await takeLimits(call)
          draws = taken.draws
          try {
            return await store.attempt(() => work(taken.identity))
          } catch (error) {
            failed.error = error
            await afterFailure({ ...call, caller }, draws, error)
            return undefined
          }
        },
        spec.write || limited ? 'write' : 'read',
      )
      if ('error' in failed) throw failed.error
      return data
    } catch (error) {
      // Refused before or without draws (rolled back as a whole): recorded in a unit of its own.
      if (!('error' in failed)) await afterFailure({ ...call, caller }, draws, error)
      throw error
    }
  }

  /**
   * What a refused call leaves: an audit line for a forbidden or throttled write or a wrong
   * code, and a wrong code's draw on the caller's budget of wrong codes. Joins the call's unit
   * when it still runs; a unit of its own otherwise.
   */
  async function afterFailure(call: Call, draws: readonly Draw[], error: unknown) {
    if (!(error instanceof AppError)) return
    const refusal = auditedRefusal(error, call.spec)
    const failures = error.audited ? failureDraws(draws) : []
    if (!refusal && failures.length === 0) return
    await store.unitOfWork(async () => {
      if (refusal) await auditRefusal(call, error)
      for (const draw of failures) await store.limits.take(draw.key, 1, draw.windowEnd)
    }, 'write')
  }

  /** A refused attempt's audit entry (the attempt's own writes were rolled back). */
  async function auditRefusal(call: Call, error: AppError) {
    const { caller } = call
    await store.audit.append([
      {
        key: `${call.requestId}:refused`,
        requestId: call.requestId,
        actorId: caller?.user.id ?? null,
        actorRole: caller?.role ?? 'anonymous',
        action: call.name,
        target: null,
        before: null,
        after: { refused: error.code, ...declaredFields(call.spec, call.request.input) },
        at: call.now,
      },
    ])
  }

  async function route(request: ApiRequest, requestId: string): Promise<unknown> {
    const name = request.action
    if (!isActionName(name)) throw new AppError('NOT_FOUND', '没有这个接口')
    const spec: ActionSpec = actions[name]
    if (spec.devOnly && !devMode) throw new AppError('NOT_FOUND', '没有这个接口')
    if (request.key !== undefined && !keyPattern.test(request.key)) {
      throw new AppError('BAD_INPUT', '请求编号格式不正确，请重新操作')
    }
    return run({ name, spec, request, requestId, now: clock() })
  }

  return {
    tick: () => runTick({ store, notifier, media, logger }, clock()),
    async handle(request) {
      const requestId = request.requestId ?? newId('req')
      try {
        return { ok: true, data: await route(request, requestId) }
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
