// The server's clock. In use it is the system clock; a demo or a test run can start it at a
// fixed instant (DEMO_NOW, dev mode only), from which it runs at the real clock's speed, so
// the demo data and every rule see the same calendar on any day.
import { performance } from 'node:perf_hooks'

export type Clock = () => number

export function clockFrom(start: number | null): Clock {
  if (start === null) return Date.now
  const startedAt = performance.now()
  return () => Math.round(start + (performance.now() - startedAt))
}
