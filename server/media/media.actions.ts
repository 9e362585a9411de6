// Uploads. H5 and the local server: the phone sends the bytes (media.upload), checked here at
// once. WeChat cloud: the phone asks for a slot (a path only the caller may register), uploads
// to cloud storage itself, then registers the fileID; pictures stay hidden until the
// asynchronous image check's verdict arrives (media-check-event.ts).
import { signedInCaller, type ActionContext, type HandlersFor } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { newId } from '../shared/ids'
import { toIso } from '../shared/time'
import type { MediaRecord } from '../store/store'
import {
  cloudPathOf,
  decodeBase64,
  fileProblem,
  mimeOfExt,
  parseFileId,
  slotExt,
  sniff,
  SLOT_TTL_MS,
} from './media.rules'

const badInput = (path: string, message: string) =>
  new AppError('BAD_INPUT', message, { fields: [{ path, message }] })

/** The cloud storage seam; without it (the local server) there are no slots to give. */
function cloudFiles(ctx: ActionContext) {
  const cloud = ctx.media.cloud
  if (!cloud) throw new AppError('BAD_INPUT', '当前环境不支持直接上传到云存储，请更新小程序后重试')
  return cloud
}

export const mediaHandlers: HandlersFor<'media.upload' | 'media.uploadSlot' | 'media.register'> = {
  async 'media.upload'(ctx, input) {
    const caller = signedInCaller(ctx)
    const bytes = decodeBase64(input.content)
    if (!bytes || bytes.length === 0) throw badInput('content', '文件内容无法识别，请重新选择')
    const type = sniff(bytes)
    const problem = fileProblem(input.kind, type, bytes.length)
    if (problem || !type) throw badInput('content', problem ?? '文件内容无法识别，请重新选择')
    if (type.kind === 'image') {
      const verdict = await ctx.content.checkImage(bytes, type.mime)
      if (!verdict.ok) throw new AppError('CONTENT_REJECTED', verdict.reason)
    }
    const name = `${newId('med')}.${type.ext}`
    const url = await ctx.media.put(name, bytes, type.mime)
    // Stored in cloud storage by the server, the file is also known by its fileID.
    const inCloud = url.startsWith('cloud://')
    const record: MediaRecord = {
      id: name,
      ownerId: caller.user.id,
      kind: type.kind,
      mime: type.mime,
      bytes: bytes.length,
      createdAt: ctx.now,
      status: 'pass',
      cloudPath: inCloud ? (parseFileId(url)?.cloudPath ?? null) : null,
      fileId: inCloud ? url : null,
      traceId: null,
      usedAt: null,
    }
    await ctx.store.media.create(record)
    // The audit keeps what was stored, never the file's content.
    ctx.audit({ target: `media:${name}`, after: { ...record, fileName: input.fileName } })
    return { url, bytes: bytes.length }
  },

  async 'media.uploadSlot'(ctx, input) {
    const caller = signedInCaller(ctx)
    cloudFiles(ctx)
    const slot = slotExt[input.ext]
    if (!slot || slot.kind !== input.kind) {
      throw badInput(
        'ext',
        input.kind === 'image' ? '只支持 JPG、PNG 或 WEBP 格式的图片' : '只支持 MP4 格式的视频',
      )
    }
    const name = `${newId('med')}.${slot.ext}`
    const record: MediaRecord = {
      id: name,
      ownerId: caller.user.id,
      kind: slot.kind,
      mime: mimeOfExt[slot.ext] ?? 'application/octet-stream',
      // The bytes go straight to cloud storage; the server never sees them.
      bytes: 0,
      createdAt: ctx.now,
      status: 'pending',
      cloudPath: cloudPathOf(name, ctx.now),
      fileId: null,
      traceId: null,
      usedAt: null,
    }
    await ctx.store.media.create(record)
    ctx.audit({ target: `media:${name}`, after: record })
    return { cloudPath: record.cloudPath as string, expiresAt: toIso(ctx.now + SLOT_TTL_MS) }
  },

  async 'media.register'(ctx, input) {
    const caller = signedInCaller(ctx)
    const cloud = cloudFiles(ctx)
    const parsed = parseFileId(input.fileID)
    if (!parsed) throw badInput('fileID', '文件地址无效，请重新上传')
    if (!cloud.ownsFileId(input.fileID)) {
      throw forbidden('这个文件不在本小程序的云存储里，请重新上传')
    }
    const slot = await ctx.store.media.get(parsed.id)
    // Only a path this server reserved, for this caller (identity from the platform).
    if (!slot || slot.cloudPath !== parsed.cloudPath) {
      throw forbidden('这个文件不是通过本小程序上传的，请重新上传')
    }
    if (slot.ownerId !== caller.user.id) throw forbidden('只能使用自己上传的文件')
    if (slot.fileId !== null) throw badInput('fileID', '这个文件已经登记过了，请重新上传')
    if (ctx.now > slot.createdAt + SLOT_TTL_MS) {
      throw badInput('fileID', '上传等待太久已失效，请重新上传')
    }
    const url = await cloud.tempUrl(input.fileID)
    if (!url) throw badInput('fileID', '文件还没有上传完成，请重新上传')
    // The phone chose what it uploaded: its real size and type are read back here, and what
    // the local server would refuse is refused (and deleted) here too.
    const file = await cloud.probe(url)
    if (!file) throw badInput('fileID', '文件还没有上传完成，请重新上传')
    const sniffed = sniff(file.head)
    const problem =
      fileProblem(slot.kind, sniffed, file.bytes) ??
      (sniffed?.mime === slot.mime ? null : fileProblem(slot.kind, null, 0))
    if (problem) {
      await cloud.remove(input.fileID)
      throw badInput('fileID', problem)
    }
    // Pictures go to the asynchronous image check. mediaCheckAsync takes pictures and audio
    // only (media_type 2 and 1), so a video waits for an admin's decision (review) unless an
    // admin uploaded it. The check starts before the registration so that its trace id is
    // written together with the fileID (a verdict takes seconds to minutes to come back).
    const traceId =
      slot.kind === 'image' ? await cloud.mediaCheck({ url, openid: caller.user.openid }) : null
    const status = slot.kind === 'image' ? 'pending' : caller.role === 'admin' ? 'pass' : 'review'
    const won = await ctx.store.media.register(slot.id, {
      fileId: input.fileID,
      traceId,
      status,
    })
    if (!won) throw badInput('fileID', '这个文件已经登记过了，请重新上传')
    ctx.audit({
      target: `media:${slot.id}`,
      before: { fileId: null, status: slot.status },
      after: { fileId: input.fileID, traceId, status },
    })
    return { url: input.fileID, bytes: 0, status }
  },
}

/** The most held files the admin's queue shows at once. */
const HELD_PAGE = 100

export const mediaReviewHandlers: HandlersFor<'media.held' | 'media.settle'> = {
  async 'media.held'(ctx) {
    const records = await ctx.store.media.held(HELD_PAGE)
    const owners = new Map(
      await Promise.all(
        [...new Set(records.map((r) => r.ownerId))].map(
          async (id) => [id, (await ctx.store.users.get(id))?.nickname ?? ''] as const,
        ),
      ),
    )
    return {
      items: records.map((r) => ({
        id: r.id,
        url: r.fileId ?? `/media/${r.id}`,
        kind: r.kind,
        ownerName: owners.get(r.ownerId) || '未命名用户',
        createdAt: toIso(r.createdAt),
      })),
    }
  },

  async 'media.settle'(ctx, input) {
    signedInCaller(ctx)
    const status = input.decision === 'show' ? 'pass' : 'risky'
    const settled = await ctx.store.media.decide(input.id, 'review', status)
    if (!settled) {
      const record = await ctx.store.media.get(input.id)
      if (!record) throw notFound('这个文件')
      throw new AppError('CONFLICT', '这个文件已经处理过了，请刷新')
    }
    ctx.audit({
      target: `media:${settled.id}`,
      before: { status: 'review' },
      after: { status, decision: input.decision },
    })
    return { id: settled.id, status }
  },
}
