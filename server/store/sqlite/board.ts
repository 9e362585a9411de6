import type {
  AppealRecord,
  AppealView,
  BoardEntryRecord,
  BoardEntryView,
  CriterionRecord,
  InspectionRecord,
  InspectionView,
  RoundRecord,
  RoundView,
  RubricView,
  ScoreRow,
  Store,
} from '../store'
import { houseSortKey } from '../../places/house-order.rules'
import { guardUnique } from './errors'
import { householdViewFrom } from './households'
import { insertSql, roundFrom, toParams } from './rows'
import { jsonList, keysetParams, likePattern, pageOf, type Row, type Sql } from './sql'

const str = (v: unknown) => String(v)
const num = (v: unknown) => Number(v)
const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v))

/** A round as its columns: a list chosen by count only keeps a placeholder threshold. */
export function roundParams(r: RoundRecord): Record<string, unknown> {
  return {
    id: r.id,
    month: r.month,
    title: r.title,
    rubric_id: r.rubricId,
    status: r.status,
    window_start: r.windowStart,
    window_end: r.windowEnd,
    scope: r.scope,
    red_threshold: r.redThreshold ?? 0,
    red_by_score: r.redThreshold === null ? 0 : 1,
    red_top_n: r.redTopN,
    black_threshold: r.blackThreshold ?? 0,
    black_by_score: r.blackThreshold === null ? 0 : 1,
    black_bottom_n: r.blackBottomN,
    publicity_days: r.publicityDays,
    rectification_days: r.rectificationDays,
    published_at: r.publishedAt,
    publicity_ends_at: r.publicityEndsAt,
    created_at: r.createdAt,
  }
}

/**
 * Writes one inspection version with its items (as entered) and photos. `deductedItems`
 * missing is written as -1 (never by the handlers or a snapshot import).
 */
export function insertInspection(
  sql: Sql,
  r: InspectionRecord,
  isLatest: boolean,
  reason: NonNullable<InspectionRecord['reason']>,
): void {
  const params = {
    id: r.id,
    round_id: r.roundId,
    household_id: r.householdId,
    inspector_id: r.inspectorId,
    version: r.version,
    total: r.total,
    created_at: r.createdAt,
    client_id: r.clientId ?? null,
    reason,
    deducted_items: r.deductedItems ?? -1,
    is_latest: Number(isLatest),
  }
  guardUnique(() => sql.prepare(insertSql('inspections', params)).run(params))
  r.items.forEach((item) => {
    const p = {
      inspection_id: r.id,
      criterion_id: item.criterionId,
      points: item.points,
      deductions: item.deductions,
      note: item.note,
    }
    sql.prepare(insertSql('inspection_items', p)).run(p)
  })
  ;(r.photos ?? []).forEach((photo, sort) => {
    const p = { inspection_id: r.id, sort, url: photo.url, taken_at: photo.takenAt }
    sql.prepare(insertSql('inspection_photos', p)).run(p)
  })
}

export function insertEntry(sql: Sql, e: BoardEntryRecord): void {
  const params = toParams(e)
  sql.prepare(insertSql('board_entries', params)).run(params)
}

export function insertAppeal(sql: Sql, a: AppealRecord): void {
  const { photos, ...rest } = a
  const params = { ...toParams(rest), photos_json: JSON.stringify(photos) }
  guardUnique(() => sql.prepare(insertSql('appeals', params)).run(params))
}

/** The household and place columns that score rows and list entries both carry. */
const householdFrom = (r: Row) => ({
  headName: str(r.head_name),
  houseNo: str(r.house_no),
  villageId: str(r.village_id),
  villageName: str(r.village_name),
  groupId: str(r.group_id),
  groupName: str(r.group_name),
  gridId: str(r.grid_id),
  villageSort: num(r.village_sort),
  groupSort: num(r.group_sort),
  showNameOnRed: r.show_name_on_red === 1,
})

const scoreFrom = (r: Row): ScoreRow => ({
  householdId: str(r.household_id),
  ...householdFrom(r),
  total: num(r.total),
  deductedItems: num(r.deducted_items),
})

const entryFrom = (r: Row): BoardEntryView => ({
  roundId: str(r.round_id),
  list: r.list as BoardEntryView['list'],
  householdId: str(r.household_id),
  position: num(r.position),
  unitKey: str(r.unit_key),
  unitName: str(r.unit_name),
  rank: num(r.rank),
  score: num(r.score),
  deductedItems: num(r.deducted_items),
  previousScore: optNum(r.previous_score),
  rectifiedAt: optNum(r.rectified_at),
  ...householdFrom(r),
})

const criterionFrom = (r: Row): CriterionRecord => ({
  id: str(r.id),
  rubricId: str(r.rubric_id),
  category: str(r.category),
  name: str(r.name),
  maxPoints: num(r.max_points),
  deductionPerItem: num(r.deduction_per_item),
  hint: str(r.hint),
  sort: num(r.sort),
})

const appealSelect = `SELECT a.*, u.nickname AS appellant_name, r.title AS round_title,
    h.id AS hh_id, h.village_id AS hh_village_id, h.group_id AS hh_group_id,
    h.grid_id AS hh_grid_id, h.head_name AS hh_head_name, h.house_no AS hh_house_no,
    h.size AS hh_size, h.phone AS hh_phone, h.show_name_on_red AS hh_show_name_on_red,
    h.created_at AS hh_created_at, v.name AS hh_village_name, g.name AS hh_group_name,
    gr.name AS hh_grid_name
  FROM appeals a JOIN users u ON u.id = a.user_id JOIN rounds r ON r.id = a.round_id
  JOIN households h ON h.id = a.household_id JOIN villages v ON v.id = h.village_id
  JOIN village_groups g ON g.id = h.group_id JOIN grids gr ON gr.id = h.grid_id`

const appealFrom = (r: Row): AppealView => ({
  id: str(r.id),
  roundId: str(r.round_id),
  householdId: str(r.household_id),
  userId: str(r.user_id),
  text: str(r.text),
  photos: JSON.parse(str(r.photos_json)) as AppealRecord['photos'],
  status: r.status as AppealRecord['status'],
  scoreBefore: num(r.score_before),
  scoreAfter: optNum(r.score_after),
  inspectionId: optStr(r.inspection_id),
  reason: optStr(r.reason),
  decidedBy: optStr(r.decided_by),
  decidedAt: optNum(r.decided_at),
  createdAt: num(r.created_at),
  household: householdViewFrom(r, 'hh_'),
  appellantName: str(r.appellant_name),
  roundTitle: str(r.round_title),
})

const roundSelect = `SELECT r.*, b.version AS rubric_version FROM rounds r
  JOIN rubrics b ON b.id = r.rubric_id`

const roundViewFrom = (r: Row): RoundView => ({
  ...roundFrom(r),
  rubricVersion: num(r.rubric_version),
})

const entrySelect = `SELECT e.*, h.head_name, h.house_no, h.village_id, v.name AS village_name,
    h.group_id, g.name AS group_name, h.grid_id, h.show_name_on_red, v.sort AS village_sort,
    g.sort AS group_sort
  FROM board_entries e JOIN households h ON h.id = e.household_id
  JOIN villages v ON v.id = h.village_id JOIN village_groups g ON g.id = h.group_id`

export function boardRepo(sql: Sql): Store['board'] {
  const { one, all, prepare, tx } = sql

  const criteriaOf = (rubricId: string) =>
    all('SELECT * FROM criteria WHERE rubric_id = @rubricId ORDER BY sort, id', { rubricId }).map(
      criterionFrom,
    )
  const rubricFrom = (r: Row): RubricView => ({
    id: str(r.id),
    version: num(r.version),
    name: str(r.name),
    createdAt: num(r.created_at),
    criteria: criteriaOf(str(r.id)),
  })

  const inspectionsWhere = (where: string, params: object): InspectionView[] =>
    all(
      `SELECT i.*, u.nickname AS inspector_name FROM inspections i
       JOIN users u ON u.id = i.inspector_id WHERE ${where} ORDER BY i.version DESC`,
      params,
    ).map((r) => {
      const id = str(r.id)
      return {
        id,
        roundId: str(r.round_id),
        householdId: str(r.household_id),
        inspectorId: str(r.inspector_id),
        inspectorName: str(r.inspector_name),
        version: num(r.version),
        total: num(r.total),
        createdAt: num(r.created_at),
        deductedItems: num(r.deducted_items),
        reason: r.reason as InspectionView['reason'],
        clientId: optStr(r.client_id),
        items: all(
          `SELECT ii.* FROM inspection_items ii JOIN criteria c ON c.id = ii.criterion_id
           WHERE ii.inspection_id = @id ORDER BY c.sort, c.id`,
          { id },
        ).map((it) => ({
          criterionId: str(it.criterion_id),
          points: it.points === null ? null : num(it.points),
          deductions: num(it.deductions),
          note: str(it.note),
        })),
        photos: all('SELECT * FROM inspection_photos WHERE inspection_id = @id ORDER BY sort', {
          id,
        }).map((p) => ({ url: str(p.url), takenAt: num(p.taken_at) })),
      }
    })

  /** Adds the next version in the caller's transaction; returns its id. */
  const addVersion = (
    r: Omit<InspectionRecord, 'version' | 'reason'>,
    appeal: boolean,
  ): InspectionView => {
    const latest = one(
      `SELECT version FROM inspections WHERE round_id = @roundId AND household_id = @householdId
         AND is_latest = 1`,
      { roundId: r.roundId, householdId: r.householdId },
    )
    const version = latest ? num(latest.version) + 1 : 1
    prepare(
      `UPDATE inspections SET is_latest = 0 WHERE round_id = @roundId
         AND household_id = @householdId AND is_latest = 1`,
    ).run({ roundId: r.roundId, householdId: r.householdId })
    insertInspection(
      sql,
      { ...r, version },
      true,
      appeal ? 'appeal' : version === 1 ? 'first' : 'reinspect',
    )
    return inspectionsWhere('i.id = @id', { id: r.id })[0] as InspectionView
  }

  const replaceEntries = (roundId: string, entries: BoardEntryRecord[]) => {
    // 已整改 marks survive a recomputation: the household did put things right.
    const rectified = new Map(
      all(
        `SELECT household_id, rectified_at FROM board_entries
         WHERE round_id = @roundId AND rectified_at IS NOT NULL`,
        { roundId },
      ).map((r) => [str(r.household_id), num(r.rectified_at)]),
    )
    prepare('DELETE FROM board_entries WHERE round_id = @roundId').run({ roundId })
    for (const e of entries) {
      insertEntry(sql, {
        ...e,
        rectifiedAt: e.list === 'black' ? (rectified.get(e.householdId) ?? null) : null,
      })
    }
  }

  return {
    async rounds(q) {
      const rows = all(
        `${roundSelect} WHERE (@publishedOnly = 0 OR r.status = 'published')
           AND (@afterAt IS NULL OR r.window_start < @afterAt
                OR (r.window_start = @afterAt AND r.id < @afterId))
         ORDER BY r.window_start DESC, r.id DESC LIMIT @take`,
        { publishedOnly: Number(q.publishedOnly), ...keysetParams(q.after, q.limit) },
      ).map(roundViewFrom)
      return pageOf(rows, q.limit, (r) => ({ at: r.windowStart, id: r.id }))
    },
    async round(id) {
      const r = one(`${roundSelect} WHERE r.id = @id`, { id })
      return r ? roundViewFrom(r) : null
    },
    async previousRound(id) {
      const r = one(
        `${roundSelect} JOIN rounds cur ON cur.id = @id
         WHERE r.window_start < cur.window_start ORDER BY r.window_start DESC, r.id DESC LIMIT 1`,
        { id },
      )
      return r ? roundViewFrom(r) : null
    },
    async createRound(round) {
      const params = roundParams(round)
      guardUnique(() => prepare(insertSql('rounds', params)).run(params))
    },
    async publish(roundId, at, entries) {
      return tx(() => {
        const changed = prepare(
          `UPDATE rounds SET status = 'published', published_at = @publishedAt,
             publicity_ends_at = @publicityEndsAt WHERE id = @roundId AND status = 'open'`,
        ).run({ roundId, ...at }).changes
        if (changed === 0) return false
        replaceEntries(roundId, entries)
        return true
      })
    },
    async withdraw(roundId, publishedAt) {
      return tx(() => {
        const changed = prepare(
          `UPDATE rounds SET status = 'open', published_at = NULL, publicity_ends_at = NULL
           WHERE id = @roundId AND status = 'published' AND published_at = @publishedAt`,
        ).run({ roundId, publishedAt }).changes
        if (changed === 0) return false
        prepare('DELETE FROM board_entries WHERE round_id = @roundId').run({ roundId })
        return true
      })
    },
    async entries(q) {
      return all(
        `${entrySelect} WHERE e.round_id = @roundId AND (@list IS NULL OR e.list = @list)
           AND (@villageId IS NULL OR h.village_id = @villageId)
           AND (@householdId IS NULL OR e.household_id = @householdId)
         ORDER BY e.list, e.position`,
        {
          roundId: q.roundId,
          list: q.list ?? null,
          villageId: q.villageId ?? null,
          householdId: q.householdId ?? null,
        },
      ).map(entryFrom)
    },
    async markRectified(roundId, householdId, at) {
      return (
        prepare(
          `UPDATE board_entries SET rectified_at = @at WHERE round_id = @roundId
             AND household_id = @householdId AND list = 'black' AND rectified_at IS NULL`,
        ).run({ roundId, householdId, at }).changes > 0
      )
    },
    async scores(roundId, villageId) {
      return all(
        `SELECT h.id AS household_id, h.head_name, h.house_no, h.village_id, v.name AS village_name,
           h.group_id, g.name AS group_name, h.grid_id, h.show_name_on_red, i.total, i.deducted_items,
           v.sort AS village_sort, g.sort AS group_sort
         FROM inspections i
         JOIN households h ON h.id = i.household_id
         JOIN villages v ON v.id = h.village_id
         JOIN village_groups g ON g.id = h.group_id
         WHERE i.round_id = @roundId AND i.is_latest = 1
           AND (@villageId IS NULL OR h.village_id = @villageId)`,
        { roundId, villageId: villageId ?? null },
      ).map(scoreFrom)
    },
    async roundItems(roundId) {
      return all(
        `SELECT i.household_id, ii.criterion_id, ii.points, ii.deductions, ii.note
         FROM inspections i JOIN inspection_items ii ON ii.inspection_id = i.id
         WHERE i.round_id = @roundId AND i.is_latest = 1`,
        { roundId },
      ).map((r) => ({
        householdId: str(r.household_id),
        criterionId: str(r.criterion_id),
        points: r.points === null ? null : num(r.points),
        deductions: num(r.deductions),
        note: str(r.note),
      }))
    },
    async rubric(id) {
      const r = one('SELECT * FROM rubrics WHERE id = @id', { id })
      return r ? rubricFrom(r) : null
    },
    async currentRubric() {
      const r = one('SELECT * FROM rubrics ORDER BY version DESC LIMIT 1')
      return r ? rubricFrom(r) : null
    },
    async rubrics(q) {
      const rows = all(
        `SELECT * FROM rubrics WHERE (@afterAt IS NULL OR version < @afterAt)
         ORDER BY version DESC LIMIT @take`,
        keysetParams(q.after, q.limit),
      ).map(rubricFrom)
      return pageOf(rows, q.limit, (r) => ({ at: r.version, id: r.id }))
    },
    async saveRubric(rubric, criteria) {
      return tx(() => {
        const last = one('SELECT MAX(version) AS v FROM rubrics')
        const version = (optNum(last?.v) ?? 0) + 1
        const params = toParams({ ...rubric, version })
        guardUnique(() => prepare(insertSql('rubrics', params)).run(params))
        for (const c of criteria) {
          const p = toParams({ ...c, rubricId: rubric.id })
          prepare(insertSql('criteria', p)).run(p)
        }
        return rubricFrom(one('SELECT * FROM rubrics WHERE id = @id', { id: rubric.id }) as Row)
      })
    },
    async inspectables(q) {
      const scope = {
        grids: jsonList(q.gridIds),
        roundId: q.roundId,
      }
      const filters = {
        ...scope,
        keyword: q.keyword ? likePattern(q.keyword) : null,
        groupId: q.groupId ?? null,
        done: q.done === undefined ? null : Number(q.done),
      }
      const rows = all(
        `SELECT h.id, h.head_name, h.house_no, v.name AS village_name, h.group_id,
           g.name AS group_name, i.total, i.version
         FROM households h JOIN villages v ON v.id = h.village_id
         JOIN village_groups g ON g.id = h.group_id
         LEFT JOIN inspections i ON i.household_id = h.id AND i.round_id = @roundId
           AND i.is_latest = 1
         WHERE (@grids IS NULL OR h.grid_id IN (SELECT value FROM json_each(@grids)))
           AND (@groupId IS NULL OR h.group_id = @groupId)
           AND (@keyword IS NULL OR h.head_name LIKE @keyword ESCAPE '\\'
                OR h.house_no LIKE @keyword ESCAPE '\\')
           AND (@done IS NULL OR (i.id IS NOT NULL) = @done)
           AND (@afterAt IS NULL OR h.house_sort > @afterAt
                OR (h.house_sort = @afterAt AND h.id > @afterId))
         ORDER BY h.house_sort, h.id LIMIT @take`,
        { ...filters, ...keysetParams(q.after, q.limit) },
      ).map((r) => ({
        householdId: str(r.id),
        headName: str(r.head_name),
        houseNo: str(r.house_no),
        villageName: str(r.village_name),
        groupId: str(r.group_id),
        groupName: str(r.group_name),
        total: optNum(r.total),
        version: optNum(r.version),
      }))
      const counts = one(
        `SELECT COUNT(*) AS total, COUNT(i.id) AS done FROM households h
         LEFT JOIN inspections i ON i.household_id = h.id AND i.round_id = @roundId
           AND i.is_latest = 1
         WHERE (@grids IS NULL OR h.grid_id IN (SELECT value FROM json_each(@grids)))`,
        scope,
      )
      const groups = all(
        `SELECT g.id, g.name, v.name AS village_name FROM village_groups g
         JOIN villages v ON v.id = g.village_id
         WHERE g.archived_at IS NULL AND EXISTS (SELECT 1 FROM households h WHERE h.group_id = g.id
           AND (@grids IS NULL OR h.grid_id IN (SELECT value FROM json_each(@grids))))
         ORDER BY v.sort, v.id, g.sort, g.id`,
        { grids: scope.grids },
      ).map((g) => ({ id: str(g.id), name: str(g.name), villageName: str(g.village_name) }))
      return {
        ...pageOf(rows, q.limit, (r) => ({ at: houseSortKey(r.houseNo), id: r.householdId })),
        total: num(counts?.total),
        doneCount: num(counts?.done),
        groups,
      }
    },
    async inspections(roundId, householdId) {
      return inspectionsWhere('i.round_id = @roundId AND i.household_id = @householdId', {
        roundId,
        householdId,
      })
    },
    async byClientId(clientId) {
      return inspectionsWhere('i.client_id = @clientId', { clientId })[0] ?? null
    },
    async addInspection(inspection) {
      const { reason, ...rest } = inspection
      return tx(() => addVersion(rest, reason === 'appeal'))
    },
    async createAppeal(appeal) {
      insertAppeal(sql, appeal)
    },
    async appeal(id) {
      const r = one(`${appealSelect} WHERE a.id = @id`, { id })
      return r ? appealFrom(r) : null
    },
    async appeals(q) {
      const order =
        q.status === 'pending'
          ? { key: 'a.created_at', dir: 'ASC', cmp: '>' }
          : q.status === 'decided'
            ? { key: 'a.decided_at', dir: 'DESC', cmp: '<' }
            : { key: 'a.created_at', dir: 'DESC', cmp: '<' }
      const rows = all(
        `${appealSelect}
         WHERE (@grids IS NULL OR h.grid_id IN (SELECT value FROM json_each(@grids)))
           AND (@status IS NULL OR (@status = 'pending') = (a.status = 'pending'))
           AND (@roundId IS NULL OR a.round_id = @roundId)
           AND (@householdId IS NULL OR a.household_id = @householdId)
           AND (@afterAt IS NULL OR ${order.key} ${order.cmp} @afterAt
                OR (${order.key} = @afterAt AND a.id ${order.cmp} @afterId))
         ORDER BY ${order.key} ${order.dir}, a.id ${order.dir} LIMIT @take`,
        {
          grids: jsonList(q.gridIds),
          status: q.status ?? null,
          roundId: q.roundId ?? null,
          householdId: q.householdId ?? null,
          ...keysetParams(q.after, q.limit),
        },
      ).map(appealFrom)
      return pageOf(rows, q.limit, (a) => ({
        at: q.status === 'decided' ? (a.decidedAt ?? 0) : a.createdAt,
        id: a.id,
      }))
    },
    async rejectAppeal(id, decision) {
      return (
        prepare(
          `UPDATE appeals SET status = 'rejected', reason = @reason, decided_by = @by,
             decided_at = @at WHERE id = @id AND status = 'pending'`,
        ).run({ id, ...decision }).changes > 0
      )
    },
    async reinspectAppeal(id, inspection, decision, entries) {
      return tx(() => {
        const changed = prepare(
          `UPDATE appeals SET status = 'reinspected', score_after = @total,
             inspection_id = @inspectionId, decided_by = @by, decided_at = @at
           WHERE id = @id AND status = 'pending'`,
        )
        const pending = one(`SELECT id FROM appeals WHERE id = @id AND status = 'pending'`, { id })
        if (!pending) return null
        const saved = addVersion(inspection, true)
        changed.run({ id, total: saved.total, inspectionId: saved.id, ...decision })
        if (entries) replaceEntries(inspection.roundId, entries)
        return saved
      })
    },
    async history(householdId, q) {
      const rows = all(
        `SELECT r.id, r.month, r.title, r.window_start, i.total,
           (SELECT e.list FROM board_entries e WHERE e.round_id = r.id
              AND e.household_id = i.household_id AND e.list IN ('red', 'black')) AS list,
           (SELECT e.rectified_at FROM board_entries e WHERE e.round_id = r.id
              AND e.household_id = i.household_id AND e.list = 'black') AS rectified_at
         FROM inspections i JOIN rounds r ON r.id = i.round_id
         WHERE i.household_id = @householdId AND i.is_latest = 1 AND r.status = 'published'
           AND (@afterAt IS NULL OR r.window_start > @afterAt
                OR (r.window_start = @afterAt AND r.id > @afterId))
         ORDER BY r.window_start, r.id LIMIT @take`,
        { householdId, ...keysetParams(q.after, q.limit) },
      ).map((r) => ({
        roundId: str(r.id),
        month: str(r.month),
        title: str(r.title),
        windowStart: num(r.window_start),
        score: num(r.total),
        list: r.list === 'red' ? ('red' as const) : r.list === 'black' ? ('black' as const) : null,
        rectified: r.rectified_at !== null && r.rectified_at !== undefined,
      }))
      return pageOf(rows, q.limit, (r) => ({ at: r.windowStart, id: r.roundId }))
    },
    async consent(householdId) {
      const r = one(
        `SELECT h.show_name_on_red, h.consent_by, h.consent_at, u.nickname
         FROM households h LEFT JOIN users u ON u.id = h.consent_by WHERE h.id = @householdId`,
        { householdId },
      )
      if (!r) return null
      return {
        showNameOnRed: r.show_name_on_red === 1,
        setBy: optStr(r.consent_by),
        setByName: optStr(r.nickname),
        setAt: r.consent_at === null ? null : num(r.consent_at),
      }
    },
    async setShowNameOnRed(householdId, show, by) {
      prepare(
        `UPDATE households SET show_name_on_red = @show, consent_by = @userId, consent_at = @at
         WHERE id = @householdId`,
      ).run({ householdId, show: Number(show), userId: by.userId, at: by.at })
    },
  }
}
