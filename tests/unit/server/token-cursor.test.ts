import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  createSessions,
  issueToken,
  loadSecret,
  readToken,
  type TokenMode,
} from '../../../server/local/token'
import { decodeCursor, encodeCursor } from '../../../server/shared/cursor'

const DAY = 86_400_000
const claims = { sub: 'wx-1', mode: 'dev', sv: 0 } as const

describe('session tokens', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-token-'))
  const secret = loadSecret(dir)
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
  /** Another data directory, inside `dir`: removed with it. */
  const otherDir = () => fs.mkdtempSync(path.join(dir, 'other-'))

  it('keeps one secret per data directory, readable by the owner only', () => {
    expect(loadSecret(dir).equals(secret)).toBe(true)
    expect(secret.length).toBe(32)
    expect(fs.statSync(path.join(dir, 'session-secret')).mode & 0o077).toBe(0)
  })

  it.each([
    ['empty', '', '是空的'],
    ['too short', 'ab'.repeat(31), '只有 62 个字符'],
    ['not hex', 'zz'.repeat(32), '不是服务生成的格式'],
    ['too long', 'ab'.repeat(33), '不是服务生成的格式'],
  ])('refuses a %s secret file at start with a Chinese reason', (_, content, reason) => {
    const other = otherDir()
    fs.writeFileSync(path.join(other, 'session-secret'), content)
    expect(() => loadSecret(other)).toThrow(reason)
    expect(() => loadSecret(other)).toThrow('请删除这个文件后重新启动')
  })

  it('accepts a secret of exactly 64 hex digits, with the newline an editor adds', () => {
    const other = otherDir()
    fs.writeFileSync(path.join(other, 'session-secret'), `${'0a'.repeat(32)}\n`)
    expect(loadSecret(other).equals(Buffer.alloc(32, 10))).toBe(true)
  })

  it('round-trips the claims until the token expires, 30 days after signing', () => {
    const token = issueToken(secret, claims, 0)
    expect(readToken(secret, token, 1000)).toEqual({ ...claims, exp: 30 * DAY })
    expect(readToken(secret, token, 30 * DAY - 1)?.sub).toBe('wx-1')
    expect(readToken(secret, token, 30 * DAY)).toBeNull()
    expect(readToken(secret, token, 30 * DAY + 1)).toBeNull()
  })

  it('refuses a token signed with another secret, altered, or malformed', () => {
    const token = issueToken(secret, claims, 0)
    const other = issueToken(Buffer.alloc(32, 1), claims, 0)
    expect(readToken(secret, other, 0)).toBeNull()
    const [payload, signature] = token.split('.')
    const forged = Buffer.from(
      JSON.stringify({ sub: 'admin', exp: 9e15, mode: 'dev', sv: 0 }),
    ).toString('base64url')
    expect(readToken(secret, `${forged}.${signature}`, 0)).toBeNull()
    expect(readToken(secret, `${payload}`, 0)).toBeNull()
    expect(readToken(secret, `${token}.x`, 0)).toBeNull()
  })

  it('refuses a correctly signed token that lacks the mode or session version', () => {
    // A token of the earlier format ({sub, exp}), signed exactly as the server signs.
    const legacy = Buffer.from(JSON.stringify({ sub: 'wx-1', exp: 9e15 })).toString('base64url')
    const mac = createHmac('sha256', secret).update(legacy).digest('base64url')
    expect(readToken(secret, `${legacy}.${mac}`, 0)).toBeNull()
  })

  describe('sessions of one server', () => {
    const versions = new Map<string, number>()
    const sessions = (mode: TokenMode, now = 0) =>
      createSessions({
        secret,
        mode,
        clock: () => now,
        sessionVersion: async (openid) => versions.get(openid) ?? 0,
      })

    it('verifies its own tokens and refuses those of the other mode', async () => {
      const dev = await sessions('dev').issue('wx-1')
      const prod = await sessions('production').issue('wx-1')
      expect(await sessions('dev').verify(dev)).toBe('wx-1')
      expect(await sessions('production').verify(prod)).toBe('wx-1')
      expect(await sessions('production').verify(dev)).toBeNull()
      expect(await sessions('dev').verify(prod)).toBeNull()
    })

    it("refuses a token once its user's session version moved on", async () => {
      const token = await sessions('dev').issue('wx-2')
      versions.set('wx-2', 1)
      expect(await sessions('dev').verify(token)).toBeNull()
      const fresh = await sessions('dev').issue('wx-2')
      expect(await sessions('dev').verify(fresh)).toBe('wx-2')
    })

    it('refuses a token it verified before once it expires, and never one it refused', async () => {
      let now = 0
      const one = createSessions({
        secret,
        mode: 'dev',
        clock: () => now,
        sessionVersion: async () => 0,
      })
      const token = await one.issue('wx-4')
      expect(one.read(token)).toEqual({ openid: 'wx-4', version: 0 })
      now = 30 * DAY - 1
      expect(one.read(token)).toEqual({ openid: 'wx-4', version: 0 })
      now = 30 * DAY
      expect(one.read(token)).toBeNull()
      expect(one.read(token)).toBeNull()
      now = 0
      // A forged one stays refused however often it comes.
      const [payload, signature = ''] = token.split('.')
      const forged = `${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`
      for (let i = 0; i < 3; i++) expect(one.read(forged)).toBeNull()
      expect(one.read(token)).toEqual({ openid: 'wx-4', version: 0 })
    })

    it('refuses an expired token', async () => {
      const token = await sessions('dev', 0).issue('wx-3')
      expect(await sessions('dev', 30 * DAY - 1).verify(token)).toBe('wx-3')
      expect(await sessions('dev', 30 * DAY).verify(token)).toBeNull()
    })
  })
})

describe('cursors', () => {
  it('round-trip a keyset and refuse garbage as BAD_INPUT', () => {
    const cursor = encodeCursor({ at: 123, id: 'ntc_1' })
    expect(decodeCursor(cursor ?? undefined)).toEqual({ at: 123, id: 'ntc_1' })
    expect(encodeCursor(null)).toBeNull()
    expect(decodeCursor(undefined)).toBeUndefined()
    expect(() => decodeCursor('garbage')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }))
    const wrongShape = Buffer.from(JSON.stringify({ at: 1 })).toString('base64url')
    expect(() => decodeCursor(wrongShape)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }))
  })
})
