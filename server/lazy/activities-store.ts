// Loaded on first use (server/lazy/load.ts): 志愿活动's part of the cloud Store.
export { activitiesRepo } from '../store/cloud/activities'
