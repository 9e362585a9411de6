/** Epoch milliseconds to the wire's ISO 8601 (UTC). */
export const toIso = (ms: number): string => new Date(ms).toISOString()

/** Like toIso, keeping null. */
export const toIsoOrNull = (ms: number | null): string | null => (ms === null ? null : toIso(ms))
