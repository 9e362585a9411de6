// Loaded on first use (server/lazy/load.ts): the admins' roster import and export.
export { rosterHandlers } from '../people/roster.actions'
