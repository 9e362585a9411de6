// Modules only some actions need — spreadsheets (.xlsx and the zip inside), QR codes, the
// rich-text sanitiser with its HTML parser, the sensitive-word matcher of text writes, and the
// rarely used actions with their store parts (below) — loaded on first use, so that a cold
// start (and a resident's read) never waits for them. Here they are ordinary dynamic imports;
// in the cloud function each is its own file next to index.js (lazy-<name>.js), which
// scripts/build-functions.ts builds and turns each import() below into a require of.
/** .xlsx writing and reading, the zip and XML under it, and the roster file (csv too). */
export const loadXlsx = () => import('./xlsx')
/** QR codes: the modules of a code, drawn by the caller. */
export const loadQr = () => import('./qr')
/** The rich-text sanitiser (xss), plain text and the 广播稿 script (htmlparser2). */
export const loadHtml = () => import('./html')
/** The sensitive-word matcher every checked text goes through (modern-ahocorasick). */
export const loadWordMatcher = () => import('./words')
/** The demo accounts of the local server's dev mode (never served by the cloud function). */
export const loadDemoAccounts = () => import('./dev')

// Rarely used actions and the store parts behind them (server/lazy/methods.ts forwards to
// them). In the cloud function these files share index.js's own modules instead of copying
// them (scripts/build-functions.ts, LAZY_DOMAINS).
/** 志愿活动's handlers. */
export const loadActivities = () => import('./activities')
/** 志愿活动's part of the cloud Store. */
export const loadActivitiesStore = () => import('./activities-store')
/** Publishing the red and black lists: the actions and the timer's job steps. */
export const loadPublish = () => import('./publish')
/** The cloud Store's publish job. */
export const loadPublishStore = () => import('./publish-store')
/** The roster's import and export. */
export const loadRoster = () => import('./roster')
/** The roster's part of the cloud Store. */
export const loadRosterStore = () => import('./roster-store')
/** 广播稿's handlers. */
export const loadBroadcast = () => import('./broadcast')
/** 广播稿's part of the cloud Store. */
export const loadBroadcastStore = () => import('./broadcast-store')
/** 门牌码's handlers and the timer's backfill. */
export const loadDoorplates = () => import('./doorplates')
/** 门牌码's part of the cloud Store. */
export const loadDoorplatesStore = () => import('./doorplates-store')
/** What only staff call: staff appointments, 归档, the board's export and inspections. */
export const loadStaff = () => import('./staff')
