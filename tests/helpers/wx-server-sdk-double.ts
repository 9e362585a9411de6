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
  type Journal,
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
   * rollback(reason)) undoes every write and rejects with the error (or reason). Transactions
   * here never conflict (they run one at a time), so `times` never comes into play.
   */
  runTransaction<T>(callback: (t: Transaction) => Promise<T>, _times = 3): Promise<T> {
    // The platform has no nested transactions; here one would wait on itself forever.
    if (insideTransaction.getStore())
      return Promise.reject(new CloudSdkError(-1, 'runTransaction:fail nested transaction'))
    return this.ctx.env.exclusive(async () => {
      const tx = { journal: [] as Journal, closed: false }
      const ctx: Context = { ...this.ctx, tx }
      let rolledBack: { reason: unknown } | null = null
      const transaction: Transaction = {
        collection: (name) => new TransactionCollection(ctx, name),
        rollback: async (reason) => {
          rolledBack = { reason }
          tx.closed = true
        },
      }
      const undo = () => {
        for (const { collection, id, before } of tx.journal.reverse())
          this.ctx.env.write(collection, id, before, null, 'rollback')
      }
      let value: T
      try {
        value = await insideTransaction.run(true, () => callback(transaction))
      } catch (e) {
        tx.closed = true
        undo()
        throw e
      }
      tx.closed = true
      if (rolledBack) {
        undo()
        throw (rolledBack as { reason: unknown }).reason
      }
      return value
    })
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
