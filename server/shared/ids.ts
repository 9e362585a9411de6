import { randomBytes } from 'node:crypto'

/** A new opaque id such as `ntc_3kQz9…`: the prefix tells a reader (and a log) what it names. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('base64url')}`
}
