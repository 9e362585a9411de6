// Publishing a round's lists, guarded: a preview says what would become public (per village
// inspected of all, how many go on 红榜 and 黑榜, the 公示 dates); publishing takes the figures
// the admin confirmed and is refused when the lists changed since. An admin may withdraw a
// publication during 公示 with a written reason: the lists disappear, the households told of
// the publication get a correction, and the round can be published again.
import type { HandlersFor, ActionContext } from '../context'
import type { Notification } from '../notify/notifier'
import { AppError, notFound } from '../errors'
import { toIso } from '../shared/time'
import type { RoundView } from '../store/store'
import { toEntryRecords, villageStats } from './board.rules'
import { storeRowKey } from './row-ids'
import type { ListEntry } from './board.rules'
import { liveLists, toRound } from './board.view'
import { inPublicity, publicityEnd } from './round.rules'

/** The topic of one publication's notifications (its correction goes to the same users). */
export const topicOf = (round: { id: string }, publishedAt: number) =>
  `board:${round.id}:${publishedAt}`

/** What a household on a list is told of a publication. */
export function publishedNotice(
  round: { id: string; title: string },
  at: { publishedAt: number; publicityEndsAt: number },
  line: { householdId: string; list: 'red' | 'black'; total: number },
  recipients: readonly string[],
): Notification {
  const topic = topicOf(round, at.publishedAt)
  const until = toIso(at.publicityEndsAt).slice(0, 10)
  return {
    event: 'boardPublished',
    campaignId: null,
    topic,
    recipients,
    key: `${topic}:published:${line.householdId}`,
    at: at.publishedAt,
    title: `${round.title}已公示`,
    body:
      line.list === 'red'
        ? `您家以 ${line.total} 分上了红榜，公示至 ${until}。`
        : `您家得分 ${line.total} 分，在本村黑榜上，请在整改期限内整改；公示至 ${until}，如有异议可在公示期内申诉。`,
  }
}

async function openRound(ctx: ActionContext, roundId: string): Promise<RoundView> {
  const round = await ctx.store.board.round(roundId)
  if (!round) throw notFound('这一期检查')
  if (round.status !== 'open') throw new AppError('CONFLICT', '这一期榜单已经公布过了')
  return round
}

/** What publishing now would make public. */
async function preview(ctx: ActionContext, round: RoundView, publicityDays?: number) {
  const lists = await liveLists(ctx, round)
  const rows = await ctx.store.board.scores(round.id)
  const villages = (await ctx.store.places.villages()).filter((v) => v.archivedAt === null)
  const stats = villageStats(villages, rows, lists)
  const days = publicityDays ?? round.publicityDays
  return {
    lists,
    villages: stats.map((s) => ({
      village: { id: s.villageId, name: s.villageName },
      households: s.households,
      inspected: s.inspected,
      uninspected: Math.max(0, s.households - s.inspected),
    })),
    households: stats.reduce((sum, s) => sum + s.households, 0),
    expect: { inspected: rows.length, red: lists.red.length, black: lists.black.length },
    publishedAt: ctx.now,
    publicityEndsAt: publicityEnd(ctx.now, days),
  }
}

/** The users bound to the households on the red and black lists, per household. */
async function boundUsers(ctx: ActionContext, entries: readonly ListEntry[]) {
  const users = await ctx.store.board.boundUsers(entries.map((e) => e.householdId))
  return entries.flatMap((entry) => {
    const userIds = users.get(entry.householdId) ?? []
    return userIds.length > 0 ? [{ entry, userIds }] : []
  })
}

/**
 * Starts publishing a county-sized round as a job the timer drains (the store says when): the
 * lists are computed and written village by village, appear all at once when complete, and the
 * admin page shows 村 done / total meanwhile. The figures confirmed in the preview are checked
 * by the job once it has computed the lists; if they changed, it stops and says so.
 */
async function publishAsJob(
  ctx: ActionContext,
  round: RoundView,
  input: {
    roundId: string
    publicityDays?: number
    expect: { inspected: number; red: number; black: number }
  },
  inspected: number,
) {
  if (round.publishing && round.publishing.failed === null) {
    throw new AppError('CONFLICT', '这一期榜单正在发布，请稍候查看进度')
  }
  if (input.expect.inspected !== inspected) {
    throw new AppError(
      'CONFLICT',
      `预览之后检查结果有变化（现在已检查 ${inspected} 户），请重新预览后再发布`,
    )
  }
  const at = {
    publishedAt: ctx.now,
    publicityEndsAt: publicityEnd(ctx.now, input.publicityDays ?? round.publicityDays),
  }
  await storeRowKey(ctx.store)
  // The villages are counted by the job once it has the lists (reading them here costs more).
  const started = await ctx.store.board.startPublish({
    roundId: round.id,
    ...at,
    expect: input.expect,
    villages: 0,
  })
  if (!started) throw new AppError('CONFLICT', '这一期榜单正在发布或已经公布，请刷新后查看')
  ctx.audit({
    target: `round:${round.id}`,
    before: { status: 'open' },
    after: {
      status: 'publishing',
      publicityEndsAt: toIso(at.publicityEndsAt),
      expect: input.expect,
    },
  })
  const now = await ctx.store.board.round(round.id)
  return toRound(now as RoundView, ctx.now)
}

export const publishHandlers: HandlersFor<
  'board.publishPreview' | 'board.publish' | 'board.withdraw'
> = {
  async 'board.publishPreview'(ctx, input) {
    const round = await openRound(ctx, input.roundId)
    const p = await preview(ctx, round, input.publicityDays)
    return {
      round: toRound(round, ctx.now),
      villages: p.villages,
      households: p.households,
      expect: p.expect,
      publishedAt: toIso(p.publishedAt),
      publicityEndsAt: toIso(p.publicityEndsAt),
    }
  },

  async 'board.publish'(ctx, input) {
    const round = await openRound(ctx, input.roundId)
    const summary = await ctx.store.board.scoreSummary(round.id)
    if (ctx.store.board.publishesInChunks(summary.inspected))
      return publishAsJob(ctx, round, input, summary.inspected)
    const p = await preview(ctx, round, input.publicityDays)
    const { expect } = input
    if (
      expect.inspected !== p.expect.inspected ||
      expect.red !== p.expect.red ||
      expect.black !== p.expect.black
    ) {
      throw new AppError(
        'CONFLICT',
        `预览之后检查结果有变化（现在已检查 ${p.expect.inspected} 户，红榜 ${p.expect.red} 户、黑榜 ${p.expect.black} 户），请重新预览后再发布`,
      )
    }
    const at = { publishedAt: p.publishedAt, publicityEndsAt: p.publicityEndsAt }
    const entries = toEntryRecords(round.id, p.lists)
    // The key of masked line ids comes with the first lists to mask: reading them never writes.
    await storeRowKey(ctx.store)
    if (!(await ctx.store.board.publish(round.id, at, entries))) {
      throw new AppError('CONFLICT', '这一期榜单已经公布过了')
    }
    // Each household on a list hears of it (its members), once per publication.
    for (const list of ['red', 'black'] as const) {
      for (const { entry, userIds } of await boundUsers(ctx, p.lists[list])) {
        await ctx.notifier.send(
          publishedNotice(
            round,
            at,
            { householdId: entry.householdId, list, total: entry.total },
            userIds,
          ),
        )
      }
    }
    ctx.audit({
      target: `round:${round.id}`,
      before: { status: 'open' },
      after: {
        status: 'published',
        publicityEndsAt: toIso(at.publicityEndsAt),
        red: p.lists.red.map((e) => [e.householdId, e.total]),
        black: p.lists.black.map((e) => [e.householdId, e.total]),
      },
    })
    const published = await ctx.store.board.round(round.id)
    return toRound(published as RoundView, ctx.now)
  },

  async 'board.withdraw'(ctx, input) {
    const round = await ctx.store.board.round(input.roundId)
    if (!round) throw notFound('这一期检查')
    if (round.status !== 'published' || round.publishedAt === null) {
      throw new AppError('CONFLICT', '这一期榜单还没有公布，无需撤回')
    }
    if (!inPublicity(round, ctx.now)) {
      throw new AppError('CONFLICT', '公示期已经结束，不能再撤回这一期榜单')
    }
    const publishedAt = round.publishedAt
    if (!(await ctx.store.board.withdraw(round.id, publishedAt))) {
      throw new AppError('CONFLICT', '这一期榜单刚刚有了变化，请刷新后再试')
    }
    const topic = topicOf(round, publishedAt)
    const recipients = await ctx.store.notify.recipientsOf(topic)
    if (recipients.length > 0) {
      await ctx.notifier.send({
        event: 'boardWithdrawn',
        campaignId: null,
        topic,
        recipients,
        key: `${topic}:withdrawn`,
        at: ctx.now,
        title: `${round.title}已撤回`,
        body: `镇里撤回了这一期红黑榜，此前的上榜通知作废。撤回原因：${input.reason}`,
      })
    }
    ctx.audit({
      target: `round:${round.id}`,
      before: { status: 'published', publishedAt: toIso(publishedAt) },
      after: { status: 'open', reason: input.reason, corrected: recipients.length },
    })
    const reopened = await ctx.store.board.round(round.id)
    return toRound(reopened as RoundView, ctx.now)
  },
}
