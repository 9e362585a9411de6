import type { z } from 'zod'

/** Roles, from least to most trusted. A resident is a user bound to a household. */
export const roles = ['visitor', 'resident', 'gridWorker', 'admin'] as const

/** A signed-in caller's role. */
export type Role = (typeof roles)[number]

/** Who may call an action: 'public' admits callers with no identity too. */
export type Access = 'public' | readonly Role[]

/** Every signed-in role. */
export const signedIn: readonly Role[] = roles

/** Grid workers and admins: the people who publish and inspect. */
export const staff: readonly Role[] = ['gridWorker', 'admin']

/** The declaration of one action, shared by the client's call() and the server's router. */
export interface ActionSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** One line saying what the action does. */
  summary: string
  input: I
  output: O
  access: Access
  /** Writes are audited and need a signed-in caller. */
  write: boolean
  /**
   * A write's audit entry keeps these input fields when its handler notes nothing itself;
   * never the whole input (a roster is megabytes, a phone number is personal).
   */
  audit?: readonly string[] | false
  /** Exists only when the local server runs in dev mode; NOT_FOUND otherwise. */
  devOnly?: boolean
}

/** Declares a group of actions keyed by their `domain.verb` name, keeping their literal types. */
export function defineActions<const T extends Record<`${string}.${string}`, ActionSpec>>(
  specs: T,
): T {
  return specs
}
