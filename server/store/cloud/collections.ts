// The cloud database's collections (one per aggregate) and the indexes each needs: the single
// list the future cloud Store adapter, the index-apply step and the security rules
// (cloudfunctions/database-rules.json, checked by a test) all read.
//
// What the cloud database can and cannot promise, and so how uniqueness is kept:
// - `_id` is always unique: where a rule says "one per …" the record gets a deterministic `_id`
//   (noted in `id` below) and a second add fails with a duplicate key, atomically.
// - a unique index over plain fields works, but it has no partial or sparse form: a missing or
//   null field counts as one value, so a nullable or status-dependent key (a village's optional
//   code, a candidate number given on approval, one *pending* binding per user) is guarded by a
//   document in `unique_keys` written in the same transaction as the record it guards.
// Indexes: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/performance-optimization.html

export interface CloudIndex {
  /** Index name as created in the console (or by the index-apply step). */
  name: string
  /** Fields in order; 'desc' where a list reads newest first. */
  keys: readonly (readonly [field: string, direction: 'asc' | 'desc'])[]
  unique?: boolean
}

export interface CloudCollection {
  name: string
  /** How a document's `_id` is chosen. */
  id: string
  indexes: readonly CloudIndex[]
}

const asc = (field: string) => [field, 'asc'] as const
const desc = (field: string) => [field, 'desc'] as const

export const cloudCollections = [
  {
    name: 'users',
    id: 'the user id',
    indexes: [
      { name: 'openid', keys: [asc('openid')], unique: true },
      { name: 'staff', keys: [asc('staffRole'), asc('nickname')] },
      { name: 'newest', keys: [desc('createdAt'), desc('_id')] },
    ],
  },
  {
    name: 'villages',
    id: 'the village id',
    indexes: [{ name: 'order', keys: [asc('sort'), asc('_id')] }],
  },
  {
    name: 'groups',
    id: 'the group id',
    indexes: [{ name: 'name', keys: [asc('villageId'), asc('name')], unique: true }],
  },
  {
    name: 'grids',
    id: 'the grid id',
    indexes: [{ name: 'name', keys: [asc('villageId'), asc('name')], unique: true }],
  },
  {
    name: 'grid_workers',
    id: '`${gridId}:${userId}`: a worker is assigned to a grid once',
    indexes: [
      { name: 'user', keys: [asc('userId')] },
      { name: 'grid', keys: [asc('gridId')] },
    ],
  },
  {
    name: 'households',
    id: 'the household id; houseSort is the walking-order key of houseNo (house-order.rules.ts)',
    indexes: [
      { name: 'house', keys: [asc('villageId'), asc('houseNo')], unique: true },
      { name: 'walk', keys: [asc('houseSort'), asc('_id')] },
      { name: 'village_walk', keys: [asc('villageId'), asc('houseSort'), asc('_id')] },
      { name: 'grid', keys: [asc('gridId'), asc('houseSort'), asc('_id')] },
      { name: 'group', keys: [asc('groupId'), asc('houseSort')] },
      // Documents written before houseSort existed, found and filled by the timer.
      { name: 'unsorted', keys: [asc('houseSort')] },
      { name: 'head', keys: [asc('villageId'), asc('headName')] },
    ],
  },
  {
    name: 'broadcast_scripts',
    id: 'the notice id: one 广播稿 per notice',
    indexes: [],
  },
  {
    name: 'broadcast_plays',
    id: '`bc:${villageId}:${day}:${noticeId}`: a notice is scheduled once a day in a village',
    indexes: [
      { name: 'village_day', keys: [asc('villageId'), asc('day'), asc('_id')] },
      { name: 'day', keys: [asc('day')] },
    ],
  },
  {
    name: 'doorplates',
    id: 'the household id: one plate per household',
    indexes: [{ name: 'code', keys: [asc('code')], unique: true }],
  },
  {
    name: 'bindings',
    id: 'the binding id (one open binding per user: unique_keys `binding:${userId}`)',
    indexes: [
      { name: 'user', keys: [asc('userId'), asc('status'), desc('createdAt')] },
      { name: 'household', keys: [asc('householdId'), asc('status')] },
      { name: 'pending', keys: [asc('status'), asc('createdAt'), asc('_id')] },
    ],
  },
  {
    name: 'invites',
    id: 'the invite code',
    indexes: [{ name: 'household', keys: [asc('householdId'), desc('createdAt')] }],
  },
  {
    name: 'columns',
    id: 'the column id',
    indexes: [
      { name: 'name', keys: [asc('name')], unique: true },
      { name: 'order', keys: [asc('sort'), asc('_id')] },
    ],
  },
  {
    name: 'column_sort',
    id: "'next': one document, the sort the next created column gets (taken in a transaction)",
    indexes: [],
  },
  {
    name: 'notices',
    id: 'the notice id; village links are its `villageIds` array',
    indexes: [
      { name: 'feed', keys: [asc('status'), desc('publishAt'), desc('_id')] },
      { name: 'village_feed', keys: [asc('villageIds'), asc('status'), desc('publishAt')] },
      { name: 'column_feed', keys: [asc('columnId'), asc('status'), desc('publishAt')] },
      { name: 'author', keys: [asc('authorId'), desc('updatedAt'), desc('_id')] },
      { name: 'updated', keys: [desc('updatedAt'), desc('_id')] },
    ],
  },
  {
    name: 'notice_reads',
    id: '`${noticeId}:${householdId}`: the first read counts, later ones are duplicates',
    indexes: [{ name: 'notice', keys: [asc('noticeId'), asc('householdId')] }],
  },
  {
    name: 'media',
    id: 'the media id',
    indexes: [
      { name: 'owner', keys: [asc('ownerId'), desc('createdAt')] },
      // The image check's verdict event names only its trace_id.
      { name: 'trace', keys: [asc('traceId'), asc('status')] },
      // The sweep: files no record has used, oldest first.
      { name: 'unused', keys: [asc('unused'), asc('createdAt')] },
      // The admin's queue of pictures and videos held for a decision.
      { name: 'held', keys: [asc('status'), desc('createdAt')] },
    ],
  },
  { name: 'settings', id: 'the setting key', indexes: [] },
  {
    name: 'rubrics',
    id: 'the rubric id',
    indexes: [{ name: 'version', keys: [asc('version')], unique: true }],
  },
  {
    name: 'criteria',
    id: 'the criterion id',
    indexes: [{ name: 'rubric', keys: [asc('rubricId'), asc('sort')] }],
  },
  {
    name: 'rounds',
    id: 'the round id; `generation` names the board_entries readers read',
    indexes: [
      { name: 'month', keys: [asc('month')], unique: true },
      { name: 'list', keys: [asc('status'), desc('windowStart'), desc('_id')] },
      { name: 'window', keys: [desc('windowStart'), desc('_id')] },
    ],
  },
  {
    name: 'inspections',
    id: '`${roundId}:${householdId}:${version}`: one inspection per household, round and version; items embedded (clientId once: unique_keys `inspection-client:${clientId}`)',
    indexes: [
      { name: 'round', keys: [asc('roundId'), asc('householdId'), desc('version')] },
      { name: 'household', keys: [asc('householdId'), desc('createdAt')] },
      { name: 'client', keys: [asc('clientId')] },
      // users.update copies a new nickname onto the inspector's versions.
      { name: 'inspector', keys: [asc('inspectorId')] },
    ],
  },
  {
    name: 'inspection_current',
    id: '`${roundId}:${householdId}`: the latest version of a household in a round, moved with each new version',
    indexes: [
      { name: 'round', keys: [asc('roundId'), asc('_id')] },
      { name: 'household', keys: [asc('householdId')] },
      // A village's scores (ranking's summary) and a grid's (the walk list) in one query; the
      // villages overview groups a round's scores by village (board-rounds villageScores).
      { name: 'village', keys: [asc('roundId'), asc('villageId'), asc('_id')] },
      { name: 'grid', keys: [asc('roundId'), asc('gridId'), asc('_id')] },
    ],
  },
  {
    name: 'board_entries',
    id: '`${roundId}:${generation}:${list}:${householdId}`: a frozen list line of one generation of the lists, carrying what it shows (village, group, grid, names, consent)',
    indexes: [
      // A generation's lines in list order; the villages overview groups its red and black
      // lines by village (board-rounds villageLines).
      {
        name: 'order',
        keys: [asc('roundId'), asc('generation'), asc('list'), asc('position'), asc('_id')],
      },
      // A village's lines (ranking, list): one query by round + generation + village.
      {
        name: 'village',
        keys: [
          asc('roundId'),
          asc('generation'),
          asc('villageId'),
          asc('list'),
          asc('position'),
          asc('_id'),
        ],
      },
      { name: 'household', keys: [asc('householdId'), asc('roundId')] },
      // A village's or group's rename is copied onto its lines.
      { name: 'in-village', keys: [asc('villageId')] },
      { name: 'in-group', keys: [asc('groupId')] },
    ],
  },
  {
    name: 'board_jobs',
    id: '`${jobId}:${seq}`: the scores a publish job collected, one document per page (board-publish-job.ts); removed when the lists are published',
    indexes: [{ name: 'job', keys: [asc('jobId'), asc('seq')] }],
  },
  {
    name: 'appeals',
    id: 'the appeal id (one pending per round and household: unique_keys `appeal-pending:${roundId}:${householdId}`); carries `appellantName` and `roundTitle` (board-appeals APPEAL_DERIVED)',
    indexes: [
      { name: 'queue', keys: [asc('status'), asc('createdAt')] },
      { name: 'household', keys: [asc('roundId'), asc('householdId')] },
      // 我的申诉: one household's appeals.
      { name: 'resident', keys: [asc('householdId'), asc('_id')] },
      // users.update copies a new nickname onto the appellant's appeals (appellantName).
      { name: 'appellant', keys: [asc('userId')] },
    ],
  },
  {
    name: 'campaigns',
    id: 'the campaign id; `candidateCount` counts its approved nominations (absent on documents written before it was kept: counted when read)',
    indexes: [
      { name: 'list', keys: [desc('publicityEndsAt'), desc('_id')] },
      { name: 'village', keys: [asc('villageId'), desc('publicityEndsAt'), desc('_id')] },
    ],
  },
  {
    name: 'nominations',
    id: 'the nomination id (alive once per household: unique_keys `nomination:${campaignId}:${householdId}`; candidate number: unique_keys `candidate:${campaignId}:${number}`); `votes` counts its valid votes',
    indexes: [
      { name: 'campaign', keys: [asc('campaignId'), asc('status'), asc('number')] },
      { name: 'newest', keys: [asc('campaignId'), desc('createdAt'), desc('_id')] },
      { name: 'slot', keys: [asc('campaignId'), asc('nominatorKey'), desc('nominatorSlot')] },
      { name: 'nominator', keys: [asc('nominatorId'), desc('createdAt')] },
      { name: 'household', keys: [asc('householdId'), desc('createdAt')] },
    ],
  },
  {
    name: 'nomination_slots',
    id: '`${campaignId}:${nominatorKey}:${n}`: a nominator (household or staff user) holds slots 1..limit',
    indexes: [],
  },
  {
    name: 'candidate_numbers',
    id: 'the campaign id: the last candidate number given (`last`)',
    indexes: [],
  },
  {
    name: 'votes',
    id: 'the vote id; only ever added. Its limits are its slots: `daySlot` (1..votesPerDay) and `candidateSlot` (1..votesPerCandidatePerDay) of its voter (`voterKey`: `u:` user or, under 一户一票, `h:` household) on its day, each held once (unique)',
    indexes: [
      { name: 'campaign', keys: [asc('campaignId'), desc('createdAt'), desc('_id')] },
      { name: 'nomination', keys: [asc('nominationId'), desc('createdAt')] },
      { name: 'voter', keys: [asc('voterId'), desc('createdAt')] },
      {
        name: 'daySlot',
        unique: true,
        keys: [asc('campaignId'), asc('voterKey'), asc('day'), asc('daySlot')],
      },
      {
        name: 'candidateSlot',
        unique: true,
        keys: [
          asc('campaignId'),
          asc('voterKey'),
          asc('day'),
          asc('nominationId'),
          asc('candidateSlot'),
        ],
      },
    ],
  },
  {
    name: 'vote_invalidations',
    id: 'the vote id: a vote is invalidated once; only ever added',
    indexes: [{ name: 'campaign', keys: [asc('campaignId')] }],
  },
  {
    name: 'campaign_phase_closures',
    id: '`${campaignId}:${phase}`: a phase is closed early once',
    indexes: [],
  },
  {
    name: 'campaign_objections',
    id: 'the objection id',
    indexes: [{ name: 'campaign', keys: [asc('campaignId'), desc('createdAt'), desc('_id')] }],
  },
  {
    name: 'campaign_subscriptions',
    id: '`${campaignId}:${userId}`',
    // The fan-out pages a campaign's subscribers by user id (subscriberPage).
    indexes: [{ name: 'campaign', keys: [asc('campaignId'), asc('userId')] }],
  },
  {
    name: 'notify_subscribers',
    id: 'the user id: subscribed to every campaign in their scope',
    indexes: [],
  },
  {
    name: 'campaign_events',
    id: '`${campaignId}:${event}`: an event is sent once',
    indexes: [],
  },
  {
    name: 'notify_outbox',
    id: 'the dedupe key: a notification is written once; its own id is `outboxId`',
    indexes: [
      { name: 'newest', keys: [desc('createdAt'), desc('outboxId')] },
      { name: 'redeliver', keys: [asc('retryAt')] },
    ],
  },
  {
    name: 'activities',
    id: 'the activity id; `signedCount`, `waitingCount` and `seq` are moved in the transaction of each sign-up; `scopeKeys` is its villages or ["town"]',
    indexes: [
      { name: 'scope', keys: [asc('scopeKeys'), asc('endsAt'), asc('startsAt')] },
      { name: 'start', keys: [asc('startsAt'), asc('_id')] },
      { name: 'credit', keys: [asc('creditedAt'), asc('cancelledAt'), asc('endsAt')] },
      { name: 'remind', keys: [asc('remindedAt'), asc('cancelledAt'), asc('startsAt')] },
    ],
  },
  {
    name: 'activity_signups',
    id: '`${activityId}:${userId}`: one line per person and activity, reused when signing up again',
    indexes: [
      { name: 'list', keys: [asc('activityId'), asc('rankKey'), asc('_id')] },
      { name: 'waiting', keys: [asc('activityId'), asc('status'), asc('seq')] },
      { name: 'user', keys: [asc('userId'), desc('createdAt'), desc('_id')] },
      { name: 'household', keys: [asc('householdId'), asc('minutes')] },
      { name: 'village', keys: [asc('villageId'), asc('activityId')] },
    ],
  },
  {
    name: 'volunteer_codes',
    id: 'the user id: a person has one personal code (a random token) for check-in',
    indexes: [{ name: 'code', keys: [asc('code')], unique: true }],
  },
  {
    name: 'audit_log',
    id: 'generated; entries are only ever added',
    indexes: [{ name: 'recent', keys: [desc('seq'), desc('_id')] }],
  },
  {
    name: 'rate_limits',
    id: '`${class}:${caller}:${windowStart}`: one counter per caller, class and window',
    indexes: [{ name: 'expiry', keys: [asc('expiresAt')] }],
  },
  {
    name: 'idempotency_keys',
    id: "a hash of the caller, the action and the client's key: a write is claimed once",
    indexes: [{ name: 'expiry', keys: [asc('at')] }],
  },
  {
    name: 'unique_keys',
    id: '`${kind}:${key}`, e.g. `binding:${userId}`, `village-code:${code}`: a guard for a key no unique index can express',
    indexes: [],
  },
] as const satisfies readonly CloudCollection[]

export type CloudCollectionName = (typeof cloudCollections)[number]['name']

/** Unique indexes per collection: field lists (what the tests' CloudBase emulator enforces). */
export function uniqueIndexes(): Record<string, string[][]> {
  return Object.fromEntries(
    cloudCollections.map((c) => [
      c.name,
      (c.indexes as readonly CloudIndex[])
        .filter((i) => i.unique)
        .map((i) => i.keys.map(([field]) => field)),
    ]),
  )
}
