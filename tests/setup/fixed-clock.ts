// First setup file of every in-process project: `Date` starts at the suite's TEST_NOW and then
// runs at the speed of the real clock, millisecond for millisecond, so durations, ordering by
// time and countdowns behave as they do in use, on a calendar that does not depend on the day
// the suite runs. Timers are untouched (tests that need to jump use their own injected clock).
import { TEST_NOW } from '../helpers/test-clock'

const RealDate = Date
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
