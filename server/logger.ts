/**
 * The log the router and its helpers write to. The local server passes Fastify's pino logger
 * behind it (server/local/http.ts, loggerOf); the cloud function uses createLogger below, so
 * that its bundle carries no logging library. One JSON object a line on stderr.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export function createLogger(options: { silent?: boolean } = {}): Logger {
  const write = (level: string, message: string, fields: Record<string, unknown> = {}) => {
    if (options.silent) return
    process.stderr.write(
      `${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`,
    )
  }
  return {
    info: (message, fields) => write('info', message, fields),
    error: (message, fields) => write('error', message, fields),
  }
}
