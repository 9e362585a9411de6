// 评选 after the votes: results with ties and winners, the integrity report for admins, 公示
// objections, and the .xlsx export.
import type { CampaignResults } from '../../contract/campaigns'
import type { ActionContext, Caller, HandlersFor } from '../context'
import { AppError, forbidden } from '../errors'
import { loadXlsx } from '../lazy/load'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { newId } from '../shared/ids'
import { toIso } from '../shared/time'
import type { CampaignView } from '../store/store'
import {
  conflict,
  inScope,
  phaseOf,
  toCandidate,
  toSummary,
  typeLabel,
  visibleCampaign,
  wallClock,
} from './campaign-access'
import { countsVisible, hiddenReason, integrity, rank } from './campaigns.rules'

async function results(ctx: ActionContext, c: CampaignView): Promise<CampaignResults> {
  const tally = await ctx.store.campaigns.tally(c.id)
  const visible = countsVisible(c, ctx.now, ctx.caller?.role === 'admin')
  const phase = phaseOf(c, ctx.now)
  return {
    campaign: toSummary(c, ctx.now),
    rows: visible
      ? rank(
          tally.candidates.map((x) => ({ ...x, id: x.nominationId })),
          c.rules.winners,
        ).map((r) => ({
          rank: r.rank,
          candidate: { ...toCandidate(r.row, true), votes: r.row.votes },
          winner: r.winner,
          tiedAtCutoff: r.tiedAtCutoff,
        }))
      : null,
    hiddenReason: visible ? null : hiddenReason(c, ctx.now),
    final: phase === 'publicity' || phase === 'closed',
    winners: c.rules.winners,
    validVotes: visible ? tally.valid : 0,
    invalidatedVotes: tally.invalidated,
    publicityStartsAt: toIso(c.votingEndsAt),
    publicityEndsAt: toIso(c.publicityEndsAt),
  }
}

function residentIn(caller: Caller, c: CampaignView) {
  if (!caller.household || !inScope(c, caller.household)) throw forbidden('本次评选不在您所在的村')
  return caller.household
}

async function writeResultsXlsx(
  c: CampaignView,
  r: CampaignResults,
  invalid: { id: string; candidate: string; voter: string; reason: string; at: string }[],
) {
  const { newWorkbook, tableSheet, writeXlsx } = await loadXlsx()
  const workbook = newWorkbook()
  const sheet = tableSheet(workbook, '评选结果', [
    { header: '名次', key: 'rank', width: 8 },
    { header: '编号', key: 'number', width: 8 },
    { header: '户主', key: 'name', width: 12 },
    { header: '村', key: 'village', width: 14 },
    { header: '村民小组', key: 'group', width: 12 },
    { header: '有效票数', key: 'votes', width: 10 },
    { header: '结果', key: 'result', width: 12 },
  ])
  for (const row of r.rows ?? [])
    sheet.addRow({
      rank: row.rank,
      number: row.candidate.number,
      name: row.candidate.household.name,
      village: row.candidate.household.villageName,
      group: row.candidate.household.groupName,
      votes: row.candidate.votes,
      result: row.winner ? '当选' : row.tiedAtCutoff ? '并列待定' : '',
    })
  const info = workbook.addWorksheet('说明')
  info.addRows([
    ['评选', c.title],
    ['类型', typeLabel(c)],
    ['投票时间', `${wallClock(c.votingStartsAt)} 至 ${wallClock(c.votingEndsAt)}`],
    ['公示截止', wallClock(c.publicityEndsAt)],
    ['有效票', r.validVotes],
    ['作废票', r.invalidatedVotes],
  ])
  const voided = tableSheet(workbook, '作废票', [
    { header: '票号', key: 'id', width: 24 },
    { header: '候选', key: 'candidate', width: 12 },
    { header: '投票人', key: 'voter', width: 14 },
    { header: '作废理由', key: 'reason', width: 30 },
    { header: '作废时间', key: 'at', width: 18 },
  ])
  invalid.forEach((v) => voided.addRow(v))
  return writeXlsx(workbook)
}

export const resultHandlers: HandlersFor<
  | 'campaigns.results'
  | 'campaigns.integrity'
  | 'campaigns.object'
  | 'campaigns.objections'
  | 'campaigns.export'
> = {
  async 'campaigns.results'(ctx, input) {
    return results(ctx, await visibleCampaign(ctx, input.campaignId))
  },

  async 'campaigns.integrity'(ctx, input) {
    const c = await visibleCampaign(ctx, input.campaignId)
    const [votes, tally] = await Promise.all([
      ctx.store.campaigns.integrityVotes(c.id),
      ctx.store.campaigns.tally(c.id),
    ])
    const report = integrity(votes)
    const byId = new Map(tally.candidates.map((x) => [x.nominationId, x]))
    return {
      totalVotes: report.total + tally.invalidated,
      validVotes: report.total,
      perHour: report.perHour.map((h) => ({ hour: toIso(h.hour), count: h.count })),
      bursts: report.bursts.map((b) => ({
        candidateId: b.nominationId,
        candidateNumber: byId.get(b.nominationId)?.number ?? 0,
        candidateName: byId.get(b.nominationId)?.household.headName ?? '',
        from: toIso(b.from),
        to: toIso(b.to),
        count: b.count,
      })),
      newlyBound: report.newlyBound,
      assisted: report.assisted,
      flags: report.flags,
    }
  },

  async 'campaigns.object'(ctx, input) {
    const caller = ctx.caller as Caller
    const c = await visibleCampaign(ctx, input.campaignId)
    const household = residentIn(caller, c)
    if (phaseOf(c, ctx.now) !== 'publicity') throw conflict('只能在公示期内提出异议')
    const verdict = await ctx.content.checkText(input.text)
    if (!verdict.ok) throw new AppError('CONTENT_REJECTED', verdict.reason)
    const record = {
      id: newId('obj'),
      campaignId: c.id,
      userId: caller.user.id,
      householdId: household.id,
      text: input.text,
      createdAt: ctx.now,
    }
    await ctx.store.campaigns.addObjection(record)
    ctx.audit({ target: `campaign:${c.id}`, after: record })
    return {
      id: record.id,
      campaignId: c.id,
      text: record.text,
      authorName: caller.user.nickname,
      householdName: household.headName,
      at: toIso(record.createdAt),
    }
  },

  async 'campaigns.objections'(ctx, input) {
    const c = await visibleCampaign(ctx, input.campaignId)
    const page = await ctx.store.campaigns.objections({
      campaignId: c.id,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return {
      items: page.items.map((o) => ({
        id: o.id,
        campaignId: o.campaignId,
        text: o.text,
        authorName: o.authorName,
        householdName: o.householdName,
        at: toIso(o.createdAt),
      })),
      nextCursor: encodeCursor(page.next),
    }
  },

  async 'campaigns.export'(ctx, input) {
    const c = await visibleCampaign(ctx, input.campaignId)
    const r = await results(ctx, c)
    const invalid: Parameters<typeof writeResultsXlsx>[2] = []
    let after
    do {
      const page = await ctx.store.campaigns.votes({ campaignId: c.id, after, limit: 500 })
      for (const v of page.items)
        if (v.invalidation)
          invalid.push({
            id: v.id,
            candidate: `${v.candidateNumber}号 ${v.candidateName}`,
            voter: v.voterName,
            reason: v.invalidation.reason,
            at: wallClock(v.invalidation.at),
          })
      after = page.next ?? undefined
    } while (after)
    const content = await writeResultsXlsx(c, r, invalid)
    return { fileName: `${c.title}-结果.xlsx`, content: content.toString('base64') }
  },
}
