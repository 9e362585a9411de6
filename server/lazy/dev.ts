// Loaded on first use (server/lazy/load.ts): the demo accounts that only the local server's
// dev mode lists (auth.devAccounts is devOnly: the cloud function never serves it).
export { DEMO_ACCOUNTS, describeDemoAccount } from '../seed/demo-accounts'
