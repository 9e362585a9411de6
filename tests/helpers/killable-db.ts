// A cloud database handle that dies after a number of requests, as a function instance killed
// mid-way would: every request past the budget throws Killed before it is sent (what was sent
// before stays done). For the publish job's kill-and-resume tests and benchmark.
import type { CloudDb } from '../../server/store/cloud/sdk'

export class Killed extends Error {
  constructor() {
    super('killed')
  }
}

/** Methods that send a request (the others build a query). */
const SENDS = new Set(['get', 'count', 'update', 'remove', 'add', 'set', 'end', 'runTransaction'])

/** `db` dying once `budget.left` requests have been sent. */
export function killableDb(db: CloudDb, budget: { left: number }): CloudDb {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value = Reflect.get(t, prop, receiver) as unknown
        // Commands go into queries as they are: the SDK serialises them by their own class.
        if (prop === 'command' || typeof value !== 'function') return value
        return (...args: unknown[]) => {
          if (SENDS.has(String(prop))) {
            if (budget.left <= 0) throw new Killed()
            budget.left--
          }
          if (prop === 'runTransaction') {
            const [callback, ...rest] = args as [(tx: object) => Promise<unknown>, ...unknown[]]
            return (value as (...a: unknown[]) => unknown).apply(t, [
              (tx: object) => callback(wrap(tx)),
              ...rest,
            ])
          }
          const result = (value as (...a: unknown[]) => unknown).apply(t, args)
          return result && typeof result === 'object' && !(result instanceof Promise)
            ? wrap(result)
            : result
        }
      },
    })
  return wrap(db)
}
