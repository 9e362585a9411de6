// Loaded on first use (server/lazy/load.ts): 广播稿's part of the cloud Store.
export { broadcastRepo } from '../store/cloud/broadcast'
