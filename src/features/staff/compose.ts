// The notice form's rules on the phone: the draft kept in storage, the checks that mirror
// contract/authoring.ts, the body typed as plain text turned into the rich-text subset, and
// the inputs sent to notices.create / notices.update.
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import type { ActionInput } from '@contract/index'
import type { EditableNotice } from '@contract/authoring'
import { SHANGHAI_OFFSET_MINUTES, inShanghai } from '@contract/time'
import { fieldErrors } from '@/lib/api-client'

export type PublishMode = 'now' | 'schedule' | 'draft'
export type ScopeKind = 'township' | 'villages' | ''

export interface ComposeDraft {
  title: string
  columnId: string
  scopeKind: ScopeKind
  villageIds: string[]
  /** Plain text: blank lines separate paragraphs, a line starting with "## " is a heading. */
  body: string
  /** Uploaded media URLs, in order. */
  images: string[]
  cover: string | null
  /** The uploaded video's media URL, if any. */
  video: string | null
  pinned: boolean
  publish: PublishMode
  /** Asia/Shanghai wall clock: YYYY-MM-DD and HH:mm. */
  publishDate: string
  publishTime: string
  hasExpiry: boolean
  expireDate: string
  expireTime: string
}

export type ComposeField =
  'title' | 'columnId' | 'scope' | 'body' | 'images' | 'video' | 'publishAt' | 'expireAt'

export type ComposeErrors = Partial<Record<ComposeField, string>>

export const MAX_IMAGES = 9
export const MIN_BODY = 10

const tomorrow = (now: number) => inShanghai(now).add(1, 'day').format('YYYY-MM-DD')
const inAWeek = (now: number) => inShanghai(now).add(7, 'day').format('YYYY-MM-DD')

/** A new, empty form: publish now, a schedule tomorrow at 08:00 if chosen. */
export function emptyDraft(now: number = Date.now()): ComposeDraft {
  return {
    title: '',
    columnId: '',
    scopeKind: '',
    villageIds: [],
    body: '',
    images: [],
    cover: null,
    video: null,
    pinned: false,
    publish: 'now',
    publishDate: tomorrow(now),
    publishTime: '08:00',
    hasExpiry: false,
    expireDate: inAWeek(now),
    expireTime: '18:00',
  }
}

/** The ISO moment (UTC) of a date and time on the township's clock; null when unreadable. */
export function shanghaiToIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null
  // The wall-clock time read as UTC, then moved back by the township's offset.
  const wall = dayjs.utc(`${date}T${time}:00Z`)
  if (!wall.isValid()) return null
  return wall.subtract(SHANGHAI_OFFSET_MINUTES, 'minute').toISOString()
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

/** The typed body as the rich-text subset: <h2> for "## " lines, <p> per paragraph. */
export function bodyToHtml(text: string): string {
  const blocks: string[] = []
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = block
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
    let paragraph: string[] = []
    const flush = () => {
      if (paragraph.length) blocks.push(`<p>${paragraph.map(escapeHtml).join('<br/>')}</p>`)
      paragraph = []
    }
    for (const line of lines) {
      if (line.startsWith('## ')) {
        flush()
        const heading = line.slice(3).trim()
        if (heading) blocks.push(`<h2>${escapeHtml(heading)}</h2>`)
      } else {
        paragraph.push(line)
      }
    }
    flush()
  }
  return blocks.join('')
}

const unescapeHtml = (text: string) =>
  text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

/** A stored body back as typed text (headings as "## ", paragraphs split by blank lines). */
export function htmlToBody(html: string): string {
  return unescapeHtml(
    html
      .replace(/<h[23][^>]*>([\s\S]*?)<\/h[23]>/gi, '\n\n## $1\n\n')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|li|ul|ol)>/gi, '\n\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** The body's words without markup, for the length check. */
const bodyWords = (text: string) =>
  text
    .split('\n')
    .map((l) => (l.trim().startsWith('## ') ? l.trim().slice(3) : l))
    .join('')
    .replace(/\s+/g, '')

const chars = (text: string) => Array.from(text).length

/** What is missing or wrong, field by field, as contract/authoring.ts would answer. */
export function validateCompose(
  draft: ComposeDraft,
  now: number = Date.now(),
  publishing = true,
): ComposeErrors {
  const errors: ComposeErrors = {}
  const title = chars(draft.title.trim())
  if (title < 2) errors.title = '标题至少 2 个字'
  else if (title > 30) errors.title = '标题最多 30 个字'
  if (!draft.columnId) errors.columnId = '请选择栏目'
  if (!draft.scopeKind) errors.scope = '请选择发布范围'
  else if (draft.scopeKind === 'villages' && draft.villageIds.length === 0) {
    errors.scope = '请至少选择一个村'
  }
  const words = chars(bodyWords(draft.body))
  if (words === 0) errors.body = '请填写正文'
  else if (words < MIN_BODY) errors.body = `正文至少 ${MIN_BODY} 个字`
  if (draft.images.length > MAX_IMAGES) errors.images = `最多 ${MAX_IMAGES} 张图片`
  let publishAt: number | null = null
  if (publishing && draft.publish === 'schedule') {
    const iso = shanghaiToIso(draft.publishDate, draft.publishTime)
    if (!iso) errors.publishAt = '请选择定时发布的日期和时间'
    else if (Date.parse(iso) <= now) errors.publishAt = '定时发布的时间须晚于现在'
    else publishAt = Date.parse(iso)
  }
  if (draft.hasExpiry) {
    const iso = shanghaiToIso(draft.expireDate, draft.expireTime)
    if (!iso) errors.expireAt = '请选择到期的日期和时间'
    else if (Date.parse(iso) <= Math.max(now, publishAt ?? now)) {
      errors.expireAt = '到期时间须晚于发布时间'
    }
  }
  return errors
}

/** The fields both notices.create and notices.update take. */
export function toNoticeFields(draft: ComposeDraft, isAdmin: boolean) {
  const images = draft.images.slice(0, MAX_IMAGES)
  return {
    columnId: draft.columnId,
    title: draft.title.trim(),
    body: bodyToHtml(draft.body),
    images,
    cover: draft.cover && images.includes(draft.cover) ? draft.cover : null,
    video: draft.video,
    scope:
      draft.scopeKind === 'township'
        ? ({ kind: 'township' } as const)
        : ({ kind: 'villages', villageIds: draft.villageIds } as const),
    ...(isAdmin ? { pinned: draft.pinned } : {}),
    expireAt: draft.hasExpiry ? shanghaiToIso(draft.expireDate, draft.expireTime) : null,
  }
}

/** The request that creates a notice from a checked draft. */
export function toCreateInput(
  draft: ComposeDraft,
  isAdmin: boolean,
): ActionInput<'notices.create'> {
  const publishAt =
    draft.publish === 'schedule'
      ? (shanghaiToIso(draft.publishDate, draft.publishTime) ?? undefined)
      : undefined
  return { ...toNoticeFields(draft, isAdmin), publish: draft.publish, publishAt }
}

/** A stored notice as the form shows it. */
export function draftFromNotice(notice: EditableNotice, now: number = Date.now()): ComposeDraft {
  const base = emptyDraft(now)
  const at = (iso: string | null) => (iso ? inShanghai(iso) : null)
  const publishAt = at(notice.publishAt)
  const expireAt = at(notice.expireAt)
  return {
    ...base,
    title: notice.title,
    columnId: notice.column.id,
    scopeKind: notice.villages.length === 0 ? 'township' : 'villages',
    villageIds: notice.villages.map((v) => v.id),
    body: htmlToBody(notice.body),
    images: notice.images,
    cover: notice.cover,
    video: notice.video ?? null,
    pinned: notice.pinned,
    publish:
      notice.status === 'scheduled' ? 'schedule' : notice.status === 'published' ? 'now' : 'draft',
    publishDate:
      notice.status === 'scheduled' && publishAt
        ? publishAt.format('YYYY-MM-DD')
        : base.publishDate,
    publishTime:
      notice.status === 'scheduled' && publishAt ? publishAt.format('HH:mm') : base.publishTime,
    hasExpiry: expireAt !== null,
    expireDate: expireAt ? expireAt.format('YYYY-MM-DD') : base.expireDate,
    expireTime: expireAt ? expireAt.format('HH:mm') : base.expireTime,
  }
}

const FIELD_OF: Record<string, ComposeField> = {
  title: 'title',
  columnId: 'columnId',
  scope: 'scope',
  body: 'body',
  images: 'images',
  cover: 'images',
  video: 'video',
  publishAt: 'publishAt',
  expireAt: 'expireAt',
}

/** The fields a BAD_INPUT answer names, shown beside them like the phone's own checks. */
export const serverFieldErrors = (error: unknown): ComposeErrors =>
  fieldErrors(error, (path) => FIELD_OF[path.split('.')[0] ?? ''])

const draftKey = (id: string | undefined) => `hemei.compose-draft:${id || 'new'}`

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '')
const strings = (value: unknown) =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

/** The draft left by an earlier visit for this notice (or a new one); null when none. */
export function loadDraft(id: string | undefined): ComposeDraft | null {
  const saved: unknown = Taro.getStorageSync(draftKey(id))
  if (typeof saved !== 'object' || saved === null) return null
  const d = saved as Record<string, unknown>
  const base = emptyDraft()
  const publish: PublishMode = d.publish === 'schedule' || d.publish === 'draft' ? d.publish : 'now'
  return {
    title: text(d.title, 60),
    columnId: text(d.columnId, 64),
    scopeKind: d.scopeKind === 'township' || d.scopeKind === 'villages' ? d.scopeKind : '',
    villageIds: strings(d.villageIds),
    body: text(d.body, 20_000),
    images: strings(d.images).slice(0, MAX_IMAGES),
    cover: typeof d.cover === 'string' ? d.cover : null,
    video: typeof d.video === 'string' ? d.video : null,
    pinned: d.pinned === true,
    publish,
    publishDate: text(d.publishDate, 10) || base.publishDate,
    publishTime: text(d.publishTime, 5) || base.publishTime,
    hasExpiry: d.hasExpiry === true,
    expireDate: text(d.expireDate, 10) || base.expireDate,
    expireTime: text(d.expireTime, 5) || base.expireTime,
  }
}

export function saveDraft(id: string | undefined, draft: ComposeDraft): void {
  Taro.setStorageSync(draftKey(id), draft)
}

export function clearDraft(id: string | undefined): void {
  Taro.removeStorageSync(draftKey(id))
}
