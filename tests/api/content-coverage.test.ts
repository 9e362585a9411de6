// Every text users write passes the content check, on both adapters: with 赌博 on the word
// list, each action that takes written text refuses it disguised (spaced out, zero-width,
// full-width, punctuated) with CONTENT_REJECTED and changes nothing; a text that shares
// characters with the word (博物馆) is accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOW } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

/** The listed word, disguised in turn as a poster would. */
const disguises = ['赌 博', '赌\u200b博', '赌·博', '赌\u3000博', '赌-博', '赌\u00ad★博']
let turn = 0
const bad = () => disguises[turn++ % disguises.length] as string

type Who = 'admin' | 'grid' | 'resident' | 'fresh'

describe('content check covers every written text', () => {
  let api: TestApi
  let now = NOW
  let fresh = 0
  const tokens: Record<Exclude<Who, 'fresh'>, string> = { admin: '', grid: '', resident: '' }
  let liujia: { id: string; headName: string; houseNo: string }[] = []
  let criteria: { id: string; maxPoints: number }[] = []
  const data = <T>(action: string, input: object, token?: string) =>
    api.data<T>(action, input, token)
  const nextHousehold = () => liujia[++fresh % liujia.length] as (typeof liujia)[number]

  /** A new user's request to be bound to a 柳家村 household. */
  const request = async () => {
    const token = await api.login(`coverage-user-${++fresh}`)
    const h = nextHousehold()
    const { id } = await data<{ id: string }>(
      'bindings.request',
      {
        by: 'roster',
        villageId: 'vil-01',
        headName: h.headName,
        houseNo: h.houseNo,
        relation: 'member',
      },
      token,
    )
    return { id, token }
  }
  /** A new resident of 柳家村, approved by the admin. */
  const newResident = async () => {
    const r = await request()
    await data('bindings.approve', { id: r.id }, tokens.admin)
    return r
  }
  const pendingRequest = async () => (await request()).id
  const campaign = (title: string, description = '') => ({
    type: 'custom',
    customTypeName: '孝老爱亲',
    title,
    description,
    villageId: null,
    nominationStartsAt: iso(NOW - DAY),
    reviewStartsAt: iso(NOW + 6 * DAY),
    votingStartsAt: iso(NOW + 8 * DAY),
    votingEndsAt: iso(NOW + 15 * DAY),
    publicityEndsAt: iso(NOW + 22 * DAY),
    rules: {
      nominators: 'residents',
      selfNomination: false,
      nominationsPerHousehold: 1,
      votesPerDay: 3,
      votesPerCandidatePerDay: 1,
      counting: 'perPerson',
      winners: 3,
    },
  })
  const appealId = async () => {
    const { token } = await newResident()
    const appeal = await data<{ id: string }>(
      'board.appeal',
      { roundId: 'rnd-2026-10', text: '院子当天已经清理干净了' },
      token,
    )
    return appeal.id
  }
  const items = (note: string) =>
    criteria.map((c, i) => ({ criterionId: c.id, points: c.maxPoints, note: i === 0 ? note : '' }))

  /** Per action: who calls, and a valid input carrying the given text where users write. */
  const cases: {
    action: string
    who: Who
    input: (text: string) => Promise<object> | object
  }[] = [
    {
      action: 'notices.create',
      who: 'grid',
      input: (text) => ({
        columnId: 'col-notices',
        title: `通知${++fresh}`,
        body: `这是一条写给柳家村的测试通知正文：${text}。`,
        scope: { kind: 'villages', villageIds: ['vil-01'] },
      }),
    },
    {
      action: 'notices.create',
      who: 'grid',
      input: (text) => ({
        columnId: 'col-notices',
        title: `通知${text}`,
        body: '这是一条写给柳家村的测试通知正文。',
        scope: { kind: 'villages', villageIds: ['vil-01'] },
      }),
    },
    {
      action: 'campaigns.nominate',
      who: 'admin',
      input: (text) => ({
        campaignId: 'cmp-goodNeighbor',
        householdId: nextHousehold().id,
        story: `十几年如一日照顾邻居家的老人，${text}。`,
      }),
    },
    {
      action: 'board.appeal',
      who: 'fresh',
      input: (text) => ({ roundId: 'rnd-2026-10', text: `院子里${text}的事不属实` }),
    },
    {
      action: 'campaigns.object',
      who: 'resident',
      input: (text) => ({ campaignId: 'cmp-beautifulCourtyard', text: `我对结果有异议：${text}` }),
    },
    { action: 'me.updateProfile', who: 'resident', input: (text) => ({ nickname: `老王${text}` }) },
    { action: 'campaigns.save', who: 'admin', input: (text) => campaign(`评选${text}`) },
    {
      action: 'campaigns.save',
      who: 'admin',
      input: (text) => campaign(`孝老爱亲评选${++fresh}`, `说明：${text}`),
    },
    {
      action: 'campaigns.closePhase',
      who: 'admin',
      input: async (text) => {
        const { id } = await data<{ id: string }>(
          'campaigns.save',
          campaign(`孝老爱亲${++fresh}`),
          tokens.admin,
        )
        return { id, phase: 'nomination', reason: `因为${text}` }
      },
    },
    {
      action: 'campaigns.review',
      who: 'admin',
      input: async (text) => {
        const { id } = await data<{ id: string }>(
          'campaigns.nominate',
          {
            campaignId: 'cmp-goodNeighbor',
            householdId: nextHousehold().id,
            story: '十几年如一日照顾邻居家的老人，大家都称赞。',
          },
          tokens.admin,
        )
        return { id, decision: 'reject', reason: `材料里有${text}` }
      },
    },
    {
      action: 'campaigns.decline',
      who: 'resident',
      input: (text) => ({ id: 'nom-goodNeighbor-2', reason: `不想要${text}` }),
    },
    {
      action: 'campaigns.invalidateVote',
      who: 'admin',
      input: async (text) => {
        const { token } = await newResident()
        const receipt = await data<{ voteId: string }>(
          'campaigns.vote',
          { campaignId: 'cmp-civilizedFamily', candidateId: 'nom-civilizedFamily-2' },
          token,
        )
        return { voteId: receipt.voteId, reason: `刷票${text}` }
      },
    },
    {
      action: 'board.decideAppeal',
      who: 'admin',
      input: async (text) => ({
        id: await appealId(),
        decision: 'reject',
        reason: `照片显示${text}`,
      }),
    },
    {
      action: 'board.decideAppeal',
      who: 'admin',
      input: async (text) => ({
        id: await appealId(),
        decision: 'reinspect',
        items: items(`复查${text}`),
        clientId: `coverage-${++fresh}`,
      }),
    },
    {
      action: 'board.inspect',
      who: 'grid',
      input: (text) => ({
        roundId: 'rnd-2026-11',
        householdId: nextHousehold().id,
        items: items(`院内${text}`),
        clientId: `coverage-${++fresh}`,
      }),
    },
    {
      action: 'board.openRound',
      who: 'admin',
      input: (text) => ({ month: `2032-0${(++fresh % 9) + 1}`, title: `检查${text}` }),
    },
    {
      action: 'rubrics.save',
      who: 'admin',
      input: (text) => ({
        name: `检查标准${++fresh}`,
        criteria: [
          {
            category: '庭院',
            name: '庭院整洁',
            maxPoints: 60,
            deductionPerItem: 5,
            hint: `不得${text}`,
          },
          { category: '垃圾', name: '垃圾分类', maxPoints: 40, deductionPerItem: 5 },
        ],
      }),
    },
    { action: 'columns.create', who: 'admin', input: (text) => ({ name: `栏目${text}` }) },
    {
      action: 'columns.rename',
      who: 'admin',
      input: (text) => ({ id: 'col-antiPorn', name: `改${text}` }),
    },
    {
      action: 'places.create',
      who: 'admin',
      input: (text) => ({ kind: 'group', villageId: 'vil-02', name: `组${text}` }),
    },
    {
      action: 'places.rename',
      who: 'admin',
      input: (text) => ({ kind: 'group', id: 'vil-02-g3', name: `组${text}` }),
    },
    {
      action: 'bindings.reject',
      who: 'grid',
      input: async (text) => ({ id: await pendingRequest(), reason: `信息${text}` }),
    },
    {
      action: 'bindings.revoke',
      who: 'admin',
      input: async (text) => {
        const r = await newResident()
        return { id: r.id, reason: `已迁出${text}` }
      },
    },
  ]

  beforeAll(async () => {
    api = await startTestApi({ clock: () => now })
    tokens.admin = await api.login('demo-admin')
    tokens.grid = await api.login('demo-grid-1')
    tokens.resident = await api.login('demo-resident-1')
    const page = await data<{ items: { id: string; headName: string; houseNo: string }[] }>(
      'households.list',
      { villageId: 'vil-01', limit: 50 },
      tokens.admin,
    )
    const taken = new Set(['hh-01-010', 'hh-01-013', 'hh-01-001'])
    liujia = page.items.filter((h) => !taken.has(h.id))
    criteria = (
      await data<{ criteria: { id: string; maxPoints: number }[] }>(
        'rubrics.current',
        {},
        tokens.admin,
      )
    ).criteria
    await data('content.setWords', { words: ['赌博'] }, tokens.admin)
  }, 60_000)
  afterAll(() => api.close())

  const tokenFor = async (who: Who) => (who === 'fresh' ? (await newResident()).token : tokens[who])
  const dump = () => api.dumpAll(['audit_log'])

  for (const [i, c] of cases.entries()) {
    it(`${c.action} (${i}) refuses the word disguised and writes nothing`, async () => {
      now += 61_000
      const token = await tokenFor(c.who)
      const input = await c.input(bad())
      const before = dump()
      const { status, body } = await api.post(c.action, input, token)
      expect(status, JSON.stringify(body)).toBe(422)
      expect(body).toMatchObject({
        ok: false,
        error: { code: 'CONTENT_REJECTED', message: '含有敏感词“赌博”，请修改后再提交' },
      })
      expect(dump()).toBe(before)
    })
  }

  it('every text action accepts a text sharing characters with the word (博物馆)', async () => {
    for (const c of cases) {
      now += 61_000
      const token = await tokenFor(c.who)
      const input = await c.input(`博物馆${++fresh}`)
      const { body } = await api.post(c.action, input, token)
      expect(body.ok, `${c.action}: ${JSON.stringify(body)}`).toBe(true)
    }
  }, 120_000)
})
