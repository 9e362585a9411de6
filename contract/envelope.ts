/** Error codes every action may answer with (DESIGN.md, "Wire envelope"). */
export const errorCodes = [
  'BAD_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'CONTENT_REJECTED',
  'INTERNAL',
] as const

/** One of the codes above. */
export type ErrorCode = (typeof errorCodes)[number]

/** HTTP status the local server answers with for each code. */
export const httpStatusOf: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  CONTENT_REJECTED: 422,
  INTERNAL: 500,
}

/** One failing input field, as `details.fields` of a BAD_INPUT answer. */
export interface FieldIssue {
  path: string
  message: string
}

/** The error half of the envelope; `message` is Chinese text for the user. */
export interface ErrorBody {
  code: ErrorCode
  message: string
  details?: { fields?: FieldIssue[]; requestId?: string; retryAfterSeconds?: number }
}

/** What every action answers. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }
