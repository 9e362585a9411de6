// The only code in the mini-program that reaches the backend. Weapp: the `api` cloud
// function (identity from WeChat). H5: POST /api/<action> on the local server with a token.
import Taro from '@tarojs/taro'
import type {
  ActionInput,
  ActionName,
  ActionOutput,
  Envelope,
  ErrorBody,
  ErrorCode,
} from '@contract/index'
import { writeActions } from '@contract/writes'
import { SESSION_TOKEN_KEY } from './early-requests'

/** The contract's codes plus NETWORK, for a request that never got an answer. */
export type ClientErrorCode = ErrorCode | 'NETWORK'

/** A failed call, with the Chinese message to show the user. */
export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: ErrorBody['details'],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

const TOKEN_KEY = SESSION_TOKEN_KEY
const NETWORK_MESSAGE = '网络不给力，请检查网络后重试'

/** Stores (or with null, forgets) the local server's session token. */
export function setSessionToken(token: string | null): void {
  if (token) Taro.setStorageSync(TOKEN_KEY, token)
  else Taro.removeStorageSync(TOKEN_KEY)
}

function sessionToken(): string | null {
  const token: unknown = Taro.getStorageSync(TOKEN_KEY)
  return typeof token === 'string' && token !== '' ? token : null
}

/** Connects to the cloud environment once, at launch (weapp only). */
export function initApi(): void {
  if (process.env.TARO_ENV === 'weapp') {
    Taro.cloud.init({ env: process.env.CLOUD_ENV || undefined, traceUser: true })
  }
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { ok?: unknown }).ok === 'boolean'
  )
}

async function viaCloud(action: string, input: unknown, requestKey: string): Promise<unknown> {
  const res = await Taro.cloud.callFunction({ name: 'api', data: { action, input, requestKey } })
  return res.result
}

async function viaHttp(action: string, input: unknown, requestKey: string): Promise<unknown> {
  const token = sessionToken()
  const res = await Taro.request({
    url: `/api/${action}`,
    method: 'POST',
    data: input,
    timeout: 15_000,
    header: {
      'content-type': 'application/json',
      'Idempotency-Key': requestKey,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
  })
  return res.data
}

/** Retries of a call whose answer never came, and the pause before each. */
const RETRY_DELAYS_MS = [1_000, 2_000]

/**
 * A new key for one user action: the server keeps a write's answer under it, so a retry after
 * a lost answer gets that answer back instead of writing again.
 */
export function newRequestKey(random: () => number = Math.random): string {
  const part = () => Math.floor(random() * 2 ** 32).toString(36)
  return `${Date.now().toString(36)}-${part()}${part()}${part()}`
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Sends one call. A write whose answer never came (a timeout, a lost signal) is sent again with
 * the same key, at most twice, with 正在重试… on screen; the server answers a repeat with what
 * it did the first time. A read fails at once (its page offers 重试 or what it saved).
 */
async function send(action: ActionName, input: unknown, requestKey: string): Promise<unknown> {
  const once = () =>
    process.env.TARO_ENV === 'weapp'
      ? viaCloud(action, input, requestKey)
      : viaHttp(action, input, requestKey)
  const delays = writeActions.has(action) ? RETRY_DELAYS_MS : []
  let retrying = false
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once()
      } catch (error) {
        const delay = delays[attempt]
        if (delay === undefined) throw error
        if (!retrying) Taro.showLoading({ title: '正在重试…' })
        retrying = true
        await pause(delay)
      }
    }
  } finally {
    if (retrying) Taro.hideLoading()
  }
}

type InputArgs<A extends ActionName> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` here means "an input with no required field", so the argument may be left out.
  {} extends ActionInput<A> ? [input?: ActionInput<A>] : [input: ActionInput<A>]

/** Calls an action of the contract; resolves with its data or throws an ApiError. */
export async function call<A extends ActionName>(
  action: A,
  ...args: InputArgs<A>
): Promise<ActionOutput<A>> {
  return (await request(action, args[0] ?? {}, newRequestKey())) as ActionOutput<A>
}

/**
 * Calls a write under a key the caller keeps: a write queued on the phone is sent again, after
 * a restart too, under the key it was queued with, so a repeat is never a second write.
 */
export async function callWithKey<A extends ActionName>(
  action: A,
  input: ActionInput<A>,
  requestKey: string,
): Promise<ActionOutput<A>> {
  return (await request(action, input, requestKey)) as ActionOutput<A>
}

/**
 * Reads the answer of a request index.html's inline script already sent for this action (H5,
 * lib/early-requests.ts) exactly as `call` reads its own: resolves with its data or throws
 * the same ApiError.
 */
export async function adoptAnswer<A extends ActionName>(
  _action: A,
  answer: Promise<unknown>,
): Promise<ActionOutput<A>> {
  return (await settle(answer)) as ActionOutput<A>
}

async function request(action: ActionName, input: unknown, requestKey: string): Promise<unknown> {
  const sentWith = sessionToken()
  return settle(send(action, input, requestKey), sentWith)
}

/**
 * The data of an answer, or the ApiError to throw for it (no answer at all: NETWORK).
 * `sentWith` is the session the request went out with.
 */
async function settle(
  sent: Promise<unknown>,
  sentWith: string | null = sessionToken(),
): Promise<unknown> {
  let answer: unknown
  try {
    answer = await sent
  } catch {
    throw new ApiError('NETWORK', NETWORK_MESSAGE)
  }
  if (!isEnvelope(answer)) throw new ApiError('NETWORK', NETWORK_MESSAGE)
  if (answer.ok) return answer.data
  // A token the server no longer accepts is dropped, so the next call goes out as a visitor;
  // not a newer one signed in since this request left.
  if (answer.error.code === 'UNAUTHENTICATED' && sessionToken() === sentWith) setSessionToken(null)
  throw new ApiError(answer.error.code, answer.error.message, answer.error.details)
}

/** The Chinese text to show for any failure. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : '出了点问题，请稍后重试'
}

/** Shows a failure as a toast (not a modal: DESIGN.md asks for no pop-ups). */
export function showError(error: unknown): void {
  Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 })
}

/**
 * The messages of a BAD_INPUT answer per form field, so the server's reasons show next to
 * the fields like the phone's own checks; `fieldOf` maps a contract path to a form field.
 */
export function fieldErrors<F extends string>(
  error: unknown,
  fieldOf: (path: string) => F | undefined,
): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {}
  if (!(error instanceof ApiError) || error.code !== 'BAD_INPUT') return errors
  for (const issue of error.details?.fields ?? []) {
    const field = fieldOf(issue.path)
    if (field && !errors[field]) errors[field] = issue.message
  }
  return errors
}
