import type { ActionName, ActionOutput, ParsedInput, Role } from '../contract'
import type { ContentChecker } from './content/content-check'
import { AppError } from './errors'
import type { MediaStorage } from './media/media-storage'
import type { Notifier } from './notify/notifier'
import type { BindingRecord, HouseholdView, Store, UserRecord } from './store/store'

/** Who is calling, as established by the router from the platform's identity. */
export interface Caller {
  user: UserRecord
  role: Role
  binding: BindingRecord | null
  household: HouseholdView | null
  /** Villages of the grids this caller serves as a grid worker. */
  gridVillageIds: string[]
  /** Grids this caller serves as a grid worker. */
  gridIds: string[]
}

/** One audit entry as a handler describes it; the router adds actor, action, time and request. */
export interface AuditNote {
  target: string | null
  before?: unknown
  after?: unknown
}

/** What a handler gets besides its validated input. */
export interface ActionContext {
  store: Store
  caller: Caller | null
  /** The request's moment (epoch ms), from the injected clock. */
  now: number
  requestId: string
  devMode: boolean
  /** The content check (内容安全) for text and pictures. */
  content: ContentChecker
  /** Where uploaded files are kept. */
  media: MediaStorage
  /** Notifications to residents (local outbox, or WeChat subscribe messages). */
  notifier: Notifier
  audit(note: AuditNote): void
  /** Resolves any openid to a caller the way the router does for the request's own. */
  identify(openid: string): Promise<Caller>
  /** Signs a session token; only the local server in dev mode provides it. */
  issueToken?: (openid: string) => Promise<string>
}

/** Implements one action of the contract. */
export type Handler<A extends ActionName> = (
  ctx: ActionContext,
  input: ParsedInput<A>,
) => Promise<ActionOutput<A>>

/** Handlers for a set of actions: the compiler insists on one per name. */
export type HandlersFor<K extends ActionName> = { [A in K]: Handler<A> }

/** The caller of an action that needs one (the router already refused anonymous calls). */
export function signedInCaller(ctx: ActionContext): Caller {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED', '请先登录')
  return ctx.caller
}
