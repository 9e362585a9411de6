// Session tokens of the local server: an HMAC-signed openid with an expiry. In WeChat the
// platform supplies the openid and no token exists.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const TOKEN_DAYS = 30

/** The signing secret, generated into DATA_DIR on first start and kept across restarts. */
export function loadSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, 'session-secret')
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex')
}

const sign = (secret: Buffer, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url')

export function issueToken(secret: Buffer, openid: string, now: number): string {
  const payload = Buffer.from(
    JSON.stringify({ sub: openid, exp: now + TOKEN_DAYS * 86_400_000 }),
  ).toString('base64url')
  return `${payload}.${sign(secret, payload)}`
}

/** The openid a token carries, or null when it is forged, malformed or expired. */
export function verifyToken(secret: Buffer, token: string, now: number): string | null {
  const [payload, signature, extra] = token.split('.')
  if (!payload || !signature || extra !== undefined) return null
  const expected = Buffer.from(sign(secret, payload))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (typeof claims !== 'object' || claims === null) return null
    const { sub, exp } = claims as { sub?: unknown; exp?: unknown }
    return typeof sub === 'string' && typeof exp === 'number' && exp > now ? sub : null
  } catch {
    return null
  }
}
