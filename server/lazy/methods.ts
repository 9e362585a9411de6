// An object whose methods are loaded on first use: every method named in `names` is an async
// stand-in that loads the real object once (server/lazy/load.ts) and forwards the call to it.
// Handlers of rarely used actions and the store parts behind them are built this way, so that
// a cold start of the cloud function does not carry their code (scripts/build-functions.ts).

/** Every key of T, each `true`: the compiler insists that none is missing and none is extra. */
export type MethodNames<T> = { [K in keyof T]-?: true }

type AsyncMethods<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? T[K] : never
}

export function lazyMethods<T extends AsyncMethods<T>>(
  load: () => Promise<T>,
  names: MethodNames<T>,
): T {
  let loading: Promise<T> | null = null
  // A failed load is tried again on the next call rather than remembered.
  const loaded = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null
      throw error
    }))
  const methods = Object.keys(names).map((name) => {
    const forward = async (...args: unknown[]) => {
      const target = (await loaded()) as Record<string, (...a: unknown[]) => Promise<unknown>>
      const method = target[name]
      if (typeof method !== 'function') throw new Error(`lazy method ${name} is missing`)
      return method.apply(target, args)
    }
    return [name, forward] as const
  })
  return Object.fromEntries(methods) as unknown as T
}
