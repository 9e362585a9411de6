// The part of autocannon 9 (no bundled types) that the HTTP benchmarks use.
declare module 'autocannon' {
  export interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string | Buffer
  }

  export interface RequestSpec extends Request {
    /** Rewrites the request before it is sent; its result is sent. */
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void
  }

  export interface Options {
    url: string
    connections?: number
    /** Stop after this many requests (overrides duration). */
    amount?: number
    /** Seconds, when no amount is given. */
    duration?: number
    method?: string
    headers?: Record<string, string>
    body?: string
    requests?: RequestSpec[]
    timeout?: number
  }

  export interface Histogram {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    total: number
    p50: number
    p90: number
    p99: number
  }

  export interface Result {
    /** Seconds from the first request to the last response. */
    duration: number
    latency: Histogram
    requests: Histogram & { sent: number }
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
  }

  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
