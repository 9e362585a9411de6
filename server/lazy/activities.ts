// Loaded on first use (server/lazy/load.ts): 志愿活动's handlers (activities and hours), which a
// resident's everyday call never runs. Unlike the library modules of server/lazy, this file
// shares index.js's modules (errors, store types, contract) rather than copying them: the
// cloud function builds it as a factory that index.js hands its own modules to
// (scripts/build-functions.ts, LAZY_DOMAINS).
export { activityHandlers } from '../activities/activities.actions'
export { hoursHandlers } from '../activities/hours.actions'
