// The one way a handler puts written text through the content check: every text users write
// (notices, nominations and their stories, appeals, objections, names, reasons, notes) is
// checked before anything is written, each text on its own, or the call answers
// CONTENT_REJECTED with the checker's reason and nothing changes.
import type { ActionContext } from '../context'
import { AppError } from '../errors'

export async function requireCleanText(
  ctx: Pick<ActionContext, 'content'>,
  ...texts: readonly (string | null | undefined)[]
): Promise<void> {
  for (const text of texts) {
    if (!text || text.trim() === '') continue
    const verdict = await ctx.content.checkText(text)
    if (!verdict.ok) throw new AppError('CONTENT_REJECTED', verdict.reason)
  }
}
