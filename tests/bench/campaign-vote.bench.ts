// campaigns.vote on the local server (HTTP, router, SQLite) under 50 concurrent voters:
// throughput and latency percentiles, beside the rate of the same vote transaction (phase,
// candidate, limits, slot insert) run directly on better-sqlite3, in the same run; the ratio
// is the figure that matters (goal ≥ 0.3, p99 ≤ 100 ms).
//
// The server is `server/local/main.ts` in a process of its own (dev mode, DEMO_NOW inside the
// voting window) on a SQLite file seeded with the test town and VOTERS + WARM residents bound
// to households of their own; autocannon drives it, every request a vote of the next voter in
// the plan with a token signed for that voter and an Idempotency-Key of its own, as the app
// sends. Rounds alternate HTTP and direct; the medians are the figures.
//
// Run: npm run bench -- campaign [--profile]   (BENCH_ROUNDS=3 by default)
// --profile runs one more HTTP round under node --cpu-prof and prints where a vote's time goes.
import autocannon, { type Request } from 'autocannon'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { shanghaiDay } from '../../contract/time'
import { DATABASE_FILE } from '../../server/local/app'
import { issueToken, loadSecret } from '../../server/local/token'
import { castVote } from '../../server/store/sqlite/campaigns'
import { importSnapshot } from '../../server/store/sqlite/snapshot'
import { createSqliteStore, openDatabase } from '../../server/store/sqlite/sqlite-store'
import { createSql } from '../../server/store/sqlite/sql'
import { NOW, townWithVoters } from '../helpers/factories'
import { frameIn, monotonicUs, printProfile, summariseProfile, type Span } from './cpu-profile'
import { startLocalServer } from './local-server'

const VOTERS = 2_000
const VOTES_EACH = 10
/** Residents who vote once each before the measured run, so the server's JIT is warm. */
const WARM = 1_000
const CONNECTIONS = 50
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const PROFILE = process.argv.includes('--profile')

const town = townWithVoters(VOTERS + WARM, VOTES_EACH, 'bench')

interface PlannedVote {
  voter: number
  candidateId: string
}

/** Every voter once per pass, VOTES_EACH passes: one voter's votes are 2,000 requests apart. */
const measured: PlannedVote[] = []
for (let k = 0; k < VOTES_EACH; k++)
  for (let i = 0; i < VOTERS; i++)
    measured.push({ voter: i, candidateId: (i + k) % 2 ? 'nom-town-1' : 'nom-town-2' })
const warmUp: PlannedVote[] = Array.from({ length: WARM }, (_, i) => ({
  voter: VOTERS + i,
  candidateId: i % 2 ? 'nom-town-1' : 'nom-town-2',
}))

interface HttpFigures {
  rate: number
  /** The server's CPU time per vote (µs), all its threads. */
  cpuUs: number
  p50: number
  p99: number
  refused: number
}

/** A data folder with the town in its SQLite file, and a token for each voter. */
async function prepare() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-vote-bench-'))
  const store = createSqliteStore(path.join(dataDir, DATABASE_FILE))
  await store.importSnapshot(town)
  await store.close()
  // The server reads the same secret file: tokens signed here are its own.
  const secret = loadSecret(dataDir)
  const tokens = Array.from({ length: VOTERS + WARM }, (_, i) =>
    issueToken(secret, { sub: `bench-${i}`, mode: 'dev', sv: 0 }, NOW),
  )
  return { dataDir, tokens }
}

async function fire(url: string, plan: PlannedVote[], tokens: string[], tag: string) {
  let next = 0
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: plan.length,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/campaigns.vote',
        setupRequest: (request: Request): Request => {
          const n = next++
          const vote = plan[n % plan.length] as PlannedVote
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[vote.voter]}`,
              'idempotency-key': `${tag}-${n}-vote`,
            },
            body: JSON.stringify({ campaignId: 'c-town', candidateId: vote.candidateId }),
          }
        },
      },
    ],
  })
  return result
}

/** The votes the server's database holds (read after it stopped). */
function votesStored(dataDir: string): number {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true })
  try {
    return Number((db.prepare('SELECT COUNT(*) AS n FROM votes').get() as { n: number }).n)
  } finally {
    db.close()
  }
}

async function overHttp(cpuProfDir?: string): Promise<HttpFigures & { window: [number, number] }> {
  const { dataDir, tokens } = await prepare()
  const before = votesStored(dataDir)
  const server = await startLocalServer({ dataDir, now: NOW, cpuProfDir })
  try {
    const warm = await fire(server.url, warmUp, tokens, 'warm')
    const from = monotonicUs()
    const cpuBefore = server.cpuMs()
    const run = await fire(server.url, measured, tokens, 'run')
    const cpuUs = ((server.cpuMs() - cpuBefore) * 1000) / measured.length
    const to = monotonicUs()
    await server.stop()
    const stored = votesStored(dataDir)
    const expected = before + warmUp.length + measured.length
    if (stored !== expected || warm.non2xx + run.non2xx + run.errors > 0) {
      throw new Error(
        `votes went missing: ${stored} stored of ${expected}; refused ${warm.non2xx + run.non2xx}, errors ${run.errors}`,
      )
    }
    return {
      rate: run['2xx'] / run.duration,
      cpuUs,
      p50: run.latency.p50,
      p99: run.latency.p99,
      refused: run.non2xx,
      window: [from, to],
    }
  } finally {
    await server.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The same vote transaction as the store runs, straight on better-sqlite3, one after another. */
function direct(): { rate: number; cpuUs: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-vote-raw-'))
  const sql = createSql(openDatabase(path.join(dir, DATABASE_FILE)))
  try {
    importSnapshot(sql, town)
    const day = shanghaiDay(NOW)
    let n = 0
    const cast = (vote: PlannedVote) => {
      const outcome = castVote(sql, {
        id: `raw-${n++}`,
        campaignId: 'c-town',
        nominationId: vote.candidateId,
        voterId: `u-bench-${vote.voter}`,
        voterHouseholdId: `hh-bench-${vote.voter}`,
        day,
        assistedBy: null,
        createdAt: NOW,
        now: NOW,
      })
      if (!outcome.ok) throw new Error(`direct vote refused: ${outcome.reason}`)
    }
    warmUp.forEach(cast)
    const started = performance.now()
    const cpu = process.cpuUsage()
    measured.forEach(cast)
    const used = process.cpuUsage(cpu)
    return {
      rate: measured.length / ((performance.now() - started) / 1000),
      cpuUs: (used.user + used.system) / measured.length,
    }
  } finally {
    sql.db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const spans: Span[] = [
  {
    label: 'session token (token.ts read; cached)',
    test: frameIn('server/local/token.ts', /^(read|verify)$/),
  },
  {
    label: 'rate limits (router limit / takeLimits)',
    test: frameIn('server/router.ts', /^(limit|takeLimits)$/),
  },
  { label: 'identify (router identify)', test: frameIn('server/router.ts', 'identify') },
  {
    label: '  users.ensure (INSERT OR IGNORE users)',
    test: frameIn('server/store/sqlite/users.ts', 'ensure'),
  },
  {
    label: 'BEGIN / COMMIT / SAVEPOINT (prepared)',
    test: frameIn('server/store/sqlite/sql.ts', 'transactionStatement'),
  },
  { label: 'zod (input and output parse)', test: (f) => f.url.includes('node_modules/zod/') },
  { label: 'idempotency (once)', test: frameIn('server/idempotent.ts', 'once') },
  { label: 'campaign read (campaigns.get)', test: frameIn('server/store/sqlite/campaign-docs.ts') },
  {
    label: 'vote transaction (castVote)',
    test: frameIn('server/store/sqlite/votes.ts', 'castVote'),
  },
  { label: 'audit append', test: frameIn('server/store/sqlite/audit.ts', 'append') },
  { label: 'hide unchecked media', test: frameIn('server/media/media-urls.ts') },
  { label: 'logging (server/logger.ts)', test: frameIn('server/logger.ts') },
  {
    label: 'JSON stringify / parse',
    test: (f) => f.url === '' && (f.functionName === 'stringify' || f.functionName === 'parse'),
  },
  { label: 'garbage collection', test: (f) => f.functionName === '(garbage collector)' },
]

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

async function main() {
  // --summarise FILE: the summary of a profile kept by an earlier run (BENCH_KEEP_PROFILE).
  const kept = process.argv[process.argv.indexOf('--summarise') + 1]
  if (process.argv.includes('--summarise') && kept) {
    // Without the measured run's window (a profile from elsewhere): every sample.
    const windowFile = `${kept}.window.json`
    const window = fs.existsSync(windowFile)
      ? (JSON.parse(fs.readFileSync(windowFile, 'utf8')) as { fromUs: number; toUs: number })
      : undefined
    printProfile(summariseProfile(kept, spans, window), measured.length)
    return
  }
  console.log(
    `campaigns.vote: ${CONNECTIONS} connections, ${measured.length} votes by ${VOTERS} voters (${VOTES_EACH} each) after ${WARM} warm-up votes; ${ROUNDS} rounds`,
  )
  const rows: { http: HttpFigures; direct: { rate: number; cpuUs: number } }[] = []
  const line = (
    label: string,
    x: { rate: number; p50: number; p99: number; direct: number; ratio: number },
    cpu: { http: number; direct: number; ratio: number },
  ) =>
    console.log(
      `  ${label}: HTTP ${x.rate.toFixed(0).padStart(5)} votes/s  p50 ${x.p50.toFixed(1).padStart(5)} ms  p99 ${x.p99.toFixed(1).padStart(6)} ms | direct ${x.direct.toFixed(0).padStart(5)} votes/s | ratio ${x.ratio.toFixed(3)} | CPU/vote server ${cpu.http.toFixed(0)} µs, direct ${cpu.direct.toFixed(0)} µs, ratio ${cpu.ratio.toFixed(3)}`,
    )
  for (let r = 0; r < ROUNDS; r++) {
    const http = await overHttp()
    const raw = direct()
    rows.push({ http, direct: raw })
    line(
      `round ${r + 1}`,
      { ...http, direct: raw.rate, ratio: http.rate / raw.rate },
      { http: http.cpuUs, direct: raw.cpuUs, ratio: raw.cpuUs / http.cpuUs },
    )
  }
  if (rows.length > 0) {
    line(
      'median ',
      {
        rate: median(rows.map((x) => x.http.rate)),
        p50: median(rows.map((x) => x.http.p50)),
        p99: median(rows.map((x) => x.http.p99)),
        direct: median(rows.map((x) => x.direct.rate)),
        ratio: median(rows.map((x) => x.http.rate / x.direct.rate)),
      },
      {
        http: median(rows.map((x) => x.http.cpuUs)),
        direct: median(rows.map((x) => x.direct.cpuUs)),
        ratio: median(rows.map((x) => x.direct.cpuUs / x.http.cpuUs)),
      },
    )
    console.log(
      `  goal: ratio ≥ 0.3 and p99 ≤ 100 ms. The CPU ratio (direct CPU per vote ÷ the server’s) is what the wall-clock ratio tends to on an idle machine with a core for autocannon.`,
    )
  }

  if (PROFILE) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-vote-prof-'))
    try {
      const run = await overHttp(dir)
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
      if (!file) throw new Error('the server wrote no CPU profile')
      console.log(
        `profiled round (node --cpu-prof, slower): ${run.rate.toFixed(0)} votes/s  p50 ${run.p50.toFixed(1)} ms  p99 ${run.p99.toFixed(1)} ms`,
      )
      // BENCH_KEEP_PROFILE=file.cpuprofile keeps it (open it in Chrome DevTools).
      const [fromUs, toUs] = run.window
      const keep = process.env.BENCH_KEEP_PROFILE
      if (keep) {
        fs.copyFileSync(path.join(dir, file), keep)
        fs.writeFileSync(`${keep}.window.json`, JSON.stringify({ fromUs, toUs }))
      }
      printProfile(summariseProfile(path.join(dir, file), spans, { fromUs, toUs }), measured.length)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
