import type { ErrorBody, ErrorCode } from '../contract/envelope'

/** A failure the caller should see: a typed code and a Chinese message for the user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorBody['details'],
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已下线`)
export const forbidden = (why: string) => new AppError('FORBIDDEN', why)
