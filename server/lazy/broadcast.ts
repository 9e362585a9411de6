// Loaded on first use (server/lazy/load.ts): 广播稿 (broadcast scripts and their plays).
export { broadcastHandlers } from '../broadcast/broadcast.actions'
