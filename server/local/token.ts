// Session tokens of the local server: an HMAC-signed openid with an expiry, the mode of the
// server that signed it and the user's session version at that moment. In WeChat the
// platform supplies the openid and no token exists.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const TOKEN_DAYS = 30
/** How many verified tokens a server remembers (a few MB at most). */
const VERIFIED_TOKENS = 10_000
const SECRET_FILE = 'session-secret'
/** What loadSecret writes: 32 random bytes as 64 lowercase hex digits. */
const SECRET_PATTERN = /^[0-9a-f]{64}$/

/** The mode of the server that signs or verifies a token. */
export type TokenMode = 'dev' | 'production'

export interface TokenClaims {
  /** The openid. */
  sub: string
  /** Expiry, epoch ms. */
  exp: number
  mode: TokenMode
  /** The user's session version when the token was signed (Store.users.sessionVersion). */
  sv: number
}

/**
 * The signing secret, generated into DATA_DIR on first start and kept across restarts. A file
 * that is not what this function wrote (empty, shortened, edited by hand) stops the start:
 * a guessable secret would let anyone sign a token.
 */
export function loadSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, SECRET_FILE)
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
  }
  const text = fs.readFileSync(file, 'utf8').trim()
  if (!SECRET_PATTERN.test(text)) {
    const problem =
      text === ''
        ? '是空的'
        : text.length < 64
          ? `只有 ${text.length} 个字符（应为 64 个）`
          : '不是服务生成的格式（应为 64 个十六进制字符）'
    throw new Error(
      `会话密钥文件 ${file} ${problem}，不能使用。请删除这个文件后重新启动，服务会生成新的密钥（已登录的人需要重新登录）。`,
    )
  }
  return Buffer.from(text, 'hex')
}

const sign = (secret: Buffer, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url')

export function issueToken(
  secret: Buffer,
  claims: { sub: string; mode: TokenMode; sv: number },
  now: number,
): string {
  const full: TokenClaims = { ...claims, exp: now + TOKEN_DAYS * 86_400_000 }
  const payload = Buffer.from(JSON.stringify(full)).toString('base64url')
  return `${payload}.${sign(secret, payload)}`
}

/** The claims of a token signed with this secret and not yet expired; null otherwise. */
export function readToken(secret: Buffer, token: string, now: number): TokenClaims | null {
  const [payload, signature, extra] = token.split('.')
  if (!payload || !signature || extra !== undefined) return null
  const expected = Buffer.from(sign(secret, payload))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (typeof claims !== 'object' || claims === null) return null
    const { sub, exp, mode, sv } = claims as Partial<Record<keyof TokenClaims, unknown>>
    if (typeof sub !== 'string' || typeof exp !== 'number' || exp <= now) return null
    if ((mode !== 'dev' && mode !== 'production') || typeof sv !== 'number') return null
    return { sub, exp, mode, sv }
  } catch {
    return null
  }
}

/** The sessions of one server: signs tokens in its mode and verifies them against the store. */
export interface Sessions {
  issue(openid: string): Promise<string>
  /**
   * The openid and session version a token carries, or null when it is forged, malformed,
   * expired or signed in another mode; no store read. Whether that version is still the
   * user's is checked by the router in the call's own unit of work (ApiRequest.session).
   */
  read(token: string): { openid: string; version: number } | null
  /** The openid a token carries, or null when it is forged, malformed, expired, signed in
   *  another mode, or its user has signed out (or been signed out) since. */
  verify(token: string): Promise<string | null>
}

export function createSessions(options: {
  secret: Buffer
  mode: TokenMode
  clock: () => number
  sessionVersion: (openid: string) => Promise<number>
}): Sessions {
  const { secret, mode, clock, sessionVersion } = options
  // Tokens whose signature this server checked lately, with their claims: a phone sends the
  // same token with every call, and the HMAC and JSON of a check cost more than a map lookup.
  // The same string always verifies the same way; only its expiry moves, checked on every use.
  const verified = new Map<string, TokenClaims>()
  const read: Sessions['read'] = (token) => {
    const now = clock()
    let claims = verified.get(token)
    if (claims && claims.exp <= now) {
      verified.delete(token)
      return null
    }
    if (!claims) {
      claims = readToken(secret, token, now) ?? undefined
      // A dev token never opens a production server, even on the same DATA_DIR and secret.
      if (!claims || claims.mode !== mode) return null
      // The oldest entry makes room: a bounded cache, whatever the number of phones.
      if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value as string)
      verified.set(token, claims)
    }
    return { openid: claims.sub, version: claims.sv }
  }
  return {
    async issue(openid) {
      return issueToken(secret, { sub: openid, mode, sv: await sessionVersion(openid) }, clock())
    },
    read,
    async verify(token) {
      const claims = read(token)
      if (!claims) return null
      return claims.version === (await sessionVersion(claims.openid)) ? claims.openid : null
    },
  }
}
