// Which media URLs a caller may attach to what they write (a notice's pictures, an
// inspection's or appeal's photos, a nomination's): only our own uploads; and which ones
// readers may see yet.
import type { ActionContext, Caller } from '../context'
import { AppError } from '../errors'
import type { Store } from '../store/store'
import { mediaNameOf, parseFileId } from './media.rules'

const badInput = (path: string, message: string) =>
  new AppError('BAD_INPUT', message, { fields: [{ path, message }] })

export interface MediaUrlRules {
  /** URLs already on the record being edited: kept whoever uploaded them. */
  kept?: readonly (string | null)[]
  message?: string
}

/** Where a URL points among our uploads: the media id, or null for anything else. */
function mediaIdOf(url: string): string | null {
  if (url.startsWith('/media/')) return mediaNameOf(url)
  if (url.startsWith('cloud://')) return parseFileId(url)?.id ?? null
  return null
}

/**
 * Every URL, by the field it is in, must be a file the caller uploaded here (a /media/ file or
 * a registered cloud fileID, of the field's kind: `video` holds a video, every other field
 * pictures), unless the record already carries it. Outside addresses (https://…) are refused:
 * they were never checked, and every reader's phone would call a stranger's server. A file
 * the check found risky is refused outright. The files taken are marked as used, so the
 * sweep of unused uploads leaves them alone.
 */
export async function checkMediaUrls(
  ctx: ActionContext,
  fields: Record<string, readonly (string | null)[]>,
  rules: MediaUrlRules = {},
): Promise<void> {
  const message = rules.message ?? '图片或视频地址无效，请重新上传'
  const kept = new Set(rules.kept ?? [])
  const wanted: { path: string; url: string; id: string }[] = []
  for (const [path, urls] of Object.entries(fields)) {
    for (const url of urls) {
      if (url === null || kept.has(url)) continue
      const id = mediaIdOf(url)
      if (!id) throw badInput(path, message)
      wanted.push({ path, url, id })
    }
  }
  if (wanted.length === 0) return
  const records = new Map(
    (await ctx.store.media.many(wanted.map((w) => w.id))).map((r) => [r.id, r]),
  )
  for (const { path, url, id } of wanted) {
    const record = records.get(id)
    const urlOfRecord = record?.fileId ?? `/media/${id}`
    const kind = path === 'video' ? 'video' : 'image'
    if (
      !record ||
      urlOfRecord !== url ||
      record.ownerId !== ctx.caller?.user.id ||
      record.kind !== kind
    ) {
      throw badInput(path, message)
    }
    if (record.status === 'risky') {
      throw new AppError('CONTENT_REJECTED', '有图片或视频未通过内容安全检查，请删除后再提交')
    }
  }
  await ctx.store.media.markUsed(
    wanted.map((w) => w.id),
    ctx.now,
  )
}

type Json = unknown

function collectCloudUrls(value: Json, into: Set<string>): void {
  if (typeof value === 'string') {
    if (value.startsWith('cloud://')) into.add(value)
  } else if (Array.isArray(value)) {
    for (const item of value) collectCloudUrls(item, into)
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) collectCloudUrls(item, into)
  }
}

const hiddenItem = (value: Json, hidden: ReadonlySet<string>) =>
  typeof value === 'string'
    ? hidden.has(value)
    : value !== null &&
      typeof value === 'object' &&
      hidden.has(String((value as { url?: unknown }).url))

function strip(value: Json, hidden: ReadonlySet<string>): Json {
  if (Array.isArray(value)) {
    return value.filter((item) => !hiddenItem(item, hidden)).map((item) => strip(item, hidden))
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        typeof item === 'string' && hidden.has(item) ? null : strip(item, hidden),
      ]),
    )
  }
  return value
}

/**
 * An answer as `caller` may see it: cloud pictures still waiting for (or failing) the image
 * check are left out for everyone but their uploader and admins — dropped from lists
 * (images, photos), a single one (a cover) becomes null. Applied once to every answer by the
 * router, so no view builder has to remember it.
 */
export async function hideUncheckedMedia(
  store: Store,
  caller: Caller | null,
  data: Json,
): Promise<Json> {
  if (caller?.role === 'admin') return data
  const urls = new Set<string>()
  collectCloudUrls(data, urls)
  if (urls.size === 0) return data
  const byId = new Map<string, string>()
  for (const url of urls) {
    const parsed = parseFileId(url)
    if (parsed) byId.set(parsed.id, url)
  }
  const hidden = new Set<string>()
  for (const record of await store.media.many([...byId.keys()])) {
    const url = byId.get(record.id)
    if (url && record.fileId === url && record.status !== 'pass') {
      if (record.ownerId !== caller?.user.id) hidden.add(url)
    }
  }
  return hidden.size === 0 ? data : strip(data, hidden)
}
