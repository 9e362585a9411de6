// The doorplate's code: 160 random bits from the operating system's CSPRNG, in lower-case
// base32 (RFC 4648 alphabet, no padding) — 32 characters, exactly what a 小程序码's `scene`
// holds. Nothing about the household goes into it: it cannot be derived from an id or 门牌号.
import { randomBytes } from 'node:crypto'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'

/** Random bytes per code: 20 bytes = 160 bits = 32 base32 characters. */
export const PLATE_CODE_BYTES = 20

/** What a well-formed code looks like; anything else is a wrong code at once. */
export const plateCodePattern = /^[a-z2-7]{32}$/

/** Lower-case base32 without padding. */
export function base32(bytes: Uint8Array): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31]
      bits -= 5
    }
    buffer &= (1 << bits) - 1
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31]
  return out
}

/** A new doorplate code. */
export function newPlateCode(): string {
  return base32(randomBytes(PLATE_CODE_BYTES))
}
