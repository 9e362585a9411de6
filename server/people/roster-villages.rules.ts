// Which village a roster row may name, pure: a file never creates a village by a typo. A name
// the township does not have is an error on its line, with the nearest existing name, unless
// the admin confirmed exactly that name as a new village in the request.
import { distance } from 'fastest-levenshtein'

/** The most new villages one import may confirm (the contract's bound too). */
export const MAX_NEW_VILLAGES = 50

/**
 * The existing name nearest to `name` by edit distance, when it is near enough to be a
 * slip (at most one edit in three characters, at least one); the first listed wins a tie.
 */
export function nearestName(name: string, candidates: readonly string[]): string | null {
  const length = Array.from(name).length
  const within = Math.max(1, Math.floor(length / 3))
  let best: { name: string; distance: number } | null = null
  for (const candidate of candidates) {
    const d = distance(name, candidate)
    if (d <= within && (best === null || d < best.distance)) best = { name: candidate, distance: d }
  }
  return best?.name ?? null
}

/** Village names the rows give that the township does not have (archived ones it has), in file order. */
export function namesNotInTown(
  rows: readonly { village: string }[],
  townNames: readonly string[],
): string[] {
  const town = new Set(townNames)
  const out: string[] = []
  for (const { village } of rows)
    if (village && !town.has(village) && !out.includes(village)) out.push(village)
  return out
}

/** The line message for a village the township does not have. */
export function unknownVillageMessage(name: string, suggestion: string | null): string {
  return suggestion
    ? `本镇没有“${name}”，是不是“${suggestion}”？`
    : `本镇没有“${name}”。如确是新建的村，请在导入前确认新建“${name}”`
}

/**
 * What the confirmed list gets wrong against the names the file would create: a confirmed
 * name the file does not create (already there, or not in the file) is refused, so the admin
 * confirms exactly the villages that will appear. Null when the lists agree.
 */
export function confirmationProblem(
  confirmed: readonly string[],
  wouldCreate: readonly string[],
): string | null {
  const needed = new Set(wouldCreate)
  const extra = [...new Set(confirmed)].filter((name) => !needed.has(name))
  if (extra.length === 0) return null
  return `确认新建的村${extra.map((n) => `“${n}”`).join('、')}不在本次文件要新建的村中，请重新检查文件后再确认`
}
