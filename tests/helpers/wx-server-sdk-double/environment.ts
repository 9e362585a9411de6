// The environment of the double: its collections, errors shaped like the SDK's, unique keys,
// and the versions that let concurrent transactions conflict the way the platform's do.
import { randomBytes } from 'node:crypto'
import { getPath, type Doc } from './commands'

/**
 * Most documents one get() answers in a cloud function, and its default. The reference page says
 * 1000 (…/database/collection/Collection.limit.html) but the guide and developers' measurements
 * say 100 (https://developers.weixin.qq.com/community/develop/doc/000c06836f00e8b70ce91fe6856000);
 * the double keeps the stricter number, so an adapter that pages past it is safe under both.
 */
export const GET_MAX = 100

/** errCode of a failed database request; a duplicate _id or unique key is one of these. */
export const DATABASE_REQUEST_FAIL = -502001

/** An error shaped like the SDK's: errCode and errMsg, errMsg also the message. */
export class CloudSdkError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(errMsg)
    this.name = 'CloudSdkError'
  }
}

export interface WXContext {
  OPENID: string
  APPID: string
  UNIONID?: string
  ENV: string
  SOURCE: string
}

export interface CloudDoubleOptions {
  /** The database clock behind db.serverDate(); Date.now by default. */
  now?: () => number
  /** Unique indexes per collection (field paths), enforced like the platform's unique index. */
  uniqueIndexes?: Record<string, readonly (readonly string[])[]>
}

export interface DbOptions {
  /** …/database/document/Document.get.html: doc().get() throws on a missing record unless false. */
  throwOnNotFound?: boolean
}

/** A transaction's view: the version of every document it touched, and its staged writes. */
export interface TxState {
  seen: Map<string, number>
  writes: Map<string, { collection: string; id: string; doc: Doc | undefined; op: string }>
  closed: boolean
}

export const docKey = (collection: string, id: string) => `${collection}\u0000${id}`

/**
 * What the platform answers when a transaction touched a document that another transaction
 * changed and committed meanwhile (@cloudbase/database's ERRORS.DATABASE_TRANSACTION_CONFLICT,
 * the error runTransaction retries on).
 */
export function transactionConflict(): CloudSdkError & { code: string } {
  return Object.assign(new CloudSdkError(-1, 'database transaction conflict'), {
    code: 'DATABASE_TRANSACTION_CONFLICT',
  })
}

/** All collections of one environment, plus what keeps writes honest. */
export class Environment {
  readonly collections = new Map<string, Map<string, Doc>>()
  /** How often each document was written: a transaction that saw another version conflicts. */
  private readonly versions = new Map<string, number>()
  /** Transactions committed and conflicts raised, for tests that measure contention. */
  readonly stats = { committed: 0, conflicts: 0 }

  constructor(readonly options: CloudDoubleOptions) {}

  now(): number {
    return (this.options.now ?? Date.now)()
  }

  rows(name: string): Map<string, Doc> {
    let rows = this.collections.get(name)
    if (!rows) this.collections.set(name, (rows = new Map()))
    return rows
  }

  version(name: string, id: string): number {
    return this.versions.get(docKey(name, id)) ?? 0
  }

  /** Writes (or deletes, with undefined) one document, after the unique-key checks. */
  write(name: string, id: string, doc: Doc | undefined, op: string) {
    const rows = this.rows(name)
    if (doc) this.checkUnique(name, id, doc, op)
    if (doc) rows.set(id, doc)
    else rows.delete(id)
    this.versions.set(docKey(name, id), this.version(name, id) + 1)
  }

  /**
   * Commits a transaction's staged writes, all at once (nothing else runs in between): unless a
   * document it touched was changed since it first looked, which is a conflict and writes
   * nothing; a unique key taken meanwhile fails it the same way, as a duplicate.
   */
  commit(tx: TxState) {
    for (const [key, seen] of tx.seen) {
      const [name = '', id = ''] = key.split('\u0000')
      if (this.version(name, id) !== seen) {
        this.stats.conflicts++
        throw transactionConflict()
      }
    }
    for (const w of tx.writes.values()) if (w.doc) this.checkUnique(w.collection, w.id, w.doc, w.op)
    for (const w of tx.writes.values()) this.write(w.collection, w.id, w.doc, w.op)
    this.stats.committed++
  }

  checkUnique(name: string, id: string, doc: Doc, op: string) {
    for (const fields of this.options.uniqueIndexes?.[name] ?? []) {
      const key = JSON.stringify(fields.map((f) => getPath(doc, f) ?? null))
      for (const [otherId, other] of this.rows(name)) {
        if (otherId === id) continue
        if (JSON.stringify(fields.map((f) => getPath(other, f) ?? null)) === key)
          throw duplicateKey(op, name, fields.join('_1_') + '_1', key)
      }
    }
  }
}

// The platform answers a duplicate _id or unique key with a failed request whose message carries
// MongoDB's E11000 text (developers branch on errCode -502001 plus "duplicate key").
export function duplicateKey(op: string, collection: string, index: string, key: string) {
  return new CloudSdkError(
    DATABASE_REQUEST_FAIL,
    `${op}:fail ${DATABASE_REQUEST_FAIL} database request fail | errMsg: [FailedOperation] ` +
      `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
  )
}

export const generateId = () => randomBytes(16).toString('hex')
