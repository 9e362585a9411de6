// notices.list on the local server (HTTP, router, SQLite) over 10,000 notices: throughput
// and latency percentiles for anonymous visitors and for residents, first pages and deep
// pages. Run: npm run bench -- notices   (or npx tsx tests/bench/notices-list.bench.ts)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { NoticeRecord } from '../../server/store/store'
import { buildTestTown, HOUR, notice, NOW, who } from '../helpers/factories'
import { startTestApi } from '../helpers/http-api'

const NOTICES = 10_000
const REQUESTS = 2_000
const CONCURRENCY = 20

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

async function main() {
  const town = buildTestTown()
  const villages = [[], ['vil-a'], ['vil-b'], ['vil-a', 'vil-b']]
  const notices: NoticeRecord[] = Array.from({ length: NOTICES }, (_, i) =>
    notice(`bench-${String(i).padStart(5, '0')}`, villages[i % villages.length] ?? [], {
      columnId: i % 3 ? 'col-news' : 'col-affairs',
      publishAt: NOW - i * (HOUR / 4),
      body: `第 ${i} 条公告的正文。`.repeat(20),
    }),
  )
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-notices-bench-'))
  const api = await startTestApi({
    snapshot: { ...town, notices: [...town.notices, ...notices] },
    clock: () => NOW,
    dataDir,
  })
  try {
    const resident = await api.login(who.residentA)
    // Cursors for deep pages: page 20 (≈ 400 notices down) of each kind of reader.
    const deepCursor = async (token?: string) => {
      let cursor: string | null = null
      for (let i = 0; i < 20; i++) {
        const page: { nextCursor: string | null } = await api.data(
          'notices.list',
          cursor ? { cursor } : {},
          token,
        )
        cursor = page.nextCursor
      }
      return cursor ?? undefined
    }
    const scenarios: { name: string; token?: string; cursor?: string }[] = [
      { name: 'visitor, first page' },
      { name: 'resident, first page', token: resident },
      { name: 'visitor, page 20', cursor: await deepCursor() },
      { name: 'resident, page 20', token: resident, cursor: await deepCursor(resident) },
    ]
    console.log(
      `notices.list over HTTP: ${NOTICES} notices, ${REQUESTS} requests per scenario, ${CONCURRENCY} at a time`,
    )
    for (const s of scenarios) {
      const latencies: number[] = []
      let next = 0
      const started = performance.now()
      const worker = async () => {
        while (next < REQUESTS) {
          next++
          const t = performance.now()
          const { status } = await api.post(
            'notices.list',
            s.cursor ? { cursor: s.cursor } : {},
            s.token,
          )
          if (status !== 200) throw new Error(`${s.name}: HTTP ${status}`)
          latencies.push(performance.now() - t)
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, worker))
      const seconds = (performance.now() - started) / 1000
      latencies.sort((a, b) => a - b)
      console.log(
        `  ${s.name.padEnd(22)} ${(REQUESTS / seconds).toFixed(0).padStart(6)} req/s` +
          `   p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms`,
      )
    }
  } finally {
    await api.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
