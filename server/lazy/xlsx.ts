// Loaded on first use (server/lazy/load.ts): the .xlsx writer, the roster file reader and the
// roster's rules (pure functions only: nothing here keeps state or throws the router's errors).
export { newWorkbook, tableSheet, writeXlsx } from '../shared/xlsx'
export { readRosterFile, UnreadableRosterFile, writeRosterXlsx } from '../people/roster.file'
// The roster's pure rules, which only reading or writing a roster file calls for.
export { exportOrder, planRoster } from '../people/roster.rules'
export { confirmationProblem, namesNotInTown } from '../people/roster-villages.rules'
