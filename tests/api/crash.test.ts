// Nothing acknowledged is lost, nothing is there twice: the local server in its own process
// takes votes from 100 residents, is killed with SIGKILL once at least 200 were acknowledged,
// and is started again on the same DATA_DIR. Every acknowledged vote is there, with its audit
// entry (one transaction), and no resident has more votes than they sent. SQLite only: it is
// the local server's own database file that must survive.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../server/local/app'
import { createSqliteStore } from '../../server/store/sqlite/sqlite-store'
import { NOW, townWithVoters } from '../helpers/factories'
import { apiStoreKind } from '../helpers/store-adapters'

const root = path.resolve(__dirname, '../..')
const VOTERS = 100
const VOTES_EACH = 3
const KILL_AFTER = 200
const candidates = ['nom-town-1', 'nom-town-2']

interface Server {
  url: string
  process: ChildProcess
}

/** The server entry run by node itself (not through the tsx wrapper), so SIGKILL reaches it. */
function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/local/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      APP_MODE: 'dev',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_NOW: new Date(NOW).toISOString(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const url = /本地服务已启动：(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
      if (url) {
        clearTimeout(timer)
        resolve({ url, process: child })
      }
    })
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)))
  })
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })

async function post(url: string, action: string, input: object, token?: string, key?: string) {
  const res = await fetch(`${url}/api/${action}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify(input),
  })
  return (await res.json()) as { ok: boolean; data?: { token?: string } }
}

describe.skipIf(apiStoreKind() === 'cloud')('a crash of the local server', () => {
  // Made when the tests run: a skipped block (the cloud adapter) still runs its body.
  let dataDir = ''
  const running: ChildProcess[] = []
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-crash-'))
  })
  afterAll(async () => {
    for (const child of running) {
      child.kill('SIGKILL')
      await exited(child)
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('loses no acknowledged vote and writes none twice', { timeout: 180_000 }, async () => {
    const store = createSqliteStore(path.join(dataDir, DATABASE_FILE))
    await store.importSnapshot(townWithVoters(VOTERS, VOTES_EACH, 'crash'))
    await store.close()

    const first = await startServer(dataDir)
    running.push(first.process)
    const tokens = await Promise.all(
      Array.from({ length: VOTERS }, async (_, i) => {
        const answer = await post(first.url, 'auth.devLogin', { openid: `crash-${i}` })
        return answer.data?.token ?? ''
      }),
    )
    const sent = new Map<string, number>()
    const acknowledged = new Map<string, number>()
    let acks = 0
    let killed = false
    const gone = exited(first.process)
    // Every resident votes their three votes one after another; all residents at once.
    await Promise.all(
      tokens.map(async (token, i) => {
        const voter = `u-crash-${i}`
        for (let v = 0; v < VOTES_EACH && !killed; v++) {
          sent.set(voter, (sent.get(voter) ?? 0) + 1)
          const input = { campaignId: 'c-town', candidateId: candidates[v % 2] as string }
          const answer = await post(
            first.url,
            'campaigns.vote',
            input,
            token,
            `crash-${i}-${v}-key`,
          ).catch(() => null)
          if (!answer?.ok) continue
          acknowledged.set(voter, (acknowledged.get(voter) ?? 0) + 1)
          if (++acks >= KILL_AFTER && !killed) {
            killed = true
            first.process.kill('SIGKILL')
          }
        }
      }),
    )
    await gone
    expect(first.process.signalCode).toBe('SIGKILL')
    expect(acks).toBeGreaterThanOrEqual(KILL_AFTER)

    // Started again on the same folder, the server answers from what was stored.
    const second = await startServer(dataDir)
    running.push(second.process)
    second.process.kill('SIGTERM')
    await exited(second.process)

    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true })
    const stored = new Map(
      (
        db
          .prepare(
            `SELECT voter_id AS voter, COUNT(*) AS n FROM votes
                    WHERE campaign_id = 'c-town' AND voter_id LIKE 'u-crash-%' GROUP BY voter_id`,
          )
          .all() as { voter: string; n: number }[]
      ).map((r) => [r.voter, r.n]),
    )
    const audited = new Map(
      (
        db
          .prepare(
            `SELECT actor_id AS voter, COUNT(*) AS n FROM audit_log
                    WHERE action = 'campaigns.vote' AND actor_id LIKE 'u-crash-%'
                      AND after_json NOT LIKE '%refused%' GROUP BY actor_id`,
          )
          .all() as { voter: string; n: number }[]
      ).map((r) => [r.voter, r.n]),
    )
    db.close()
    let found = 0
    for (const [voter, count] of acknowledged) {
      expect(stored.get(voter) ?? 0, `${voter}: acknowledged votes kept`).toBeGreaterThanOrEqual(
        count,
      )
      found += Math.min(count, stored.get(voter) ?? 0)
    }
    for (const [voter, count] of stored) {
      expect(count, `${voter}: no more votes than sent`).toBeLessThanOrEqual(sent.get(voter) ?? 0)
      expect(audited.get(voter), `${voter}: one audit entry per vote`).toBe(count)
    }
    expect(found).toBe(acks)
    process.stdout.write(
      `crash test: ${acks} votes acknowledged before SIGKILL, ${found} of them found after the restart, ` +
        `${[...stored.values()].reduce((a, b) => a + b, 0)} stored in all\n`,
    )
  })
})
