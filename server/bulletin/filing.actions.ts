// 信息报送考核 (admins): each village's notices a month, adoption by higher-level media, the
// score and the minimum; the rules themselves are in filing.rules.ts.
import { monthLabel, type FilingSettings, type FilingTable } from '../../contract/filing'
import { shanghaiMonth } from '../../contract/time'
import type { ActionContext, HandlersFor } from '../context'
import { notFound } from '../errors'
import { loadXlsx } from '../lazy/load'
import { toIso, toIsoOrNull } from '../shared/time'
import { FILING_SETTINGS_KEY, filingRows, monthRange, parseFilingSettings } from './filing.rules'

async function readSettings(ctx: ActionContext): Promise<FilingSettings> {
  return parseFilingSettings(await ctx.store.settings.get(FILING_SETTINGS_KEY))
}

async function table(ctx: ActionContext, month: string): Promise<FilingTable> {
  const settings = await readSettings(ctx)
  const { from, to } = monthRange(month)
  const counts = await ctx.store.filing.villageCounts({ from, to, now: ctx.now })
  const byVillage = new Map(counts.map((c) => [c.villageId, c]))
  // Archived villages drop out of the table unless they still filed something that month.
  const villages = (await ctx.store.places.villages()).filter(
    (v) => v.archivedAt === null || byVillage.has(v.id),
  )
  return { month, ...settings, rows: filingRows(villages, byVillage, settings) }
}

const COLUMNS = [
  { header: '村', key: 'village', width: 16 },
  { header: '发布数', key: 'count', width: 10 },
  { header: '被采用', key: 'adopted', width: 10 },
  { header: '得分', key: 'score', width: 10 },
  { header: '达标情况', key: 'status', width: 12 },
]

async function writeFilingXlsx(filed: FilingTable): Promise<Buffer> {
  const { newWorkbook, tableSheet, writeXlsx } = await loadXlsx()
  const workbook = newWorkbook()
  const sheet = tableSheet(workbook, `信息报送-${filed.month}`, COLUMNS)
  for (const row of filed.rows) {
    sheet.addRow({
      village: row.village.name,
      count: row.count,
      adopted: row.adopted,
      score: row.score,
      status: row.belowMinimum ? '未达标' : '达标',
    })
  }
  return writeXlsx(workbook)
}

export const filingHandlers: HandlersFor<
  | 'filing.table'
  | 'filing.notices'
  | 'filing.settings'
  | 'filing.setSettings'
  | 'filing.export'
  | 'notices.setAdopted'
> = {
  async 'filing.table'(ctx, input) {
    return table(ctx, input.month ?? shanghaiMonth(ctx.now))
  },

  async 'filing.notices'(ctx, input) {
    const { from, to } = monthRange(input.month)
    const rows = await ctx.store.filing.villageNotices({
      villageId: input.villageId,
      from,
      to,
      now: ctx.now,
    })
    return rows.map((n) => ({
      id: n.id,
      title: n.title,
      publishAt: toIso(n.publishAt),
      adopted: n.adoptedAt !== null,
    }))
  },

  async 'filing.settings'(ctx) {
    return readSettings(ctx)
  },

  async 'filing.setSettings'(ctx, input) {
    const before = await readSettings(ctx)
    const after: FilingSettings = {
      minimum: input.minimum,
      countWeight: input.countWeight,
      adoptedWeight: input.adoptedWeight,
    }
    await ctx.store.settings.set(FILING_SETTINGS_KEY, JSON.stringify(after))
    ctx.audit({ target: `setting:${FILING_SETTINGS_KEY}`, before, after })
    return after
  },

  async 'filing.export'(ctx, input) {
    const content = await writeFilingXlsx(await table(ctx, input.month))
    return {
      fileName: `信息报送-${monthLabel(input.month)}.xlsx`,
      content: content.toString('base64'),
    }
  },

  async 'notices.setAdopted'(ctx, input) {
    const notice = await ctx.store.filing.adoption(input.id)
    // Only a notice that is public now can have been taken up by higher-level media.
    if (!notice || notice.status !== 'published' || notice.publishAt > ctx.now) {
      throw notFound('这条公告')
    }
    const adoptedAt = input.adopted ? (notice.adoptedAt ?? ctx.now) : null
    if (adoptedAt !== notice.adoptedAt) {
      await ctx.store.filing.setAdopted(
        input.id,
        adoptedAt,
        adoptedAt === null ? null : (ctx.caller?.user.id ?? null),
      )
    }
    ctx.audit({
      target: `notice:${input.id}`,
      before: { adoptedAt: toIsoOrNull(notice.adoptedAt) },
      after: { adoptedAt: toIsoOrNull(adoptedAt) },
    })
    return { id: input.id, adopted: input.adopted }
  },
}
