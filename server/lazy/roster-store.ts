// Loaded on first use (server/lazy/load.ts): the roster's part of the cloud Store.
export { rosterRepo } from '../store/cloud/people-roster'
