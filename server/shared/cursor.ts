import { AppError } from '../errors'
import type { Keyset } from '../store/store'

/** Encodes a keyset position as an opaque cursor for the client. */
export function encodeCursor(keyset: Keyset | null): string | null {
  return keyset ? Buffer.from(JSON.stringify([keyset.at, keyset.id])).toString('base64url') : null
}

/** Decodes a client's cursor; a tampered or stale one is BAD_INPUT, never a crash. */
export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (typeof value[0] === 'number' || typeof value[0] === 'string') &&
      typeof value[1] === 'string'
    ) {
      return { at: value[0], id: value[1] }
    }
  } catch {
    // Falls through to the error below: every undecodable cursor means the same thing.
  }
  throw new AppError('BAD_INPUT', '分页参数无效，请下拉刷新后重试', {
    fields: [{ path: 'cursor', message: '分页参数无效' }],
  })
}
