import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cloudCollections, uniqueIndexes } from '../../../server/store/cloud/collections'
import { freshEnvironment } from '../../emulator/harness'

const rulesFile = path.resolve(__dirname, '../../../cloudfunctions/database-rules.json')
const rules = JSON.parse(fs.readFileSync(rulesFile, 'utf8')) as Record<string, unknown>
const names = cloudCollections.map((c) => c.name)

describe('cloud database security rules', () => {
  it.each(names)('deny every direct client read and write of %s', (name) => {
    // Only "read" and "write" are set: create/update/delete fall back to write, and an
    // operation the rules leave out is denied.
    expect(rules[name]).toEqual({ read: false, write: false })
  })

  it('cover no collection the app does not list (a renamed collection would leave a stale rule)', () => {
    expect(Object.keys(rules).sort()).toEqual([...names].sort())
  })
})

describe('cloud collections', () => {
  it('have distinct names, and distinct index names within each', () => {
    expect(new Set(names).size).toBe(names.length)
    for (const c of cloudCollections) {
      const indexNames = c.indexes.map((i) => i.name)
      expect(new Set(indexNames).size, c.name).toBe(indexNames.length)
    }
  })

  it('create unique indexes that then refuse a second openid (the emulator, real SDK)', async () => {
    const { db } = await freshEnvironment()
    const users = db.collection('users')
    await users.add({ data: { _id: 'u1', openid: 'o1' } })
    await expect(users.add({ data: { _id: 'u2', openid: 'o1' } })).rejects.toMatchObject({
      errCode: -502001,
    })
    expect(uniqueIndexes().households).toEqual([['villageId', 'houseNo']])
  })
})
