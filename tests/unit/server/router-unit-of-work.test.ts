// One write, one unit: the handler's changes and their audit entries commit together or not at
// all, and a retry under the same key never writes twice, on both Store adapters. The failure
// is real: the audit append throws after the vote was written.
import { afterEach, describe, expect, it } from 'vitest'
import { createRouter } from '../../../server/router'
import type { Store } from '../../../server/store/store'
import { buildTestTown, NOW, who } from '../../helpers/factories'
import { openStore, storeKinds } from '../../helpers/store-adapters'

/** c-town is in voting at NOW; its rules allow 3 votes a day, 3 for one candidate. */
function town() {
  const s = buildTestTown()
  const campaign = s.campaigns.find((c) => c.id === 'c-town')
  if (!campaign) throw new Error('the test town has no c-town')
  campaign.rules = { ...campaign.rules, votesPerDay: 3, votesPerCandidatePerDay: 3 }
  return s
}

const vote = { campaignId: 'c-town', candidateId: 'nom-town-1' }

describe.each(storeKinds)('a write and its audit as one unit (%s)', (kind) => {
  let store: Store
  afterEach(() => store.close())

  /** The store, with its audit append failing while `failing` is set. */
  async function open() {
    store = await openStore(kind, town())
    const state = { failing: false }
    const append = store.audit.append.bind(store.audit)
    store.audit.append = async (entries) => {
      if (state.failing) throw new Error('disk full')
      return append(entries)
    }
    const router = createRouter({
      store,
      devMode: false,
      clock: () => NOW,
      logger: { info: () => {}, error: () => {} },
    })
    return { router, state }
  }
  const votesOfA = async () =>
    (await store.campaigns.votes({ campaignId: 'c-town', limit: 50 })).items.filter(
      (v) => v.voterId === `u-${who.residentA}`,
    )
  const voteAudits = async () =>
    (await store.audit.recent(50)).filter((e) => e.action === 'campaigns.vote')

  it('a failure after the vote answers INTERNAL, and the retry leaves exactly one vote', async () => {
    const { router, state } = await open()
    const request = {
      action: 'campaigns.vote',
      input: vote,
      openid: who.residentA,
      key: 'k-vote-0001',
    }
    state.failing = true
    expect(await router.handle(request)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    state.failing = false
    const retry = await router.handle(request)
    if (kind === 'sqlite') {
      // The vote was rolled back with its audit: the retry writes it, once, with its entry.
      expect(retry).toMatchObject({ ok: true })
      expect(await votesOfA()).toHaveLength(1)
      expect(await voteAudits()).toHaveLength(1)
    } else {
      // No cloud transaction spans the vote and its audit: the vote stays, and the retry is
      // told to look rather than written again.
      expect(retry).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: '上一次提交还在处理中，请稍后刷新，看看是否已经成功' },
      })
      expect(await votesOfA()).toHaveLength(1)
    }
    // A new tap (a new key) is a new vote: the rules allow three.
    expect(await router.handle({ ...request, key: 'k-vote-0002' })).toMatchObject({ ok: true })
    expect(await votesOfA()).toHaveLength(2)
  })

  it('a refused write keeps no claim: the same key may go out again, corrected', async () => {
    const { router } = await open()
    const key = 'k-vote-0003'
    const refused = await router.handle({
      action: 'campaigns.vote',
      input: { campaignId: 'c-town', candidateId: 'nom-missing' },
      openid: who.residentA,
      key,
    })
    expect(refused.ok).toBe(false)
    expect(await voteAudits()).toHaveLength(0)
    // Had the refusal kept the key, this would be refused as a key used for another input.
    const corrected = { action: 'campaigns.vote', input: vote, openid: who.residentA, key }
    expect(await router.handle(corrected)).toMatchObject({ ok: true })
    expect(await votesOfA()).toHaveLength(1)
  })

  it('keys expire after 24 hours', async () => {
    await open()
    expect(await store.idempotency.claim('scope-old', 'f', NOW - 25 * 3_600_000)).toBe(true)
    expect(await store.idempotency.claim('scope-new', 'f', NOW - 3_600_000)).toBe(true)
    expect(await store.idempotency.claim('scope-new', 'f', NOW)).toBe(false)
    expect(await store.idempotency.expire(NOW - 24 * 3_600_000, 100)).toBe(1)
    expect(await store.idempotency.get('scope-old')).toBeNull()
    expect(await store.idempotency.get('scope-new')).toMatchObject({
      status: 'pending',
      at: NOW - 3_600_000,
    })
  })
})
