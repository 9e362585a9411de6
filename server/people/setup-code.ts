// The first admin of a fresh installation: a one-time code printed at start while no admin
// exists, claimed through `admin.claim`. Only its hash is stored.
import { createHash, randomInt } from 'node:crypto'
import type { Store } from '../store/store'

export const SETUP_CODE_KEY = 'setup-code-sha256'

export const hashCode = (code: string) =>
  createHash('sha256').update(code.trim().toUpperCase()).digest('hex')

// No 0/O or 1/I: the code is read off a terminal and typed on a phone.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A fresh code when the installation has no admin yet (replacing any older one), else null. */
export async function issueSetupCode(store: Store): Promise<string | null> {
  if ((await store.users.countAdmins()) > 0) return null
  const code = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
  await store.settings.set(SETUP_CODE_KEY, hashCode(code))
  return code
}
