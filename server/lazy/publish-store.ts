// Loaded on first use (server/lazy/load.ts): the cloud Store's publish job (Store.board's
// startPublish, publishJobs, publishStep, publishNotices).
export { publishJobPart } from '../store/cloud/board-publish-job'
