// Reads a V8 CPU profile (node --cpu-prof) and tells where the time went: named spans (a
// frame anywhere on the sampled stack, so a span includes what it calls) and the files the
// CPU was actually in (the sampled frame itself), each in ms and as a share of busy time.
import fs from 'node:fs'

interface CallFrame {
  functionName: string
  url: string
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}
interface CpuProfile {
  /** µs on the monotonic clock (process.hrtime in any process of this machine). */
  startTime: number
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface Span {
  label: string
  /** Whether a frame belongs to this span. */
  test: (frame: CallFrame) => boolean
}

/** A frame of function `fn` (any when omitted) in a file whose path ends with `file`. */
export const frameIn =
  (file: string, fn?: string | RegExp) =>
  (f: CallFrame): boolean =>
    f.url.endsWith(file) &&
    (fn === undefined || (typeof fn === 'string' ? f.functionName === fn : fn.test(f.functionName)))

/** Where a sampled frame's own time is booked: a file or a kind of work. */
function placeOf(f: CallFrame): string {
  if (f.functionName === '(idle)') return '(idle)'
  if (f.functionName === '(garbage collector)') return 'garbage collection'
  if (f.functionName === '(program)') return 'V8 / native (unattributed)'
  const url = f.url
  if (url === '') return `native: ${f.functionName || '(anonymous)'}`
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (modules) return `npm: ${modules[1]}`
  if (url.startsWith('node:')) {
    if (/_http|http_parser|internal\/http/.test(url)) return 'node: http'
    if (/net|stream|tcp|internal\/streams/.test(url)) return 'node: net & streams'
    if (/async_hooks|async_local_storage|timers|task_queues|process\/|promise/.test(url))
      return 'node: async & timers'
    return `node: ${url.slice(5)}`
  }
  const own = /\/(server|contract)\/(.+)$/.exec(url)
  if (own) return `${own[1]}/${own[2]}`
  return url
}

export interface ProfileSummary {
  busyMs: number
  spans: { label: string; ms: number; share: number }[]
  places: { place: string; ms: number; share: number }[]
}

/** Microseconds on the monotonic clock the profiler stamps samples with. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n)

export function summariseProfile(
  file: string,
  spans: readonly Span[],
  /** Only samples taken in this window (monotonicUs), e.g. the measured run, not the start. */
  window?: { fromUs: number; toUs: number },
): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)

  const spanUs = new Map<string, number>(spans.map((s) => [s.label, 0]))
  const placeUs = new Map<string, number>()
  let busyUs = 0
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0
    at += us
    if (window && (at < window.fromUs || at > window.toUs)) return
    const leaf = byId.get(id)
    if (!leaf) return
    const place = placeOf(leaf.callFrame)
    if (place === '(idle)') return
    busyUs += us
    placeUs.set(place, (placeUs.get(place) ?? 0) + us)
    const hit = new Set<string>()
    for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      for (const s of spans) if (!hit.has(s.label) && s.test(n.callFrame)) hit.add(s.label)
    }
    for (const label of hit) spanUs.set(label, (spanUs.get(label) ?? 0) + us)
  })
  const share = (us: number) => (busyUs === 0 ? 0 : us / busyUs)
  return {
    busyMs: busyUs / 1000,
    spans: spans.map((s) => {
      const us = spanUs.get(s.label) ?? 0
      return { label: s.label, ms: us / 1000, share: share(us) }
    }),
    places: [...placeUs]
      .map(([place, us]) => ({ place, ms: us / 1000, share: share(us) }))
      .sort((a, b) => b.ms - a.ms),
  }
}

/** Kinds of work, by where the CPU was: the first matching pattern names a place's kind. */
const kinds: [string, RegExp][] = [
  // better-sqlite3 calls are native: their time lands on the repository line that calls them.
  [
    'SQLite: statements, BEGIN/COMMIT (WAL writes)',
    /^npm: better-sqlite3|^server\/store\/sqlite\//,
  ],
  [
    'HTTP, sockets, body, JSON out',
    /^node: (http|net)|^native: writev|^server\/local\/(http|static)/,
  ],
  ['crypto: token HMAC, key hashes, ids', /crypto/],
  ['zod', /^npm: zod/],
  ['dayjs (Shanghai day)', /^npm: dayjs/],
  ['promises, async hooks, timers', /^node: async|runMicrotasks|^native: \(anonymous\)/],
  ['garbage collection', /^garbage collection/],
  ['router, rules, handlers', /^(server|contract)\//],
]

export function printProfile(summary: ProfileSummary, perRequest: number, topPlaces = 15) {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)} %`
  const per = (ms: number) => `${((ms * 1000) / perRequest).toFixed(0).padStart(5)} µs/req`
  console.log(
    `  profile: ${summary.busyMs.toFixed(0)} ms sampled busy (wall clock: on a loaded machine it includes time the process waited for a core) over ${perRequest} requests, ${((summary.busyMs * 1000) / perRequest).toFixed(0)} µs per request`,
  )
  const byKind = new Map<string, number>()
  for (const p of summary.places) {
    const kind = kinds.find(([, pattern]) => pattern.test(p.place))?.[0] ?? 'other'
    byKind.set(kind, (byKind.get(kind) ?? 0) + p.ms)
  }
  console.log('  by kind of work (self time):')
  for (const [kind, ms] of [...byKind].sort((a, b) => b[1] - a[1]))
    console.log(
      `    ${kind.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms ${pct(ms / summary.busyMs)} ${per(ms)}`,
    )
  console.log('  spans (a frame anywhere on the stack; nested spans overlap):')
  for (const s of summary.spans)
    console.log(
      `    ${s.label.padEnd(44)} ${s.ms.toFixed(0).padStart(7)} ms ${pct(s.share)} ${per(s.ms)}`,
    )
  console.log(`  where the CPU was (self time, top ${topPlaces}):`)
  for (const p of summary.places.slice(0, topPlaces))
    console.log(
      `    ${p.place.padEnd(44)} ${p.ms.toFixed(0).padStart(7)} ms ${pct(p.share)} ${per(p.ms)}`,
    )
}
