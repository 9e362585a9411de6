// Loaded on first use (server/lazy/load.ts): what only staff call — appointing staff, the
// monthly filing (归档), the board's export and printable lists, and inspections.
export { staffHandlers } from '../people/staff.actions'
export { filingHandlers } from '../bulletin/filing.actions'
export { boardExportHandlers } from '../board/board.export'
export { inspectHandlers } from '../board/inspect.actions'
