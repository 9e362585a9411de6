// Loaded on first use (server/lazy/load.ts): publishing the red and black lists — the admin's
// board.publish actions and the timer's publish job steps.
export { publishHandlers } from '../board/publish.actions'
export { drainPublishJobs } from '../board/publish-job'
