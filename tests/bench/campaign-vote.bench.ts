// campaigns.vote on the local server (HTTP, router, SQLite) under 200 concurrent voters:
// throughput and latency percentiles, beside the raw rate of the same vote transaction
// (phase, candidate, limits, slot insert) run directly on better-sqlite3 in the same run.
// The ratio is the figure that matters. Run: npm run bench -- campaign
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { shanghaiDay } from '../../contract/time'
import { castVote } from '../../server/store/sqlite/campaigns'
import { importSnapshot } from '../../server/store/sqlite/snapshot'
import { openDatabase } from '../../server/store/sqlite/sqlite-store'
import { createSql } from '../../server/store/sqlite/sql'
import { NOW, townWithVoters } from '../helpers/factories'
import { startTestApi } from '../helpers/http-api'

const VOTERS = 200
const VOTES_EACH = 10

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

/** The test town with VOTERS residents who may each vote VOTES_EACH times today. */
const town = () => townWithVoters(VOTERS, VOTES_EACH, 'bench')

async function overHttp(rateLimits: boolean) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-vote-bench-'))
  const api = await startTestApi({ snapshot: town(), clock: () => NOW, dataDir, rateLimits })
  try {
    const tokens = await Promise.all(
      Array.from({ length: VOTERS }, (_, i) => api.login(`bench-${i}`)),
    )
    const latencies: number[] = []
    const started = performance.now()
    // Every voter votes VOTES_EACH times in a row; all VOTERS vote at the same time.
    await Promise.all(
      tokens.map(async (token, i) => {
        for (let k = 0; k < VOTES_EACH; k++) {
          const t = performance.now()
          const { status } = await api.post(
            'campaigns.vote',
            { campaignId: 'c-town', candidateId: (i + k) % 2 ? 'nom-town-1' : 'nom-town-2' },
            token,
          )
          if (status !== 200) throw new Error(`vote refused: HTTP ${status}`)
          latencies.push(performance.now() - t)
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    latencies.sort((a, b) => a - b)
    return {
      rate: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    }
  } finally {
    await api.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The same vote transaction as the store runs, straight on better-sqlite3, one after another. */
function raw() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-vote-raw-'))
  const sql = createSql(openDatabase(path.join(dir, 'raw.sqlite')))
  try {
    importSnapshot(sql, town())
    const day = shanghaiDay(NOW)
    const started = performance.now()
    let n = 0
    for (let k = 0; k < VOTES_EACH; k++)
      for (let i = 0; i < VOTERS; i++) {
        const outcome = castVote(sql, {
          id: `raw-${n++}`,
          campaignId: 'c-town',
          nominationId: (i + k) % 2 ? 'nom-town-1' : 'nom-town-2',
          voterId: `u-bench-${i}`,
          voterHouseholdId: `hh-bench-${i}`,
          day,
          assistedBy: null,
          createdAt: NOW,
          now: NOW,
        })
        if (!outcome.ok) throw new Error(`raw vote refused: ${outcome.reason}`)
      }
    return n / ((performance.now() - started) / 1000)
  } finally {
    sql.db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function main() {
  const unlimited = await overHttp(false)
  const http = await overHttp(true)
  const direct = raw()
  console.log(
    `campaigns.vote: ${VOTERS} concurrent voters × ${VOTES_EACH} votes = ${VOTERS * VOTES_EACH} votes`,
  )
  console.log(
    `  HTTP (router + SQLite)   ${http.rate.toFixed(0).padStart(7)} votes/s   p50 ${http.p50.toFixed(1)} ms   p99 ${http.p99.toFixed(1)} ms`,
  )
  console.log(
    `  HTTP, no rate limits     ${unlimited.rate.toFixed(0).padStart(7)} votes/s   p50 ${unlimited.p50.toFixed(1)} ms   p99 ${unlimited.p99.toFixed(1)} ms`,
  )
  console.log(
    `  limiter overhead         p50 ${(http.p50 - unlimited.p50).toFixed(1)} ms   p99 ${(http.p99 - unlimited.p99).toFixed(1)} ms   rate ×${(http.rate / unlimited.rate).toFixed(3)}`,
  )
  console.log(
    `  raw better-sqlite3       ${direct.toFixed(0).padStart(7)} votes/s   (same transaction)`,
  )
  console.log(`  ratio HTTP / raw         ${(http.rate / direct).toFixed(3)}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
