import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { issueToken, loadSecret, verifyToken } from '../../../server/local/token'
import { decodeCursor, encodeCursor } from '../../../server/shared/cursor'

describe('session tokens', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-token-'))
  const secret = loadSecret(dir)

  it('keeps one secret per data directory, readable by the owner only', () => {
    expect(loadSecret(dir).equals(secret)).toBe(true)
    expect(fs.statSync(path.join(dir, 'session-secret')).mode & 0o077).toBe(0)
  })

  it('round-trips an openid until the token expires', () => {
    const token = issueToken(secret, 'wx-1', 0)
    expect(verifyToken(secret, token, 1000)).toBe('wx-1')
    expect(verifyToken(secret, token, 31 * 86_400_000)).toBeNull()
  })

  it('refuses a token signed with another secret, altered, or malformed', () => {
    const token = issueToken(secret, 'wx-1', 0)
    const other = issueToken(Buffer.alloc(32, 1), 'wx-1', 0)
    expect(verifyToken(secret, other, 0)).toBeNull()
    const [payload, signature] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', exp: 9e15 })).toString('base64url')
    expect(verifyToken(secret, `${forged}.${signature}`, 0)).toBeNull()
    expect(verifyToken(secret, `${payload}`, 0)).toBeNull()
    expect(verifyToken(secret, `${token}.x`, 0)).toBeNull()
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
