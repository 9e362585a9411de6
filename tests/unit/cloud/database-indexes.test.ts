import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checklist, INDEX_FILE, indexFileText, indexRequests } from '../../../scripts/cloud-indexes'
import { cloudCollections } from '../../../server/store/cloud/collections'

describe('cloud database indexes file', () => {
  it('matches collections.ts (after changing a collection or index, run npm run cloud:indexes)', () => {
    expect(fs.readFileSync(INDEX_FILE, 'utf8')).toBe(indexFileText())
  })

  it('lists every collection once, in the shape of the tcb/updateindex request body', () => {
    const requests = indexRequests()
    expect(requests.map((r) => r.collection_name)).toEqual(cloudCollections.map((c) => c.name))
    const users = requests.find((r) => r.collection_name === 'users')
    expect(users?.create_indexes).toContainEqual({
      name: 'openid',
      unique: true,
      keys: [{ name: 'openid', direction: '1' }],
    })
    const notices = requests.find((r) => r.collection_name === 'notices')
    expect(notices?.create_indexes.find((i) => i.name === 'feed')).toEqual({
      name: 'feed',
      unique: false,
      keys: [
        { name: 'status', direction: '1' },
        { name: 'publishAt', direction: '-1' },
        { name: '_id', direction: '-1' },
      ],
    })
  })

  it('prints a console checklist in Chinese with the deny-all rule', () => {
    const text = checklist().join('\n')
    expect(text).toContain('openid：唯一；openid 升序')
    expect(text).toContain('feed：非唯一；status 升序，publishAt 降序，_id 降序')
    expect(text).toContain('"read": false')
    for (const c of cloudCollections) expect(text).toContain(`. ${c.name}\n`)
  })
})
