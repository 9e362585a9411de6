// Writing notices: drafts, scheduling, publishing, withdrawing and editing, with every write's
// before and after in the audit log (the edit history); the content check's word list.
import type { EditableNotice } from '../../contract/authoring'
import { loadWords, saveWords } from '../content/content-check'
import { signedInCaller, type ActionContext, type Caller, type HandlersFor } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { checkMediaUrls } from '../media/media-urls'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { newId } from '../shared/ids'
import { toIso } from '../shared/time'
import type { NoticePatch, NoticeRecord, NoticeView } from '../store/store'
import { toNotice } from './bulletin.actions'
import {
  expiresInTime,
  looksLikeMarkup,
  mayEdit,
  noticeState,
  scopeRefusal,
  summarise,
} from './bulletin.rules'
import { loadHtml } from '../lazy/load'
import { paragraphsToHtml } from './paragraphs'

const badInput = (path: string, message: string) =>
  new AppError('BAD_INPUT', message, { fields: [{ path, message }] })

/** A notice as its author edits it: a draft has no publish time yet. */
function toEditable(n: NoticeView, now: number): EditableNotice {
  return {
    ...toNotice(n),
    status: noticeState(n, now),
    publishAt: n.status === 'draft' ? null : toIso(n.publishAt),
    expireAt: n.expireAt === null ? null : toIso(n.expireAt),
    adopted: n.adoptedAt != null,
  }
}

/** Epoch ms of an ISO time from the wire; a malformed one is BAD_INPUT on its field. */
function timeOf(iso: string, path: string): number {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw badInput(path, '时间格式不正确')
  return ms
}

async function checkColumn(ctx: ActionContext, columnId: string) {
  const column = await ctx.store.columns.get(columnId)
  if (!column || column.hidden) throw badInput('columnId', '所选栏目不存在')
}

/** The villages of a scope, checked against the caller's rights and the township's villages. */
async function villagesOf(
  ctx: ActionContext,
  caller: Caller,
  scope: { kind: 'township' } | { kind: 'villages'; villageIds: string[] },
): Promise<string[]> {
  const villageIds = scope.kind === 'villages' ? [...new Set(scope.villageIds)] : []
  const refusal = scopeRefusal(caller, villageIds)
  if (refusal) throw forbidden(refusal)
  const known = new Set((await ctx.store.places.villages()).map((v) => v.id))
  if (villageIds.some((id) => !known.has(id))) throw badInput('scope.villageIds', '所选的村不存在')
  return villageIds
}

/** The body as stored: plain paragraphs become <p>s, then only the allowed subset stays. */
async function cleanBody(raw: string): Promise<string> {
  const { plainText, sanitizeBody } = await loadHtml()
  const body = sanitizeBody(looksLikeMarkup(raw) ? raw : paragraphsToHtml(raw.split(/\n\s*\n/)))
  if (Array.from(plainText(body)).length < 10) throw badInput('body', '正文至少 10 个字')
  return body
}

/** Title and body pass the content check, or nothing is written. */
async function checkText(ctx: ActionContext, title: string, body: string) {
  const { plainText } = await loadHtml()
  const verdict = await ctx.content.checkText(`${title}\n${plainText(body)}`)
  if (!verdict.ok) throw new AppError('CONTENT_REJECTED', verdict.reason)
}

function checkExpiry(publishAt: number, expireAt: number | null) {
  if (!expiresInTime(publishAt, expireAt)) throw badInput('expireAt', '失效时间须晚于发布时间')
}

/** The notice if the caller may edit it: FORBIDDEN for someone else's, NOT_FOUND if none. */
async function editable(ctx: ActionContext, caller: Caller, id: string): Promise<NoticeView> {
  const notice = await ctx.store.notices.get(id)
  if (!notice) throw notFound('这条公告')
  if (!mayEdit(caller, notice)) throw forbidden('只能修改本人在负责村发布的公告')
  return notice
}

/** Writes a change and its edit history (before and after) to the audit log. */
async function save(ctx: ActionContext, before: NoticeView, patch: NoticePatch) {
  const after = await ctx.store.notices.update(before.id, patch)
  ctx.audit({
    target: `notice:${after.id}`,
    before: toEditable(before, ctx.now),
    after: toEditable(after, ctx.now),
  })
  return toEditable(after, ctx.now)
}

export const authoringHandlers: HandlersFor<
  | 'notices.create'
  | 'notices.update'
  | 'notices.publish'
  | 'notices.withdraw'
  | 'notices.mine'
  | 'notices.getEditable'
  | 'content.words'
  | 'content.setWords'
> = {
  async 'notices.create'(ctx, input) {
    const caller = signedInCaller(ctx)
    await checkColumn(ctx, input.columnId)
    const villageIds = await villagesOf(ctx, caller, input.scope)
    const body = await cleanBody(input.body)
    const cover = input.cover ?? null
    const video = input.video ?? null
    const images = input.images ?? []
    await checkMediaUrls(ctx, { cover: [cover], images, video: [video] })
    let publishAt = ctx.now
    if (input.publish === 'schedule') {
      if (!input.publishAt) throw badInput('publishAt', '请选择定时发布的时间')
      // A time already past publishes at once.
      publishAt = Math.max(ctx.now, timeOf(input.publishAt, 'publishAt'))
    }
    const expireAt = input.expireAt ? timeOf(input.expireAt, 'expireAt') : null
    checkExpiry(publishAt, expireAt)
    await checkText(ctx, input.title, body)

    const record: NoticeRecord = {
      id: newId('ntc'),
      columnId: input.columnId,
      title: input.title,
      summary: summarise((await loadHtml()).plainText(body)),
      body,
      villageIds,
      pinned: input.pinned ?? false,
      status: input.publish === 'draft' ? 'draft' : 'published',
      authorId: caller.user.id,
      // A draft's publish time is only a placeholder until it is published.
      publishAt,
      expireAt,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      viewCount: 0,
      cover,
      images,
      video,
      adoptedAt: null,
    }
    const created = await ctx.store.notices.create(record)
    const out = toEditable(created, ctx.now)
    ctx.audit({ target: `notice:${created.id}`, before: null, after: out })
    return out
  },

  async 'notices.update'(ctx, input) {
    const caller = signedInCaller(ctx)
    const before = await editable(ctx, caller, input.id)
    const patch: NoticePatch = { updatedAt: ctx.now }
    if (input.columnId !== undefined && input.columnId !== before.columnId) {
      await checkColumn(ctx, input.columnId)
      patch.columnId = input.columnId
    }
    if (input.scope !== undefined) patch.villageIds = await villagesOf(ctx, caller, input.scope)
    if (input.title !== undefined) patch.title = input.title
    if (input.body !== undefined) {
      patch.body = await cleanBody(input.body)
      patch.summary = summarise((await loadHtml()).plainText(patch.body))
    }
    if (input.cover !== undefined) patch.cover = input.cover
    if (input.images !== undefined) patch.images = input.images
    if (input.video !== undefined) patch.video = input.video
    await checkMediaUrls(
      ctx,
      { cover: [patch.cover ?? null], images: patch.images ?? [], video: [patch.video ?? null] },
      // What the notice already shows stays, whoever uploaded it (an admin editing a notice).
      { kept: [before.cover ?? null, before.video ?? null, ...(before.images ?? [])] },
    )
    if (input.pinned !== undefined) patch.pinned = input.pinned
    if (input.expireAt !== undefined) {
      patch.expireAt = input.expireAt === null ? null : timeOf(input.expireAt, 'expireAt')
      // A draft is checked against now here and against its real time when published.
      checkExpiry(before.status === 'draft' ? ctx.now : before.publishAt, patch.expireAt)
    }
    await checkText(ctx, patch.title ?? before.title, patch.body ?? before.body)
    return save(ctx, before, patch)
  },

  async 'notices.publish'(ctx, input) {
    const caller = signedInCaller(ctx)
    const before = await editable(ctx, caller, input.id)
    if (noticeState(before, ctx.now) === 'published') {
      throw new AppError('CONFLICT', '这条公告已经发布了')
    }
    const publishAt = input.publishAt
      ? Math.max(ctx.now, timeOf(input.publishAt, 'publishAt'))
      : ctx.now
    checkExpiry(publishAt, before.expireAt)
    await checkText(ctx, before.title, before.body)
    return save(ctx, before, { status: 'published', publishAt, updatedAt: ctx.now })
  },

  async 'notices.withdraw'(ctx, input) {
    const caller = signedInCaller(ctx)
    const before = await editable(ctx, caller, input.id)
    if (before.status === 'draft') throw new AppError('CONFLICT', '草稿还没有发布，无需撤回')
    // Withdrawing twice (a retry on a weak network) changes nothing and answers the same.
    if (before.status === 'withdrawn') {
      ctx.audit({ target: `notice:${before.id}` })
      return toEditable(before, ctx.now)
    }
    return save(ctx, before, { status: 'withdrawn', updatedAt: ctx.now })
  },

  async 'notices.mine'(ctx, input) {
    const caller = signedInCaller(ctx)
    const page = await ctx.store.notices.mine({
      now: ctx.now,
      authorId: caller.role === 'admin' ? null : caller.user.id,
      status: input.status,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return {
      items: page.items.map((n) => toEditable(n, ctx.now)),
      nextCursor: encodeCursor(page.next),
    }
  },

  async 'notices.getEditable'(ctx, input) {
    const caller = signedInCaller(ctx)
    return toEditable(await editable(ctx, caller, input.id), ctx.now)
  },

  async 'content.words'(ctx) {
    return { words: await loadWords(ctx.store) }
  },

  async 'content.setWords'(ctx, input) {
    const before = await loadWords(ctx.store)
    const words = await saveWords(ctx.store, input.words)
    ctx.audit({ target: 'content:words', before: { words: before }, after: { words } })
    return { words }
  },
}
