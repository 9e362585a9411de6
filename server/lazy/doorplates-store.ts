// Loaded on first use (server/lazy/load.ts): 门牌码's part of the cloud Store.
export { doorplatesRepo } from '../store/cloud/doorplates'
