// The WeChat notifier over a stubbed `cloud.openapi.subscribeMessage.send`, on a real store
// of either adapter (the outbox, its delivery results and the audit log are the Store's).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Logger } from '../../../server/logger'
import type { Notification } from '../../../server/notify/notifier'
import {
  createWechatNotifier,
  fieldValue,
  type SubscribeMessageOpenApi,
  type Templates,
  templatesSchema,
  MAX_ATTEMPTS,
  RETRY_BACKOFF_MS,
  USER_REFUSED,
} from '../../../server/notify/wechat-notifier'
import type { Store } from '../../../server/store/store'
import { buildTestTown, NOW, who } from '../../helpers/factories'
import { openStore, storeKinds } from '../../helpers/store-adapters'

type SendArg = Parameters<SubscribeMessageOpenApi['subscribeMessage']['send']>[0]

const templates: Templates = {
  votingOpened: { id: 'tpl-voting', data: { thing1: 'title', time2: 'at', thing3: 'body' } },
  nominated: { id: 'tpl-nominated', data: { thing1: 'title' }, page: 'pages/mine/index' },
}

const uid = (openid: string) => `u-${openid}`

const notification = (overrides: Partial<Notification> = {}): Notification => ({
  event: 'votingOpened',
  campaignId: 'c-town',
  recipients: [uid(who.residentA), uid(who.residentB)],
  title: '2026 年度最美庭院开始投票',
  body: '投票截止：12月1日 18:00。每个人都可以凭自己的判断投票。',
  key: 'c-town|votingOpened',
  at: NOW,
  ...overrides,
})

describe.each(storeKinds)('WeChat notifier (subscribeMessage.send) on %s', (kind) => {
  let store: Store
  let send: ReturnType<typeof vi.fn<(arg: SendArg) => Promise<{ errCode?: number }>>>
  let logger: Logger

  beforeEach(async () => {
    store = await openStore(kind, buildTestTown())
    send = vi.fn(async () => ({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }))
    logger = { info: vi.fn(), error: vi.fn() }
  })
  afterEach(() => store.close())

  const notifier = () =>
    createWechatNotifier({ store, openapi: { subscribeMessage: { send } }, templates, logger })

  const deliveries = async () =>
    (await store.audit.recent(50))
      .filter((a) => a.action === 'notify.deliver')
      .map((a) => ({
        target: a.target,
        ...(a.after as { outcome: string; errCode: number | null }),
      }))
      .sort((a, b) => String(a.target).localeCompare(String(b.target)))

  it("sends each recipient the event's template, at their openid, within the field limits", async () => {
    await notifier().send(notification())
    expect(send).toHaveBeenCalledTimes(2)
    expect(send).toHaveBeenCalledWith({
      touser: who.residentA,
      templateId: 'tpl-voting',
      page: 'packages/resident/pages/campaign/index?id=c-town',
      data: {
        thing1: { value: '2026 年度最美庭院开始投票' },
        time2: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) },
        thing3: { value: '投票截止：12月1日 18:00。每个…' },
      },
      miniprogramState: 'formal',
      lang: 'zh_CN',
    })
    expect(await deliveries()).toEqual([
      {
        target: `notification:c-town|votingOpened|${uid(who.residentA)}`,
        event: 'votingOpened',
        outcome: 'sent',
        errCode: null,
        attempt: 1,
      },
      {
        target: `notification:c-town|votingOpened|${uid(who.residentB)}`,
        event: 'votingOpened',
        outcome: 'sent',
        errCode: null,
        attempt: 1,
      },
    ])
  })

  it('keeps the outbox rows admins read (通知发件箱), one per recipient', async () => {
    await notifier().send(notification())
    const page = await store.notify.outbox({ limit: 10 })
    expect(page.items.map((o) => o.userId).sort()).toEqual(
      [uid(who.residentA), uid(who.residentB)].sort(),
    )
    expect(page.items[0]).toMatchObject({ event: 'votingOpened', dedupeKey: expect.any(String) })
  })

  it('records 43101 (no subscription left) once as refused, and never retries it', async () => {
    send.mockImplementation(async (arg) =>
      arg.touser === who.residentA
        ? { errCode: USER_REFUSED, errMsg: 'user refuse' }
        : { errCode: 0 },
    )
    await notifier().send(notification())
    expect(send).toHaveBeenCalledTimes(2)
    expect(await deliveries()).toMatchObject([
      { outcome: 'refused', errCode: USER_REFUSED },
      { outcome: 'sent', errCode: null },
    ])
    // Admins see each recipient's outcome in 通知发件箱; recording it again changes nothing.
    const outcomes = async () =>
      Object.fromEntries(
        (await store.notify.outbox({ limit: 10 })).items.map((o) => [o.userId, o.delivery]),
      )
    const expected = {
      [uid(who.residentA)]: { outcome: 'refused', errCode: USER_REFUSED },
      [uid(who.residentB)]: { outcome: 'sent', errCode: null },
    }
    expect(await outcomes()).toEqual(expected)
    await store.notify.setDelivery(
      `c-town|votingOpened|${uid(who.residentA)}`,
      { outcome: 'sent', errCode: null },
      null,
    )
    expect(await outcomes()).toEqual(expected)
    // The SDK may also throw it (errCode on the error): the same outcome, no error logged.
    send.mockImplementation(async () => {
      throw Object.assign(new Error('user refuse to accept the msg'), { errCode: USER_REFUSED })
    })
    await notifier().send(notification({ key: 'k2', recipients: [uid(who.residentA)] }))
    expect(send).toHaveBeenCalledTimes(3)
    expect((await deliveries()).find((d) => String(d.target).includes('k2'))).toMatchObject({
      outcome: 'refused',
    })
    // …or only say so in its message.
    send.mockImplementation(async () => {
      throw new Error('errCode: 43101 | errMsg: user refuse to accept the msg')
    })
    await notifier().send(notification({ key: 'k3', recipients: [uid(who.residentA)] }))
    expect((await deliveries()).find((d) => String(d.target).includes('k3'))).toMatchObject({
      outcome: 'refused',
      errCode: USER_REFUSED,
    })
    expect(logger.error).not.toHaveBeenCalled()
  })

  it('records any other failure as failed, and still delivers to the others', async () => {
    send.mockImplementation(async (arg) => {
      if (arg.touser === who.residentA)
        throw Object.assign(new Error('system busy'), { errCode: -1 })
      return { errCode: 40037, errMsg: 'invalid template_id' }
    })
    await notifier().send(notification())
    expect(await deliveries()).toMatchObject([
      { outcome: 'failed', errCode: -1 },
      { outcome: 'failed', errCode: 40037 },
    ])
    expect(logger.error).toHaveBeenCalledTimes(1)
  })

  it('skips an event without a template, keeping its outbox rows', async () => {
    await notifier().send(notification({ event: 'resultsPublished', key: 'r' }))
    await notifier().send(
      notification({ event: 'nominated', key: 'n', recipients: [uid(who.residentA)] }),
    )
    expect(send).toHaveBeenCalledTimes(1)
    expect(send.mock.calls[0]?.[0]).toMatchObject({
      templateId: 'tpl-nominated',
      page: 'pages/mine/index',
    })
    expect((await deliveries()).map((d) => d.outcome).sort()).toEqual([
      'sent',
      'skipped',
      'skipped',
    ])
    expect((await store.notify.outbox({ limit: 10 })).items).toHaveLength(3)
  })

  it('fits values to their field type and validates the template configuration', () => {
    const n = notification({ title: '一二三四五六七八九十一二三四五六七八九十一二', at: NOW })
    expect(fieldValue('thing1', 'title', n)).toHaveLength(20)
    expect(fieldValue('phrase2', 'title', n)).toBe('一二三四…')
    expect(fieldValue('date3', 'at', n)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    expect(
      templatesSchema.safeParse({ votingOpened: { id: 't', data: { thing1: 'x' } } }).success,
    ).toBe(false)
    expect(templatesSchema.safeParse({ votingOpen: { id: 't', data: {} } }).success).toBe(false)
  })

  it('tries a failed delivery again on the timer, at +5, +20 and +80 minutes, never a 43101', async () => {
    const MIN = 60_000
    // A is not subscribed (43101, final); B's sends fail until the platform recovers.
    let platformUp = false
    send.mockImplementation(async (arg) =>
      arg.touser === who.residentA
        ? { errCode: USER_REFUSED }
        : platformUp
          ? { errCode: 0 }
          : { errCode: -1, errMsg: 'system error' },
    )
    const n = notifier()
    await n.send(notification())
    expect(send).toHaveBeenCalledTimes(2)
    const outcomeOf = async (openid: string) =>
      (await store.notify.outbox({ limit: 10 })).items.find((o) => o.userId === uid(openid))
        ?.delivery
    expect(await outcomeOf(who.residentB)).toEqual({ outcome: 'failed', errCode: -1 })

    // Not due a minute early; due at +5 minutes: B only.
    expect(await n.redeliverDue?.(NOW + 5 * MIN - 1, 50)).toBe(0)
    expect(await n.redeliverDue?.(NOW + 5 * MIN, 50)).toBe(1)
    expect(send).toHaveBeenCalledTimes(3)
    expect(send.mock.calls[2]?.[0]).toMatchObject({ touser: who.residentB })
    // The second failure waits 20 minutes more (4×); then the platform is back.
    expect(await n.redeliverDue?.(NOW + 5 * MIN + 20 * MIN - 1, 50)).toBe(0)
    platformUp = true
    expect(await n.redeliverDue?.(NOW + 25 * MIN, 50)).toBe(1)
    expect(await outcomeOf(who.residentB)).toEqual({ outcome: 'sent', errCode: null })
    expect(await outcomeOf(who.residentA)).toEqual({ outcome: 'refused', errCode: USER_REFUSED })
    // Sent is final: nothing is due any more, however late.
    expect(await n.redeliverDue?.(NOW + 30 * 24 * 60 * MIN, 50)).toBe(0)
    const outcomesOfB = (await deliveries())
      .filter((d) => d.target?.endsWith(uid(who.residentB)))
      .map((d) => d.outcome)
    expect(outcomesOfB.sort()).toEqual(['failed', 'failed', 'sent'])
    expect(RETRY_BACKOFF_MS).toBe(5 * MIN)
  })

  it(`gives up after ${MAX_ATTEMPTS} attempts in all`, async () => {
    send.mockImplementation(async () => ({ errCode: -1 }))
    const n = notifier()
    await n.send(notification({ recipients: [uid(who.residentB)] }))
    const MIN = 60_000
    let at = NOW
    for (const wait of [5, 20, 80]) {
      at += wait * MIN
      expect(await n.redeliverDue?.(at, 50), `retry after ${wait} min`).toBe(1)
    }
    expect(send).toHaveBeenCalledTimes(4)
    expect(await n.redeliverDue?.(at + 10_000 * MIN, 50)).toBe(0)
    expect(MAX_ATTEMPTS).toBe(4)
  })
})
