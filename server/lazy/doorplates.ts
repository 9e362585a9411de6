// Loaded on first use (server/lazy/load.ts): 门牌码 — the staff's doorplate actions and the
// timer's backfill of plates for new households.
export { doorplateHandlers } from '../doorplate/doorplate.actions'
export { backfillStep } from '../doorplate/backfill'
