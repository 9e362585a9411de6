// WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside the COMMIT
// that crosses 1,000 WAL pages: that request, and every request queued behind it on the one
// connection, waits while pages are copied into the database file and both files are fsynced.
// A vote writes ~19 pages, so under load one vote in ~50 paid for a checkpoint. Here a worker
// thread with a connection of its own checkpoints every CHECKPOINT_MS (SQLite runs a PASSIVE
// checkpoint beside a writer, never blocking it), and the server's connection checkpoints
// itself only every SERVER_AUTOCHECKPOINT pages, by then a short tail that also lets the WAL
// file start over from its beginning.
//
// Durability (synchronous = NORMAL in WAL mode): a commit survives a crash of the process; a
// power cut may lose the commits since the WAL was last fsynced, never the database's
// consistency. Every checkpoint fsyncs the WAL, so that window is now about CHECKPOINT_MS at any
// traffic, where before it was "until 1,000 pages were written" (hours on a quiet day).
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

export const CHECKPOINT_MS = 1_000
/** The server's own checkpoints, with the worker running: copying its tail and restarting the WAL. */
const SERVER_AUTOCHECKPOINT = 10_000
/** What the server's connection falls back to if the worker is gone (SQLite's default). */
const DEFAULT_AUTOCHECKPOINT = 1_000

// Plain CommonJS for an eval'd worker: it runs the same under tsx, vitest and node.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
db.pragma('synchronous = NORMAL')
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // Busy or a passing I/O error: the next round tries again.
  }
}
const timer = setInterval(checkpoint, workerData.everyMs)
parentPort.once('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

export interface Checkpointer {
  /** Stops the worker (before the server's connection closes, which checkpoints the rest). */
  stop(): Promise<void>
}

/** Checkpoints `file` (in WAL mode; `db` is the server's connection to it) from a worker. */
export function startCheckpointer(file: string, db: Database.Database): Checkpointer {
  const driver = createRequire(__filename).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, everyMs: CHECKPOINT_MS },
  })
  worker.unref()
  db.pragma(`wal_autocheckpoint = ${SERVER_AUTOCHECKPOINT}`)
  let running = true
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      running = false
      // Without the worker the connection checkpoints as often as SQLite would by itself.
      if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`)
      resolve()
    })
  })
  // A worker that could not start or crashed only leaves the connection to its own checkpoints.
  worker.on('error', () => {})
  return {
    async stop() {
      if (running) worker.postMessage('stop')
      await exited
    },
  }
}
