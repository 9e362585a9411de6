// The one clock of the test suite. Every project starts its clock at TEST_NOW, so a run on any
// day and at any hour sees the same calendar: the demo seed, the server's clock, the pages'
// Date and the browser's Date all count from here. `TEST_NOW` (ISO 8601) moves the start;
// `TEST_SHIFT_DAYS` moves it by whole days (npm test runs the SQLite API and page projects a second
// time 45 days later, across a month and a year's end).
const DEFAULT_TEST_NOW = '2026-12-04T22:30:00+08:00'

const DAY_MS = 86_400_000

function testNow(env: NodeJS.ProcessEnv): number {
  const start = Date.parse(env.TEST_NOW ?? DEFAULT_TEST_NOW)
  if (Number.isNaN(start)) throw new Error(`TEST_NOW is not an ISO date: ${env.TEST_NOW}`)
  const shift = Number(env.TEST_SHIFT_DAYS ?? 0)
  if (!Number.isInteger(shift)) throw new Error(`TEST_SHIFT_DAYS is not a whole number: ${shift}`)
  return start + shift * DAY_MS
}

/** The instant the test clock starts at, in ms since the epoch. */
export const TEST_NOW = testNow(process.env)
