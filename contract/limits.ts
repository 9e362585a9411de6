// Rate limits, declared beside the actions: what each class of call may do per caller in a
// fixed window. The router enforces them before the handler runs (server/limits.ts); the
// counters live in the Store, so every cloud function instance sees the same count.
import type { ActionName } from './index'

export type LimitClass = 'write' | 'upload' | 'uploadBytes' | 'wrongCode' | 'search'

export interface Budget {
  /** Window length in seconds (fixed windows, aligned to the epoch). */
  windowSeconds: number
  /** For residents, visitors and callers without an identity. */
  limit: number
  /** For grid workers and admins, whose bulk work (a roster, a round) must not be throttled. */
  staffLimit: number
  /** What one call costs: 1, or the upload's bytes. */
  unit: 'call' | 'byte'
  /** Counted only when the call fails with an audited refusal (a wrong code), not on every call. */
  failuresOnly?: boolean
}

const MB = 1024 * 1024

export const budgets: Record<LimitClass, Budget> = {
  write: { windowSeconds: 60, limit: 30, staffLimit: 600, unit: 'call' },
  upload: { windowSeconds: 3_600, limit: 30, staffLimit: 300, unit: 'call' },
  uploadBytes: { windowSeconds: 86_400, limit: 50 * MB, staffLimit: 500 * MB, unit: 'byte' },
  wrongCode: { windowSeconds: 3_600, limit: 10, staffLimit: 10, unit: 'call', failuresOnly: true },
  search: { windowSeconds: 60, limit: 60, staffLimit: 600, unit: 'call' },
}

/**
 * Writes that do not draw on the write budget: counting a view, and the dev sign-in. Both can
 * come by the dozen from one address (a village's shared connection) without anyone abusing
 * anything; neither changes what anyone else sees beyond a view count.
 */
export const unmeteredWrites: readonly ActionName[] = ['notices.open', 'auth.devLogin']

/** Actions with classes beyond 'write' (which every other write has). */
export const limitedActions: Partial<Record<ActionName, readonly LimitClass[]>> = {
  'media.upload': ['upload', 'uploadBytes'],
  'media.uploadSlot': ['upload'],
  'admin.claim': ['wrongCode'],
  'bindings.request': ['wrongCode'],
  'campaigns.nominees': ['search'],
  'users.search': ['search'],
  'campaigns.assistees': ['search'],
  'households.list': ['search'],
  // A code tried against an activity's list: a staff search, never a guess a minute.
  'activities.resolveCode': ['search'],
  // A wrong doorplate code counts like a wrong invite code: scanning for codes runs out fast.
  'doorplates.open': ['wrongCode'],
}
