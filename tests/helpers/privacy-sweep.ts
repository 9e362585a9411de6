// The black list stays masked whatever a resident or visitor combines. Not one case but the
// property: as each of them, every read action of the contract is called with valid inputs
// built from the demo township (every page followed), every string of every answer is
// collected, and no black-listed household's full name may be joined to its masked line or
// stand beside its 门牌号 unless the caller is that household. A new read action without an
// input builder here fails the test, so a future leak cannot slip past by being forgotten.
// tests/api/privacy*.test.ts each run this sweep as a few of the callers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actions, type ActionName } from '../../contract'
import type { RankEntry, Round } from '../../contract/board'
import type { CampaignSummary } from '../../contract/campaigns'
import { maskName } from '../../server/people/people.rules'
import { NOW } from './factories'
import { startTestApi, type TestApi } from './http-api'
import { apiStoreKind, timeLimit } from './store-adapters'

/** A caller the black list must stay masked for; null: no sign-in at all. */
export type Openid = string | null

interface Black {
  id: string
  name: string
  houseNo: string
  villageName: string
}

/** What the builders know: the demo township as an admin reads it, and the caller's answers so far. */
interface Known {
  openid: Openid
  villages: { id: string; name: string }[]
  rounds: Round[]
  campaigns: CampaignSummary[]
  notices: string[]
  black: Black[]
  households: string[]
  /** Line ids this caller was given on a round's lists, by round. */
  lineIds: Map<string, Set<string>>
  month: string
  /** Doorplate codes by household: a black-listed family's door is there for anyone to scan. */
  plates: Map<string, string>
}

type Builder = (k: Known) => object[]

/** The demo town's activities (server/seed/demo-activities.ts). */
const demoActivities = ['lecture', 'cleanup', 'reading', 'family', 'dance', 'elders'].map(
  (key) => `act-demo-${key}`,
)

const csv = Buffer.from(
  '村名,村民小组,户主姓名,门牌号,家庭人口\n柳家村,一组,新来户,东街99号,2\n',
).toString('base64')

const perRound = (k: Known, make: (roundId: string) => object[]) =>
  k.rounds.flatMap((r) => make(r.id))
const perCampaign = (k: Known, make: (campaignId: string) => object[]) =>
  k.campaigns.flatMap((c) => make(c.id))
const lists = ['red', 'black', 'progress'] as const

/** Valid inputs of every read action; the adversary's best guesses where there is a choice. */
const builders: Record<string, Builder> = {
  'auth.devAccounts': () => [{}],
  'me.get': () => [{}],
  'villages.list': () => [{}],
  'users.search': (k) => [{ keyword: '' }, ...k.black.map((b) => ({ keyword: b.name }))],
  'staff.list': () => [{}],
  'places.tree': () => [{}],
  'households.list': (k) => [{}, ...k.black.map((b) => ({ keyword: b.name }))],
  'households.get': (k) => k.black.map((b) => ({ id: b.id })),
  'roster.preview': () => [{ fileName: 'r.csv', content: csv }],
  'roster.export': () => [{}],
  'bindings.pending': () => [{}],
  'columns.list': () => [{}],
  'columns.manage': () => [{}],
  'notices.list': () => [{}],
  'notices.get': (k) => k.notices.map((id) => ({ id })),
  'notices.mine': () => [{}],
  'notices.getEditable': (k) => k.notices.slice(0, 2).map((id) => ({ id })),
  'content.words': () => [{}],
  'notices.reach': (k) => k.notices.slice(0, 2).map((noticeId) => ({ noticeId })),
  'rubrics.current': () => [{}],
  'rubrics.list': () => [{}],
  'board.rounds': () => [{}],
  'board.round': (k) => perRound(k, (id) => [{ id }]),
  'board.ranking': (k) =>
    perRound(k, (roundId) => [
      { roundId },
      ...k.villages.map((v) => ({ roundId, villageId: v.id })),
    ]),
  'board.list': (k) =>
    perRound(k, (roundId) =>
      lists.flatMap((list) => [
        { roundId, list, limit: 50 },
        ...k.villages.map((v) => ({ roundId, list, villageId: v.id, limit: 50 })),
      ]),
    ),
  'board.villages': (k) => perRound(k, (roundId) => [{ roundId }]),
  'board.inspectables': (k) => perRound(k, (roundId) => [{ roundId }]),
  // Every line the caller was shown, and every black-listed household by its real id.
  'board.inspection': (k) =>
    perRound(k, (roundId) => [
      ...[...(k.lineIds.get(roundId) ?? [])].map((householdId) => ({ roundId, householdId })),
      ...k.black.map((b) => ({ roundId, householdId: b.id })),
    ]),
  'board.appeals': () => [{}],
  'board.myAppeals': () => [{}],
  'board.history': (k) => [{}, ...k.black.map((b) => ({ householdId: b.id }))],
  'board.export': (k) => perRound(k, (roundId) => [{ roundId }]),
  'board.printable': (k) =>
    perRound(k, (roundId) => k.villages.map((v) => ({ roundId, villageId: v.id }))),
  'board.consent': () => [{}],
  'board.publishPreview': (k) => perRound(k, (roundId) => [{ roundId }]),
  'campaigns.list': () => [{}],
  'campaigns.get': (k) => perCampaign(k, (id) => [{ id }]),
  // The search the issue reproduced, with every black-listed name's first two characters.
  'campaigns.nominees': (k) =>
    perCampaign(k, (campaignId) =>
      k.black.map((b) => ({ campaignId, name: Array.from(b.name).slice(0, 2).join('') })),
    ),
  'campaigns.nominations': () => [{}],
  'campaigns.candidates': (k) => perCampaign(k, (campaignId) => [{ campaignId }]),
  'campaigns.assistees': (k) => perCampaign(k, (campaignId) => [{ campaignId }]),
  'campaigns.votes': (k) => perCampaign(k, (campaignId) => [{ campaignId }]),
  'campaigns.integrity': (k) => perCampaign(k, (campaignId) => [{ campaignId }]),
  'campaigns.results': (k) => perCampaign(k, (campaignId) => [{ campaignId }]),
  'campaigns.objections': (k) => perCampaign(k, (campaignId) => [{ campaignId }]),
  'campaigns.export': (k) => perCampaign(k, (campaignId) => [{ campaignId }]),
  'campaigns.subscription': () => [{}],
  'notify.outbox': () => [{}],
  'media.held': () => [{}],
  'me.votes': () => [{}],
  'me.nominations': () => [{}],
  'filing.table': (k) => [{ month: k.month }],
  'filing.notices': (k) => k.villages.map((v) => ({ month: k.month, villageId: v.id })),
  'filing.settings': () => [{}],
  'filing.export': (k) => [{ month: k.month }],
  'activities.list': () => [{}, { when: 'past' }],
  'activities.get': () => demoActivities.map((id) => ({ id })),
  'activities.signups': () => demoActivities.map((activityId) => ({ activityId })),
  'activities.resolveCode': () => demoActivities.map((activityId) => ({ activityId, code: 'V' })),
  'activities.me': () => [{}],
  'activities.mine': () => [{}],
  // Every black-listed household's volunteer record, by its real id.
  'activities.householdHours': (k) => k.black.map((b) => ({ householdId: b.id })),
  'activities.monthly': (k) => k.villages.map((v) => ({ month: k.month, villageId: v.id })),
  'activities.export': (k) => k.villages.map((v) => ({ month: k.month, villageId: v.id })),
  'doorplates.open': (k) => k.black.map((b) => ({ code: k.plates.get(b.id) ?? 'none' })),
  'me.awards': () => [{}],
  'broadcast.script': (k) => k.notices.slice(0, 3).map((noticeId) => ({ noticeId })),
  'broadcast.plays': (k) => k.villages.map((v) => ({ villageId: v.id, from: '2026-01-01' })),
  'broadcast.month': (k) => [{ month: k.month }],
}

const readActions = (Object.keys(actions) as ActionName[]).filter((name) => !actions[name].write)
// Lines first: board.inspection is called with the line ids the caller was given.
const order = (name: string) => (name === 'board.inspection' ? 1 : 0)

/** Every object of an answer, with the strings directly in it and the ids among them. */
interface Node {
  strings: string[]
  ids: string[]
}

/** A cursor is base64 of JSON, no secret: what it carries counts as answered. */
function decoded(value: string): unknown {
  if (!/^[\w-]{8,}$/.test(value)) return undefined
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined
  } catch {
    return undefined
  }
}

function walk(value: unknown, nodes: Node[], all: string[]): void {
  if (typeof value === 'string') {
    all.push(value)
    const inner = decoded(value)
    if (inner !== undefined) walk(inner, nodes, all)
    return
  }
  if (Array.isArray(value)) {
    for (const item of value) walk(item, nodes, all)
    return
  }
  if (typeof value !== 'object' || value === null) return
  const node: Node = { strings: [], ids: [] }
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string') {
      node.strings.push(field)
      if (/id$/i.test(key) && field !== '') node.ids.push(field)
    }
    walk(field, nodes, all)
  }
  nodes.push(node)
}

/**
 * The sweep as these callers: every read action with every input its builder makes, every page
 * followed, and the checks below on all they were answered. A file per few callers, so that the
 * sweeps (thousands of calls each on the cloud adapter) run side by side.
 */
export function describePrivacySweep({
  callers: every,
  sqliteOnly = [],
  mustAnswer: mustAnswerEvery,
  structural = false,
}: {
  callers: readonly Openid[]
  /**
   * Callers in the same situation as another caller of the file (a second member of one
   * household, a resident of a second village other than 柳家村), swept on SQLite only.
   * What a caller may see is decided above the store, the same code on both adapters; the cloud
   * adapter needs each query the store is asked, and one caller per situation asks them all.
   */
  sqliteOnly?: readonly Openid[]
  /** Caller and action pairs that must have been answered: the adversary's paths were open. */
  mustAnswer: readonly string[]
  /** Also the checks of the sweep itself and of the reproduced case (demo-resident-1's). */
  structural?: boolean
}) {
  const callers = apiStoreKind() === 'cloud' ? every.filter((c) => !sqliteOnly.includes(c)) : every
  const mustAnswer = mustAnswerEvery.filter((pair) =>
    callers.some((c) => pair.startsWith(`${c ?? 'anonymous'} `)),
  )
  describe(`the black list stays masked for ${callers.map((c) => c ?? 'nobody signed in').join(', ')}`, () => {
    let api: TestApi
    const tokens = new Map<string, string>()
    let admin = ''
    let base: Omit<Known, 'openid' | 'lineIds'>
    /** The household each resident is bound to (their own line they may see in full). */
    const homeOf = new Map<string, string>()

    beforeAll(async () => {
      // Thousands of calls in one fixed minute: the sweep is about what answers show, and the
      // rate limits that would stop it are tested on their own (rate-limits.test.ts).
      api = await startTestApi({ clock: () => NOW, rateLimits: false })
      admin = await api.login('demo-admin')
      for (const openid of callers) if (openid) tokens.set(openid, await api.login(openid))
      for (const openid of callers) {
        if (!openid) continue
        const me = await api.data<{ user: { household: { id: string } | null } | null }>(
          'me.get',
          {},
          tokens.get(openid),
        )
        if (me.user?.household) homeOf.set(openid, me.user.household.id)
      }
      const villages = await api.data<{ id: string; name: string }[]>('villages.list', {})
      const rounds = (await api.data<{ items: Round[] }>('board.rounds', { limit: 50 }, admin))
        .items
      const campaigns = (
        await api.data<{ items: CampaignSummary[] }>('campaigns.list', { limit: 50 }, admin)
      ).items
      const notices = (
        await api.data<{ items: { id: string }[] }>('notices.list', { limit: 50 }, admin)
      ).items.map((n) => n.id)
      // The ground truth, as an admin sees it: every black-listed household of every round.
      const black = new Map<string, Black>()
      for (const round of rounds) {
        const page = await api.data<{ items: RankEntry[] }>(
          'board.list',
          { roundId: round.id, list: 'black', limit: 50 },
          admin,
        )
        for (const line of page.items) {
          const h = await api.data<{ id: string; headName: string; houseNo: string }>(
            'households.get',
            { id: line.householdId },
            admin,
          )
          black.set(h.id, {
            id: h.id,
            name: h.headName,
            houseNo: h.houseNo,
            villageName: line.villageName,
          })
        }
      }
      const published = rounds.filter((r) => r.status === 'published')
      base = {
        villages,
        rounds,
        campaigns,
        notices,
        black: [...black.values()],
        households: [...black.keys()],
        month: published[0]?.month ?? '2026-10',
        plates: new Map(
          api
            .rows('doorplates')
            .map((p) => [String(p.household_id ?? p._id), String(p.code)] as const),
        ),
      }
    }, timeLimit(120_000))
    afterAll(() => api.close())

    if (structural) {
      it('has an input builder for every read action of the contract', () => {
        expect(readActions.filter((name) => !builders[name])).toEqual([])
        expect(
          Object.keys(builders).filter((name) => !readActions.includes(name as ActionName)),
        ).toEqual([])
      })

      it('the demo township has black-listed households to protect, with names worth masking', () => {
        expect(base.black.length).toBeGreaterThanOrEqual(3)
        expect(base.black.every((b) => Array.from(b.name).length >= 2 && b.houseNo !== '')).toBe(
          true,
        )
      })

      it('the reproduced case: 柳家村’s black list and a nominee search share no id', async () => {
        const token = tokens.get('demo-resident-1')
        let matched = 0
        const published = base.rounds.filter((r) => r.status === 'published')
        for (const round of published) {
          const page = await api.data<{ items: RankEntry[] }>(
            'board.list',
            { roundId: round.id, list: 'black', villageId: 'vil-01', limit: 50 },
            token,
          )
          const lines = page.items.filter((l) => !l.fullDetail)
          for (const line of lines) expect(line.householdId).toMatch(/^ln_/)
          const lineIds = new Set(lines.map((l) => l.householdId))
          for (const b of base.black.filter((h) => h.villageName === '柳家村')) {
            const found = await api.data<{ items: { id: string; name: string }[] }>(
              'campaigns.nominees',
              { campaignId: 'cmp-goodNeighbor', name: b.name },
              token,
            )
            matched += found.items.filter((h) => h.name === b.name).length
            for (const h of found.items)
              expect(lineIds.has(h.id), `${h.id} → ${h.name}`).toBe(false)
          }
        }
        expect(published.length).toBeGreaterThanOrEqual(1)
        // The search did find the black-listed neighbours by their full names: the join was tried.
        expect(matched).toBeGreaterThanOrEqual(3)
      })
    }

    const figures = {
      calls: 0,
      strings: 0,
      actions: new Set<string>(),
      answered: new Set<string>(),
    }

    for (const openid of callers) {
      it(
        `as ${openid ?? 'nobody signed in'}: no masked line can be joined to a full name`,
        async () => {
          const token = openid ? tokens.get(openid) : undefined
          const known: Known = { ...base, openid, lineIds: new Map() }
          const nodes: Node[] = []
          const strings: string[] = []
          const answers: { name: string; strings: Set<string> }[] = []
          const names = [...readActions].sort((a, b) => order(a) - order(b))
          for (const name of names) {
            const builder = builders[name]
            if (!builder) throw new Error(`no input builder for ${name}`)
            for (const input of builder(known)) {
              let cursor: string | null = null
              let pages = 0
              do {
                const body: Record<string, unknown> = cursor ? { ...input, cursor } : { ...input }
                const res = await api.post(name, body, token)
                figures.calls++
                figures.actions.add(name)
                // Refusals are fine; a crash is not (it would hide what the action answers).
                expect(res.status, `${name} ${JSON.stringify(body)}`).not.toBe(500)
                if (!res.body.ok) break
                figures.answered.add(`${openid ?? 'anonymous'} ${name}`)
                const data = res.body.data
                const own: string[] = []
                walk(data, nodes, own)
                answers.push({ name, strings: new Set(own) })
                for (const text of own) strings.push(text)
                if (name === 'board.ranking' || name === 'board.list') {
                  const roundId = String((input as { roundId: string }).roundId)
                  const ids = known.lineIds.get(roundId) ?? new Set<string>()
                  const lines: unknown[] = []
                  const d = data as Record<string, unknown>
                  for (const key of ['items', 'red', 'black', 'progress'])
                    if (Array.isArray(d[key])) lines.push(...(d[key] as unknown[]))
                  for (const line of lines) ids.add((line as RankEntry).householdId)
                  known.lineIds.set(roundId, ids)
                }
                const next = (data as { nextCursor?: unknown } | null)?.nextCursor
                cursor = typeof next === 'string' ? next : null
              } while (cursor && ++pages < 40)
            }
          }
          figures.strings += strings.length

          const home = openid ? homeOf.get(openid) : undefined
          const hidden = base.black.filter((b) => b.id !== home)
          for (const b of hidden) {
            const masked = maskName(b.name)
            const who = `${openid ?? 'anonymous'} / ${b.name} (${b.id})`
            // 门牌号 + full name: never in one string, never in one record.
            expect(
              strings.filter((s) => s.includes(b.name) && s.includes(b.houseNo)),
              `${who}: name and door in one string`,
            ).toEqual([])
            expect(
              nodes.filter(
                (n) =>
                  n.strings.some((s) => s.includes(b.name)) &&
                  n.strings.some((s) => s.includes(b.houseNo)),
              ),
              `${who}: name and door in one record`,
            ).toEqual([])
            // The household's own id never rides on a masked line.
            expect(
              nodes.filter((n) => n.strings.includes(masked) && n.ids.includes(b.id)),
              `${who}: real id on a masked line`,
            ).toEqual([])
            // Nor anywhere in an answer that shows the masked line (a cursor, a second field).
            expect(
              answers
                .filter((a) => a.strings.has(masked) && a.strings.has(b.id))
                .map((a) => a.name),
              `${who}: real id in an answer with the masked line`,
            ).toEqual([])
            // No id of a masked line is also the id of a record that shows the full name.
            const maskedIds = new Set(
              nodes.filter((n) => n.strings.includes(masked)).flatMap((n) => n.ids),
            )
            const joined = nodes
              .filter((n) => n.strings.some((s) => s.includes(b.name)))
              .flatMap((n) => n.ids)
              .filter((id) => maskedIds.has(id))
            expect(joined, `${who}: an id joins the masked line to the full name`).toEqual([])
          }
          // The caller's own household, when black-listed, is theirs to see in full.
          if (home && base.black.some((b) => b.id === home)) {
            const own = base.black.find((b) => b.id === home) as Black
            expect(strings.some((s) => s === own.name)).toBe(true)
          }
        },
        timeLimit(120_000),
      )
    }

    it('reports what it scanned', () => {
      // Figures for the closing note of the issue; the numbers themselves are not the claim.
      process.stdout.write(
        `privacy property: ${readActions.length} read actions, ${figures.calls} calls, ${figures.strings} strings scanned\n`,
      )
      expect(figures.actions.size).toBe(readActions.length)
      // The adversary's paths were open: residents searched nominees and saw their black list.
      for (const pair of mustAnswer) expect(figures.answered).toContain(pair)
    })
  })
}
