// Roster import and export for admins. The same steps serve the API and the command line
// (scripts/roster-import.ts): read the file, plan against the store, then apply in one go.
import type { RosterReport } from '../../contract/places'
import { shanghaiDay } from '../../contract/time'
import type { AuditNote, HandlersFor } from '../context'
import { AppError, notFound } from '../errors'
import { UniqueViolation, type RosterPlan, type Store } from '../store/store'
import { issuePlates } from '../doorplate/doorplate.actions'
import { loadXlsx } from '../lazy/load'
import type { RosterFile } from './roster.file'
import { checkRows } from './roster-rows.rules'

/** A planned import: the report to show and the writes it stands for. */
export interface RosterImport {
  report: RosterReport
  plan: RosterPlan
}

/** The most bad rows a refused commit lists in its error details; a preview lists them all. */
const MAX_LISTED_ERRORS = 100

/** Reads a roster file and plans its import against the store; nothing is written. */
export async function planRosterImport(
  store: Store,
  file: { fileName: string; content: Buffer },
  now: number,
  newVillages: readonly string[] = [],
): Promise<RosterImport> {
  let parsed: RosterFile
  const { readRosterFile, UnreadableRosterFile, confirmationProblem, namesNotInTown, planRoster } =
    await loadXlsx()
  try {
    parsed = await readRosterFile(file.content, file.fileName)
  } catch (error) {
    if (error instanceof UnreadableRosterFile) {
      throw new AppError('BAD_INPUT', error.reason, {
        fields: [{ path: 'content', message: error.reason }],
      })
    }
    throw error
  }
  const empty: RosterPlan = { villages: [], groups: [], grids: [], create: [], update: [] }
  const base = { fileName: file.fileName, committed: false }
  if (parsed.errors.length > 0) {
    return {
      report: {
        ...base,
        rows: 0,
        create: 0,
        update: 0,
        unchanged: 0,
        villagesToCreate: [],
        unknownVillages: [],
        groupsToCreate: [],
        changes: [],
        errors: parsed.errors,
      },
      plan: empty,
    }
  }
  // Only the households the rows name (by 村 and 门牌号): the plan looks nothing else up.
  const [places, entries] = await Promise.all([
    store.places.tree(),
    store.roster.entries(
      undefined,
      checkRows(parsed.rows).good.map(({ entry }) => ({
        villageName: entry.villageName,
        houseNo: entry.houseNo,
      })),
    ),
  ])
  // The confirmed new villages must be exactly names this file brings that the town lacks.
  const problem = confirmationProblem(
    newVillages,
    namesNotInTown(
      parsed.rows,
      places.map((p) => p.village.name),
    ),
  )
  if (problem)
    throw new AppError('BAD_INPUT', problem, {
      fields: [{ path: 'newVillages', message: problem }],
    })
  const { plan, counts } = planRoster(parsed.rows, { places, entries }, { now, newVillages })
  return { report: { ...base, ...counts }, plan }
}

/**
 * Applies a planned import, or refuses the whole file while any row is bad: a half-imported
 * roster is harder to put right than one fixed in Excel and uploaded again.
 */
export async function commitRosterImport(
  store: Store,
  planned: RosterImport,
): Promise<RosterReport> {
  const { report, plan } = planned
  const fields = report.errors
    .slice(0, MAX_LISTED_ERRORS)
    .map((e) => ({ path: `第 ${e.line} 行`, message: e.message }))
  const [first] = report.errors
  // With no data rows read, the problem is the file itself (its header), not a row.
  if (first && report.rows === 0) throw new AppError('BAD_INPUT', first.message, { fields })
  if (first) {
    throw new AppError('BAD_INPUT', `有 ${report.errors.length} 行数据有误，请修改后重新上传`, {
      fields,
    })
  }
  try {
    await store.roster.apply(plan)
  } catch (error) {
    if (error instanceof UniqueViolation) {
      throw new AppError('CONFLICT', '导入期间花名册已被修改（可能有人同时在导入），请重新上传')
    }
    throw error
  }
  // New households get their doorplates at once (the timer would find them later anyway).
  const [created] = plan.create
  if (created)
    await issuePlates(
      { store },
      plan.create.map((h) => h.id),
      created.createdAt,
    )
  return { ...report, committed: true }
}

/** What the audit log keeps of an import: counts and place names, no personal data. */
export function rosterAuditNote(planned: RosterImport): AuditNote & { target: string } {
  const { report, plan } = planned
  return {
    target: `roster:${report.fileName}`,
    after: {
      rows: report.rows,
      create: report.create,
      update: report.update,
      unchanged: report.unchanged,
      villagesToCreate: report.villagesToCreate,
      groupsToCreate: report.groupsToCreate,
      gridsToCreate: plan.grids.map((g) => g.name),
    },
  }
}

// Characters Windows and WeChat refuse in a file name.
const safeFileName = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_')

export const rosterHandlers: HandlersFor<'roster.preview' | 'roster.commit' | 'roster.export'> = {
  async 'roster.preview'(ctx, input) {
    const file = { fileName: input.fileName, content: Buffer.from(input.content, 'base64') }
    return (await planRosterImport(ctx.store, file, ctx.now, input.newVillages)).report
  },

  async 'roster.commit'(ctx, input) {
    const file = { fileName: input.fileName, content: Buffer.from(input.content, 'base64') }
    const planned = await planRosterImport(ctx.store, file, ctx.now, input.newVillages)
    const report = await commitRosterImport(ctx.store, planned)
    // Always one note of our own: the router's default would log the whole file's base64.
    ctx.audit(rosterAuditNote(planned))
    return report
  },

  async 'roster.export'(ctx, input) {
    let scope = '全镇'
    if (input.villageId) {
      const village = (await ctx.store.places.villages()).find((v) => v.id === input.villageId)
      if (!village) throw notFound('该村')
      scope = village.name
    }
    const { exportOrder, writeRosterXlsx } = await loadXlsx()
    const entries = exportOrder(await ctx.store.roster.entries(input.villageId))
    const content = writeRosterXlsx(entries)
    return {
      fileName: `花名册-${safeFileName(scope)}-${shanghaiDay(ctx.now)}.xlsx`,
      content: content.toString('base64'),
    }
  },
}
