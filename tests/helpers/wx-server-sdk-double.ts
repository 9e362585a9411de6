// An in-memory double of the part of wx-server-sdk a cloud-database Store adapter uses, faithful
// to the documented behaviour. It has NOT been checked against a live cloud environment.
// Sources (quoted next to each behaviour below and in ./wx-server-sdk-double/*):
// - init / DYNAMIC_CURRENT_ENV: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/init/server.init.html
// - getWXContext: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html
// - database API: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Cloud.database.html
import { AsyncLocalStorage } from 'node:async_hooks'
import { createAggregateCommand } from './wx-server-sdk-double/aggregate'
import { Collection, type Context, TransactionCollection } from './wx-server-sdk-double/collection'
import { createCommand, DbRegExp, type Doc, ServerDate } from './wx-server-sdk-double/commands'
import {
  CloudSdkError,
  type CloudDoubleOptions,
  type DbOptions,
  Environment,
  type TxState,
  type WXContext,
} from './wx-server-sdk-double/environment'

export type { Doc } from './wx-server-sdk-double/commands'
export { AGGREGATE_DEFAULT_LIMIT } from './wx-server-sdk-double/aggregate'
export {
  CloudSdkError,
  type CloudDoubleOptions,
  DATABASE_REQUEST_FAIL,
  GET_MAX,
  type WXContext,
} from './wx-server-sdk-double/environment'

export interface Transaction {
  collection(name: string): TransactionCollection
  /** Ends the transaction; runTransaction then rejects with this reason. */
  rollback(reason?: unknown): Promise<void>
}

const insideTransaction = new AsyncLocalStorage<boolean>()

class Database {
  readonly command = Object.assign(createCommand(), { aggregate: createAggregateCommand() })

  constructor(private readonly ctx: Context) {}

  collection(name: string): Collection {
    return new Collection(this.ctx, name)
  }

  /** …/database/Database.RegExp.html: a regular-expression condition for where(). */
  RegExp(arg: { regexp: string; options?: string }): DbRegExp {
    return new DbRegExp(arg)
  }

  /** …/database/Database.serverDate.html: the server's time when the write lands, plus offset. */
  serverDate(options: { offset?: number } = {}): ServerDate {
    return new ServerDate(options.offset ?? 0)
  }

  /**
   * …/database/Database.runTransaction.html: resolves with the callback's value; a throw (or
   * rollback(reason)) writes nothing and rejects with the error (or reason). Transactions run
   * concurrently, as on the platform: each sees the documents as they were when it first read
   * them plus its own writes, and commits all at once, unless a document it touched was
   * committed by another meanwhile — a DATABASE_TRANSACTION_CONFLICT, on which the callback is
   * run again up to `times` more times (@cloudbase/database's runTransaction does the same).
   */
  async runTransaction<T>(callback: (t: Transaction) => Promise<T>, times = 3): Promise<T> {
    // The platform has no nested transactions.
    if (insideTransaction.getStore())
      throw new CloudSdkError(-1, 'runTransaction:fail nested transaction')
    for (let left = times; ; left--) {
      const tx: TxState = { seen: new Map(), writes: new Map(), closed: false }
      const ctx: Context = { ...this.ctx, tx }
      let rolledBack: { reason: unknown } | null = null
      const transaction: Transaction = {
        collection: (name) => new TransactionCollection(ctx, name),
        rollback: async (reason) => {
          rolledBack = { reason }
          tx.closed = true
        },
      }
      try {
        const value = await insideTransaction.run(true, () => callback(transaction))
        tx.closed = true
        if (rolledBack) throw (rolledBack as { reason: unknown }).reason
        this.ctx.env.commit(tx)
        return value
      } catch (e) {
        tx.closed = true
        const conflict = (e as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT'
        if (!conflict || left <= 0) throw e
      }
    }
  }
}

export type CloudDatabase = Database

/** One fake cloud environment: `cloud` stands in for `require('wx-server-sdk')`. */
export function createCloudDouble(options: CloudDoubleOptions = {}) {
  const env = new Environment(options)
  let initialised: { env: string | symbol } | null = null
  let initDb: DbOptions = {}
  let context: WXContext = {
    OPENID: '',
    APPID: 'wx-double',
    ENV: 'double-env',
    SOURCE: 'wx_client',
  }
  const cloud = {
    /** A symbol: the function then uses the environment it was called in. */
    DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
    init(opts: { env?: string | symbol; throwOnNotFound?: boolean } = {}) {
      initialised = { env: opts.env ?? 'default' }
      initDb = { throwOnNotFound: opts.throwOnNotFound }
    },
    /** The caller as the platform saw it; tests stub it with setWXContext or by replacing it. */
    getWXContext(): WXContext {
      return { ...context }
    },
    database(opts: DbOptions = {}): Database {
      return new Database({ env, db: { ...initDb, ...opts }, tx: null })
    },
  }
  return {
    cloud,
    /** How init() was last called, or null when it never was. */
    initialised: () => initialised,
    setWXContext(patch: Partial<WXContext>) {
      context = { ...context, ...patch }
    },
    /** Transactions committed and conflicts raised so far. */
    transactionStats: () => ({ ...env.stats }),
    /** Names of the collections that hold (or held) documents. */
    collectionNames(): string[] {
      return [...env.collections.keys()].sort()
    },
    /** Every document of a collection, as stored: for assertions. */
    dump(name: string): Doc[] {
      return structuredClone([...env.rows(name).values()])
    },
  }
}
export type CloudDouble = ReturnType<typeof createCloudDouble>
