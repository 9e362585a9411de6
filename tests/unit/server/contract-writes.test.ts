// Every write declares what its audit entry keeps, and the client's zod-free list of writes
// (which it retries under one key) is exactly the contract's.
import { describe, expect, it } from 'vitest'
import { actions, type ActionName, type ActionSpec } from '../../../contract'
import { writeActions } from '../../../contract/writes'

const writes = (Object.keys(actions) as ActionName[]).filter((name) => actions[name].write)
const specOf = (name: ActionName): ActionSpec => actions[name]

/** The top-level field names an input schema accepts (object schemas and unions of them). */
function inputFields(schema: unknown): Set<string> {
  const def = (schema as { def?: { shape?: object; options?: unknown[]; in?: unknown } }).def
  if (def?.shape) return new Set(Object.keys(def.shape))
  if (def?.options) return new Set(def.options.flatMap((o) => [...inputFields(o)]))
  if (def?.in) return inputFields(def.in)
  return new Set()
}

describe('writes in the contract', () => {
  it('the client’s list of writes is the contract’s', () => {
    expect([...writeActions].sort()).toEqual([...writes].sort())
    expect(writes.length).toBeGreaterThan(40)
  })

  it.each(writes)('%s declares the input fields its audit keeps, all of them real', (name) => {
    const declared = specOf(name).audit
    expect(declared, `${name} declares no audit fields`).toBeDefined()
    const fields = inputFields(specOf(name).input)
    for (const field of declared || []) expect(fields, `${name}: ${field}`).toContain(field)
  })

  it('only a view and a dev sign-in go unaudited', () => {
    expect(writes.filter((name) => specOf(name).audit === false).sort()).toEqual([
      'auth.devLogin',
      'notices.open',
    ])
  })

  it('no audit keeps a file’s content, a phone number, a code or a notice’s body', () => {
    for (const name of writes) {
      for (const field of specOf(name).audit || []) {
        expect(['content', 'phone', 'code', 'body', 'words'], `${name}.${field}`).not.toContain(
          field,
        )
      }
    }
  })
})
