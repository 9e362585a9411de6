import type { Envelope, ErrorBody, ErrorCode } from '../contract/envelope'

/** A failure the caller should see: a typed code and a Chinese message for the user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorBody['details'],
    /** A refusal the audit log keeps (a wrong setup or invite code, say). */
    readonly audited = false,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已下线`)
export const forbidden = (why: string) => new AppError('FORBIDDEN', why)

/** What any unexpected failure answers: no detail but the request id that finds the log line. */
export function internalError(requestId: string): Envelope<never> {
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: `服务器开小差了，请稍后再试（编号 ${requestId}）`,
      details: { requestId },
    },
  }
}
