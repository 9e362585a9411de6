// `npm run cloud:indexes`: the cloud database's collections, indexes and security rule as a
// checklist for the 云开发控制台, and cloudfunctions/database-indexes.json (committed; a test
// checks it still matches server/store/cloud/collections.ts).
//
// Why a checklist and not a script that creates them: wx-server-sdk can create a collection
// (db.createCollection) but has no call for indexes or security rules, so the function cannot
// set up its own database. The only programmatic way is WeChat's server-side HTTP API
// `POST https://api.weixin.qq.com/tcb/updateindex?access_token=…`, which needs an access_token
// obtained with the mini-program's AppSecret — a secret this project never holds. The JSON
// file uses that API's body shape per collection (minus `env`), so whoever does hold the
// AppSecret can feed it to the API; everyone else follows the checklist in the console.
import fs from 'node:fs'
import path from 'node:path'
import { cloudCollections, type CloudIndex } from '../server/store/cloud/collections'

export const INDEX_FILE = path.resolve(__dirname, '../cloudfunctions/database-indexes.json')

/** The rule pasted for every collection: no direct client access, all through the function. */
export const SECURITY_RULE = { read: false, write: false } as const

/** One collection as the body of tcb/updateindex (`env` left out). */
export interface IndexRequest {
  collection_name: string
  create_indexes: {
    name: string
    unique: boolean
    keys: { name: string; direction: '1' | '-1' }[]
  }[]
}

export function indexRequests(): IndexRequest[] {
  return cloudCollections.map((c) => ({
    collection_name: c.name,
    create_indexes: (c.indexes as readonly CloudIndex[]).map((index) => ({
      name: index.name,
      unique: index.unique ?? false,
      keys: index.keys.map(([name, direction]) => ({
        name,
        direction: direction === 'asc' ? '1' : '-1',
      })),
    })),
  }))
}

/** The file's exact text: what `npm run cloud:indexes` writes and the test compares. */
export function indexFileText(): string {
  return `${JSON.stringify(indexRequests(), null, 2)}\n`
}

/** The console checklist, in the console's own words (升序/降序, 唯一/非唯一). */
export function checklist(): string[] {
  const lines = [
    `云数据库：共 ${cloudCollections.length} 个集合。`,
    '在 云开发控制台 →「数据库」逐个「添加集合」，再在每个集合的「索引管理」里「添加索引」',
    '（_id 的索引是自带的，不用建）；在「数据权限」里选「自定义安全规则」，粘贴下面的规则。',
    '',
  ]
  for (const [i, request] of indexRequests().entries()) {
    lines.push(`${String(i + 1).padStart(2)}. ${request.collection_name}`)
    if (request.create_indexes.length === 0) lines.push('      （无需额外索引）')
    for (const index of request.create_indexes) {
      const fields = index.keys
        .map((k) => `${k.name} ${k.direction === '1' ? '升序' : '降序'}`)
        .join('，')
      lines.push(`      ${index.name}：${index.unique ? '唯一' : '非唯一'}；${fields}`)
    }
  }
  lines.push(
    '',
    '每个集合的安全规则（「数据权限」→「自定义安全规则」，整段替换后保存）：',
    JSON.stringify(SECURITY_RULE, null, 2),
    '',
    '说明：wx-server-sdk 没有建索引、改安全规则的接口，云函数无法自己完成这一步；',
    `同样的索引以 tcb/updateindex 接口的格式写在 ${path.relative(process.cwd(), INDEX_FILE)}。`,
  )
  return lines
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  fs.writeFileSync(INDEX_FILE, indexFileText())
  for (const line of checklist()) console.log(line)
  console.log(`已写入 ${path.relative(process.cwd(), INDEX_FILE)}`)
}
