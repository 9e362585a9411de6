// Versioned schema. Each entry runs once, in order, inside a transaction; the database's
// PRAGMA user_version records how many have run. Never edit a shipped migration: add one.
// A migration that needs more than SQL (rewriting rows by a rule) is a function of the database.
import type Database from 'better-sqlite3'
import { migrateInspectionItems } from './migrate-items'

export type Migration = string | ((db: Database.Database) => void)

export const migrations: readonly Migration[] = [
  /* 1: places, people, bulletin, board, campaigns, audit */ `
  CREATE TABLE villages (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    code TEXT UNIQUE,
    sort INTEGER NOT NULL DEFAULT 0,
    archived_at INTEGER
  );
  CREATE TABLE village_groups (
    id TEXT PRIMARY KEY,
    village_id TEXT NOT NULL REFERENCES villages(id),
    name TEXT NOT NULL,
    sort INTEGER NOT NULL DEFAULT 0,
    UNIQUE (village_id, name)
  );
  CREATE TABLE grids (
    id TEXT PRIMARY KEY,
    village_id TEXT NOT NULL REFERENCES villages(id),
    name TEXT NOT NULL
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    openid TEXT NOT NULL UNIQUE,
    nickname TEXT NOT NULL,
    staff_role TEXT CHECK (staff_role IN ('admin', 'gridWorker')),
    created_at INTEGER NOT NULL
  );
  CREATE TABLE grid_workers (
    grid_id TEXT NOT NULL REFERENCES grids(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (grid_id, user_id)
  );
  CREATE INDEX grid_workers_user ON grid_workers(user_id);
  CREATE TABLE households (
    id TEXT PRIMARY KEY,
    village_id TEXT NOT NULL REFERENCES villages(id),
    group_id TEXT NOT NULL REFERENCES village_groups(id),
    grid_id TEXT NOT NULL REFERENCES grids(id),
    head_name TEXT NOT NULL,
    house_no TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    phone TEXT,
    show_name_on_red INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    UNIQUE (village_id, house_no)
  );
  CREATE TABLE bindings (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    relation TEXT NOT NULL CHECK (relation IN ('head', 'member')),
    status TEXT NOT NULL
      CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled', 'unbound')),
    created_at INTEGER NOT NULL,
    decided_by TEXT REFERENCES users(id),
    decided_at INTEGER,
    reason TEXT
  );
  -- One user is bound to at most one household at a time.
  CREATE UNIQUE INDEX bindings_one_approved ON bindings(user_id) WHERE status = 'approved';
  CREATE INDEX bindings_household ON bindings(household_id, status);

  CREATE TABLE columns (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    sort INTEGER NOT NULL DEFAULT 0,
    hidden INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    column_id TEXT NOT NULL REFERENCES columns(id),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    township_wide INTEGER NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
    author_id TEXT NOT NULL REFERENCES users(id),
    publish_at INTEGER NOT NULL,
    expire_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    view_count INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX notices_feed ON notices(status, publish_at DESC, id DESC);
  CREATE TABLE notice_villages (
    notice_id TEXT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    village_id TEXT NOT NULL REFERENCES villages(id),
    PRIMARY KEY (notice_id, village_id)
  );
  CREATE INDEX notice_villages_village ON notice_villages(village_id);

  CREATE TABLE rubrics (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE criteria (
    id TEXT PRIMARY KEY,
    rubric_id TEXT NOT NULL REFERENCES rubrics(id),
    category TEXT NOT NULL,
    name TEXT NOT NULL,
    max_points INTEGER NOT NULL CHECK (max_points > 0),
    deduction_per_item INTEGER NOT NULL DEFAULT 0,
    hint TEXT NOT NULL DEFAULT '',
    sort INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE rounds (
    id TEXT PRIMARY KEY,
    month TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    rubric_id TEXT NOT NULL REFERENCES rubrics(id),
    status TEXT NOT NULL CHECK (status IN ('open', 'published')),
    window_start INTEGER NOT NULL,
    window_end INTEGER NOT NULL,
    red_threshold INTEGER NOT NULL,
    black_threshold INTEGER NOT NULL,
    published_at INTEGER,
    publicity_ends_at INTEGER,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE inspections (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    inspector_id TEXT NOT NULL REFERENCES users(id),
    version INTEGER NOT NULL,
    total INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (round_id, household_id, version)
  );
  CREATE TABLE inspection_items (
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    criterion_id TEXT NOT NULL REFERENCES criteria(id),
    points INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (inspection_id, criterion_id)
  );

  CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    village_id TEXT REFERENCES villages(id),
    nomination_starts_at INTEGER NOT NULL,
    review_starts_at INTEGER NOT NULL,
    voting_starts_at INTEGER NOT NULL,
    voting_ends_at INTEGER NOT NULL,
    publicity_ends_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK (nomination_starts_at <= review_starts_at AND review_starts_at <= voting_starts_at
      AND voting_starts_at < voting_ends_at AND voting_ends_at <= publicity_ends_at)
  );
  CREATE TABLE nominations (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    nominator_id TEXT NOT NULL REFERENCES users(id),
    story TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
    number INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (campaign_id, number)
  );
  CREATE INDEX nominations_campaign ON nominations(campaign_id, status);
  CREATE TABLE votes (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    nomination_id TEXT NOT NULL REFERENCES nominations(id),
    voter_id TEXT NOT NULL REFERENCES users(id),
    voter_household_id TEXT NOT NULL REFERENCES households(id),
    day TEXT NOT NULL,
    assisted_by TEXT REFERENCES users(id),
    created_at INTEGER NOT NULL,
    -- One vote per voter per candidate per day; the campaign issue adds its other limits.
    UNIQUE (campaign_id, voter_id, nomination_id, day)
  );
  CREATE INDEX votes_nomination ON votes(nomination_id);
  -- Votes are append-only: the database itself refuses edits and deletes.
  CREATE TRIGGER votes_no_update BEFORE UPDATE ON votes
    BEGIN SELECT RAISE(ABORT, 'votes are append-only'); END;
  CREATE TRIGGER votes_no_delete BEFORE DELETE ON votes
    BEGIN SELECT RAISE(ABORT, 'votes are append-only'); END;

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT NOT NULL,
    actor_id TEXT,
    actor_role TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    before_json TEXT,
    after_json TEXT,
    at INTEGER NOT NULL
  );
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
  /* 2: archiving groups and grids, one pending binding per user, invites, settings */ `
  ALTER TABLE village_groups ADD COLUMN archived_at INTEGER;
  ALTER TABLE grids ADD COLUMN archived_at INTEGER;
  CREATE UNIQUE INDEX grids_name ON grids(village_id, name);
  -- One open request per user: a second one while the first waits is refused by the database.
  CREATE UNIQUE INDEX bindings_one_pending ON bindings(user_id) WHERE status = 'pending';
  CREATE INDEX bindings_pending ON bindings(status, created_at);
  CREATE TABLE household_invites (
    code TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_by TEXT REFERENCES users(id),
    used_at INTEGER
  );
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE INDEX households_grid ON households(grid_id, house_no);
  `,
  /* 3: reach — which households have opened a notice */ `
  CREATE TABLE notice_reads (
    notice_id TEXT NOT NULL REFERENCES notices(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    first_read_at INTEGER NOT NULL,
    PRIMARY KEY (notice_id, household_id)
  );
  `,
  /* 4: notice bodies become the rich-text subset: plain paragraphs are escaped into <p>s */ `
  UPDATE notices SET body = '<p>' || replace(
      replace(replace(replace(body, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
      char(10) || char(10), '</p><p>') || '</p>'
    WHERE body NOT LIKE '<%';
  `,
  /* 5: notice media and adoption; uploaded files; status 'scheduled' is derived, not stored */ `
  ALTER TABLE notices ADD COLUMN cover TEXT;
  ALTER TABLE notices ADD COLUMN images_json TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE notices ADD COLUMN video TEXT;
  ALTER TABLE notices ADD COLUMN adopted_at INTEGER;
  ALTER TABLE notices ADD COLUMN adopted_by TEXT REFERENCES users(id);
  CREATE INDEX notices_author ON notices(author_id, updated_at DESC);
  CREATE TABLE media (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('image', 'video')),
    mime TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
  /* 6: board — round rules, inspection versions (latest, client id, photos), frozen lists,
     appeals and rectification */ `
  ALTER TABLE rounds ADD COLUMN scope TEXT NOT NULL DEFAULT 'village'
    CHECK (scope IN ('group', 'village', 'township'));
  -- A list chosen by count only keeps its threshold column but does not use it.
  ALTER TABLE rounds ADD COLUMN red_by_score INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE rounds ADD COLUMN black_by_score INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE rounds ADD COLUMN red_top_n INTEGER;
  ALTER TABLE rounds ADD COLUMN black_bottom_n INTEGER;
  ALTER TABLE rounds ADD COLUMN publicity_days INTEGER NOT NULL DEFAULT 7;
  ALTER TABLE rounds ADD COLUMN rectification_days INTEGER NOT NULL DEFAULT 15;

  ALTER TABLE inspections ADD COLUMN client_id TEXT;
  ALTER TABLE inspections ADD COLUMN reason TEXT NOT NULL DEFAULT 'first'
    CHECK (reason IN ('first', 'reinspect', 'appeal'));
  ALTER TABLE inspections ADD COLUMN deducted_items INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE inspections ADD COLUMN is_latest INTEGER NOT NULL DEFAULT 1;
  UPDATE inspections SET deducted_items = (SELECT COUNT(*) FROM inspection_items ii
      JOIN criteria c ON c.id = ii.criterion_id
      WHERE ii.inspection_id = inspections.id AND ii.points < c.max_points);
  UPDATE inspections SET is_latest = 0 WHERE version < (SELECT MAX(version) FROM inspections l
      WHERE l.round_id = inspections.round_id AND l.household_id = inspections.household_id);
  UPDATE inspections SET reason = 'reinspect' WHERE version > 1;
  -- One current inspection per household per round; a resend of the same one is refused.
  CREATE UNIQUE INDEX inspections_latest ON inspections(round_id, household_id) WHERE is_latest = 1;
  CREATE UNIQUE INDEX inspections_client ON inspections(client_id) WHERE client_id IS NOT NULL;
  -- Versions are kept: the database refuses deleting one and changing its score.
  CREATE TRIGGER inspections_no_delete BEFORE DELETE ON inspections
    BEGIN SELECT RAISE(ABORT, 'inspections are kept'); END;
  CREATE TRIGGER inspections_no_rescore BEFORE UPDATE OF total, round_id, household_id, version
    ON inspections BEGIN SELECT RAISE(ABORT, 'inspections are kept'); END;
  ALTER TABLE inspection_items ADD COLUMN deductions INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE inspection_photos (
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    sort INTEGER NOT NULL,
    url TEXT NOT NULL,
    taken_at INTEGER NOT NULL,
    PRIMARY KEY (inspection_id, sort)
  );

  -- The lists as published (frozen): rewritten only by an appeal's re-inspection.
  CREATE TABLE board_entries (
    round_id TEXT NOT NULL REFERENCES rounds(id),
    list TEXT NOT NULL CHECK (list IN ('red', 'black', 'progress')),
    household_id TEXT NOT NULL REFERENCES households(id),
    position INTEGER NOT NULL,
    unit_key TEXT NOT NULL,
    unit_name TEXT NOT NULL,
    rank INTEGER NOT NULL,
    score REAL NOT NULL,
    deducted_items INTEGER NOT NULL,
    previous_score REAL,
    rectified_at INTEGER,
    PRIMARY KEY (round_id, list, household_id)
  );
  CREATE INDEX board_entries_order ON board_entries(round_id, list, position);
  CREATE INDEX board_entries_household ON board_entries(household_id);

  CREATE TABLE appeals (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    text TEXT NOT NULL,
    photos_json TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL CHECK (status IN ('pending', 'reinspected', 'rejected')),
    score_before REAL NOT NULL,
    score_after REAL,
    inspection_id TEXT REFERENCES inspections(id),
    reason TEXT,
    decided_by TEXT REFERENCES users(id),
    decided_at INTEGER,
    created_at INTEGER NOT NULL
  );
  -- One appeal waiting per household and round.
  CREATE UNIQUE INDEX appeals_one_pending ON appeals(round_id, household_id)
    WHERE status = 'pending';
  CREATE INDEX appeals_queue ON appeals(status, created_at);
  `,
  /* 7: campaigns — rules, decisions, vote slots (every limit a UNIQUE key), invalidations,
     phase closures, objections, subscriptions, notification events and the local outbox */ `
  ALTER TABLE campaigns ADD COLUMN custom_type_name TEXT;
  ALTER TABLE campaigns ADD COLUMN rules_json TEXT NOT NULL DEFAULT '{"nominators":"residents","selfNomination":false,"nominationsPerHousehold":1,"votesPerDay":1,"votesPerCandidatePerDay":1,"counting":"perPerson","liveCounts":false,"winners":3}';
  ALTER TABLE nominations ADD COLUMN photos_json TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE nominations ADD COLUMN nominator_household_id TEXT REFERENCES households(id);
  -- Nominations per household: slot n in 1..limit, one row per (campaign, nominator, n).
  ALTER TABLE nominations ADD COLUMN nominator_key TEXT;
  ALTER TABLE nominations ADD COLUMN nominator_slot INTEGER;
  ALTER TABLE nominations ADD COLUMN reason TEXT;
  ALTER TABLE nominations ADD COLUMN decided_by TEXT REFERENCES users(id);
  ALTER TABLE nominations ADD COLUMN decided_at INTEGER;
  CREATE UNIQUE INDEX nominations_slot ON nominations(campaign_id, nominator_key, nominator_slot);
  -- A household is nominated once per campaign while the nomination is alive.
  CREATE UNIQUE INDEX nominations_live ON nominations(campaign_id, household_id)
    WHERE status IN ('pending', 'approved');
  CREATE INDEX nominations_household ON nominations(household_id, created_at);
  CREATE INDEX nominations_nominator ON nominations(nominator_id, created_at);

  -- Votes again, with their limits as UNIQUE keys: the voter (a user, or the household under
  -- 一户一票) holds day slots 1..votesPerDay and, per candidate, slots 1..votesPerCandidatePerDay.
  CREATE TABLE votes_v2 (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    nomination_id TEXT NOT NULL REFERENCES nominations(id),
    voter_id TEXT NOT NULL REFERENCES users(id),
    voter_household_id TEXT NOT NULL REFERENCES households(id),
    voter_key TEXT NOT NULL,
    day TEXT NOT NULL,
    day_slot INTEGER NOT NULL CHECK (day_slot >= 1),
    candidate_slot INTEGER NOT NULL CHECK (candidate_slot >= 1),
    assisted_by TEXT REFERENCES users(id),
    created_at INTEGER NOT NULL,
    UNIQUE (campaign_id, voter_key, day, day_slot),
    UNIQUE (campaign_id, voter_key, nomination_id, day, candidate_slot)
  );
  INSERT INTO votes_v2 (id, campaign_id, nomination_id, voter_id, voter_household_id, voter_key,
      day, day_slot, candidate_slot, assisted_by, created_at)
    SELECT id, campaign_id, nomination_id, voter_id, voter_household_id, voter_id, day,
      ROW_NUMBER() OVER (PARTITION BY campaign_id, voter_id, day ORDER BY created_at, id), 1,
      assisted_by, created_at
    FROM votes;
  DROP TABLE votes;
  ALTER TABLE votes_v2 RENAME TO votes;
  CREATE INDEX votes_nomination ON votes(nomination_id);
  CREATE INDEX votes_campaign ON votes(campaign_id, created_at);
  CREATE INDEX votes_voter ON votes(voter_id, created_at);
  CREATE TRIGGER votes_no_update BEFORE UPDATE ON votes
    BEGIN SELECT RAISE(ABORT, 'votes are append-only'); END;
  CREATE TRIGGER votes_no_delete BEFORE DELETE ON votes
    BEGIN SELECT RAISE(ABORT, 'votes are append-only'); END;

  CREATE TABLE vote_invalidations (
    vote_id TEXT PRIMARY KEY REFERENCES votes(id),
    reason TEXT NOT NULL,
    invalidated_by TEXT NOT NULL REFERENCES users(id),
    invalidated_at INTEGER NOT NULL
  );
  CREATE TRIGGER vote_invalidations_no_update BEFORE UPDATE ON vote_invalidations
    BEGIN SELECT RAISE(ABORT, 'invalidations are append-only'); END;
  CREATE TRIGGER vote_invalidations_no_delete BEFORE DELETE ON vote_invalidations
    BEGIN SELECT RAISE(ABORT, 'invalidations are append-only'); END;

  CREATE TABLE campaign_phase_closures (
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    phase TEXT NOT NULL,
    closed_at INTEGER NOT NULL,
    closed_by TEXT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    PRIMARY KEY (campaign_id, phase)
  );
  CREATE TABLE campaign_objections (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX campaign_objections_campaign ON campaign_objections(campaign_id, created_at);
  CREATE TABLE campaign_subscriptions (
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, user_id)
  );
  -- An event (voting opened, results published) is sent once: its key is claimed first.
  CREATE TABLE campaign_events (
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    event TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, event)
  );
  CREATE TABLE notify_outbox (
    id TEXT PRIMARY KEY,
    dedupe_key TEXT NOT NULL UNIQUE,
    event TEXT NOT NULL,
    campaign_id TEXT REFERENCES campaigns(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX notify_outbox_created ON notify_outbox(created_at);
  `,
  /* 8: subscriptions to every campaign in a resident's scope (the 我的 switch) */ `
  CREATE TABLE notify_subscribers (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    created_at INTEGER NOT NULL
  );
  `,
  /* 9: cloud uploads — a reserved path, the registered fileID and the asynchronous image check */ `
  ALTER TABLE media ADD COLUMN status TEXT NOT NULL DEFAULT 'pass'
    CHECK (status IN ('pending', 'pass', 'risky', 'review'));
  ALTER TABLE media ADD COLUMN cloud_path TEXT;
  ALTER TABLE media ADD COLUMN file_id TEXT;
  ALTER TABLE media ADD COLUMN trace_id TEXT;
  CREATE UNIQUE INDEX media_file ON media(file_id);
  CREATE INDEX media_trace ON media(trace_id);
  `,
  /* 10: how each notification's delivery through WeChat ended (NULL: kept in the outbox only) */ `
  ALTER TABLE notify_outbox ADD COLUMN delivery TEXT
    CHECK (delivery IN ('sent', 'refused', 'failed', 'skipped'));
  ALTER TABLE notify_outbox ADD COLUMN delivery_code INTEGER;
  `,
  /* 11: idempotency keys (a retried write gets its first answer) and audit entries keyed per request */ `
  CREATE TABLE idempotency_keys (
    scope TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'done')),
    answer_json TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX idempotency_keys_at ON idempotency_keys(at);
  ALTER TABLE audit_log ADD COLUMN entry_key TEXT;
  CREATE UNIQUE INDEX audit_log_entry_key ON audit_log(entry_key);
  `,
  /* 12: failed WeChat deliveries are tried again by the timer, with backoff */ `
  ALTER TABLE notify_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE notify_outbox ADD COLUMN retry_at INTEGER;
  CREATE INDEX notify_outbox_retry ON notify_outbox(retry_at) WHERE retry_at IS NOT NULL;
  `,
  /* 13: when a record first used an uploaded file; files uploaded before this count as used */ `
  ALTER TABLE media ADD COLUMN used_at INTEGER;
  UPDATE media SET used_at = created_at;
  CREATE INDEX media_unused ON media(created_at) WHERE used_at IS NULL;
  CREATE INDEX media_status ON media(status, created_at);
  `,
  /* 14: sessions — a token carries the version it was signed at; signing out bumps it */ `
  ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;
  `,
  /* 15: rate-limit counters, one per caller, class and fixed window */ `
  CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX rate_limits_expiry ON rate_limits(expires_at);
  `,
  /* 16: 我的申诉 reads one household's appeals, newest first */ `
  CREATE INDEX appeals_household ON appeals(household_id, created_at);
  `,
  /* 17: inspection items keep what the inspector entered (problems found / points given) */
  (db) => {
    migrateInspectionItems(db)
  },
  /* 18: who last set the household's red-list name consent (the member bound as 户主), and when */ `
  ALTER TABLE households ADD COLUMN consent_by TEXT REFERENCES users(id);
  ALTER TABLE households ADD COLUMN consent_at INTEGER;
  `,
  /* 19: what else a notification is about (a round's publication), to send its correction */ `
  ALTER TABLE notify_outbox ADD COLUMN topic TEXT;
  CREATE INDEX notify_outbox_topic ON notify_outbox(topic) WHERE topic IS NOT NULL;
  `,
  /* 20: 门牌号 in walking order — a stored sort key (house-order.rules.ts), backfilled; lists
     page by (house_sort, id). house_sort_key() is the rule, registered on every connection. */ `
  ALTER TABLE households ADD COLUMN house_sort TEXT NOT NULL DEFAULT '';
  UPDATE households SET house_sort = house_sort_key(house_no);
  CREATE INDEX households_walk ON households(village_id, house_sort, id);
  CREATE INDEX households_grid_walk ON households(grid_id, house_sort, id);
  `,
  /* 21: 新时代文明实践 — activities, sign-ups with counters (capacity held by a CHECK), personal codes */ `
  CREATE TABLE activities (
    id TEXT PRIMARY KEY,
    station TEXT NOT NULL,
    type TEXT NOT NULL
      CHECK (type IN ('volunteer', 'lecture', 'moralClass', 'culture', 'library', 'other')),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    pictures_json TEXT NOT NULL DEFAULT '[]',
    place TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    signup_deadline INTEGER NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 1),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    cancelled_at INTEGER,
    cancel_reason TEXT,
    reminded_at INTEGER,
    credited_at INTEGER,
    notice_id TEXT REFERENCES notices(id),
    -- Counters moved in the same transaction as the sign-up rows: never more signed than places.
    signed_count INTEGER NOT NULL DEFAULT 0 CHECK (signed_count >= 0 AND signed_count <= capacity),
    waiting_count INTEGER NOT NULL DEFAULT 0 CHECK (waiting_count >= 0),
    seq INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX activities_start ON activities(starts_at, id);
  CREATE INDEX activities_credit ON activities(ends_at) WHERE credited_at IS NULL AND cancelled_at IS NULL;
  CREATE TABLE activity_villages (
    activity_id TEXT NOT NULL REFERENCES activities(id),
    village_id TEXT NOT NULL REFERENCES villages(id),
    PRIMARY KEY (activity_id, village_id)
  );
  CREATE INDEX activity_villages_village ON activity_villages(village_id, activity_id);
  CREATE TABLE activity_signups (
    id TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    village_id TEXT NOT NULL REFERENCES villages(id),
    status TEXT NOT NULL CHECK (status IN ('signed', 'waiting', 'cancelled')),
    seq INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    checked_in_at INTEGER,
    checked_in_by TEXT REFERENCES users(id),
    minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0),
    adjust_reason TEXT,
    UNIQUE (activity_id, user_id),
    UNIQUE (activity_id, seq)
  );
  CREATE INDEX activity_signups_user ON activity_signups(user_id, created_at);
  CREATE INDEX activity_signups_household ON activity_signups(household_id);
  CREATE INDEX activity_signups_village ON activity_signups(village_id, activity_id);
  CREATE TABLE volunteer_codes (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    code TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  );
  `,
  /* 22: 户码 — one random code per household (filled in by backfillDoorplates at start) */ `
  CREATE TABLE doorplates (
    household_id TEXT PRIMARY KEY REFERENCES households(id),
    code TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    printed_at INTEGER,
    image_file_id TEXT
  );
  CREATE UNIQUE INDEX doorplates_code ON doorplates(code);
  `,
  /* 23: 大喇叭 — edited 广播稿 per notice and each village's 广播安排 */ `
  CREATE TABLE broadcast_scripts (
    notice_id TEXT PRIMARY KEY REFERENCES notices(id),
    text TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id),
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE broadcast_plays (
    id TEXT PRIMARY KEY,
    village_id TEXT NOT NULL REFERENCES villages(id),
    day TEXT NOT NULL,
    notice_id TEXT NOT NULL REFERENCES notices(id),
    scheduled_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    played_at INTEGER,
    played_by TEXT REFERENCES users(id),
    UNIQUE (village_id, day, notice_id)
  );
  CREATE INDEX broadcast_plays_day ON broadcast_plays(day);
  `,
  /* 24: county scale — a group's households (the walk list's groups, group filters) */ `
  CREATE INDEX households_group ON households(group_id, grid_id);
  `,
]
