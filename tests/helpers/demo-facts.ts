// What a page test may know about the demo township without asking the server under test: the
// seed's own records (built on the suite's clock, as the dev server seeds them) and plain
// arithmetic over them. A page that shows a wrong number from a wrong rule or query fails
// against these, where a value read back from the server's answer would pass.
import { buildDemoTownship } from '../../server/seed/build-township'
import type { HouseholdRecord, InspectionRecord, Snapshot } from '../../server/store/store'
import { TEST_NOW } from './test-clock'

let town: Snapshot | undefined

/** The demo township as the dev server seeds it. */
export function demoTown(): Snapshot {
  town ??= buildDemoTownship(TEST_NOW)
  return town
}

/** A demo village's households, in the seed's order. */
export function demoVillageHouseholds(name: string): HouseholdRecord[] {
  const village = demoTown().villages.find((v) => v.name === name)
  if (!village) throw new Error(`the demo seed has no ${name}`)
  return demoTown().households.filter((h) => h.villageId === village.id)
}

/** The household a demo account is bound to. */
export function demoHomeOf(openid: string): HouseholdRecord {
  const { bindings, households } = demoTown()
  const binding = bindings.find((b) => b.userId === `usr-${openid}`)
  const home = households.find((h) => h.id === binding?.householdId)
  if (!home) throw new Error(`${openid} is not bound in the demo seed`)
  return home
}

/** The demo's rounds: the last published one (in 公示) and the open one. */
export function demoRounds() {
  const rounds = demoTown().rounds
  const published = rounds.filter((r) => r.status === 'published')
  const last = published[published.length - 1]
  const open = rounds.find((r) => r.status === 'open')
  if (!last || !open) throw new Error('the demo seed has no published or no open round')
  return { published: last, open }
}

/**
 * Each household's score in a round: its latest inspection, or with `asPublished` its latest
 * by the round's publication (the frozen lists; a re-inspection during 公示 only marks them).
 */
export function roundScores(roundId: string, asPublished = false): Map<string, number> {
  const round = demoTown().rounds.find((r) => r.id === roundId)
  const until = asPublished ? (round?.publishedAt ?? Infinity) : Infinity
  const latest = new Map<string, InspectionRecord>()
  for (const i of demoTown().inspections) {
    if (i.roundId !== roundId || i.createdAt > until) continue
    const seen = latest.get(i.householdId)
    if (!seen || i.version > seen.version) latest.set(i.householdId, i)
  }
  return new Map([...latest].map(([id, i]) => [id, i.total]))
}

/** The scores of a round's frozen lists. */
export const publishedScores = (roundId: string) => roundScores(roundId, true)

/**
 * A demo village in the last published round, by the round's own numbers (red at 90 and above,
 * black below 60): how many were inspected, their average to one decimal, and who is on which
 * list.
 */
export function demoVillageBoard(name: string) {
  const { published } = demoRounds()
  const scores = publishedScores(published.id)
  const rows = demoVillageHouseholds(name)
    .filter((h) => scores.has(h.id))
    .map((h) => ({ household: h, score: scores.get(h.id) as number }))
  const sum = rows.reduce((total, r) => total + r.score, 0)
  return {
    inspected: rows.length,
    average: rows.length === 0 ? null : Math.round((sum / rows.length) * 10) / 10,
    red: rows.filter((r) => r.score >= 90),
    black: rows.filter((r) => r.score < 60),
  }
}
