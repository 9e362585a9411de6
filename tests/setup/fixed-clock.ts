// First setup file of every in-process project: `Date` starts at the suite's TEST_NOW and then
// runs at the speed of the real clock, millisecond for millisecond, so durations, ordering by
// time and countdowns behave as they do in use, on a calendar that does not depend on the day
// the suite runs. Timers are untouched (tests that need to jump use their own injected clock).
import { TEST_NOW } from '../helpers/test-clock'

// Test files that share a worker (isolate: false) run this file each: the clock restarts at
// TEST_NOW for each, always over the platform's own Date, never over an earlier file's.
const REAL_DATE = Symbol.for('hemei.test.realDate')
const holder = globalThis as typeof globalThis & { [REAL_DATE]?: DateConstructor }
const RealDate = (holder[REAL_DATE] ??= Date)
const offset = TEST_NOW - RealDate.now()
const now = () => RealDate.now() + offset

function TestDate(this: unknown, ...args: unknown[]): Date | string {
  // Called without `new`, Date() answers the current time as a string.
  if (!new.target) return new RealDate(now()).toString()
  if (args.length === 0) return new RealDate(now())
  return Reflect.construct(RealDate, args, new.target) as Date
}
TestDate.prototype = RealDate.prototype
Object.setPrototypeOf(TestDate, RealDate)
TestDate.now = now

globalThis.Date = TestDate as unknown as DateConstructor
