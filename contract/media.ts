import { z } from 'zod'
import { defineActions, signedIn } from './define'
import { emptyInputSchema, idSchema, isoSchema } from './common'

/** What a file is: a picture (jpg/png/webp, ≤ 2 MB) or a video (mp4, ≤ 3 MB). */
export const mediaKindSchema = z.enum(['image', 'video'])

/** A file stored (or reserved) by the server: where it is served from. */
export const storedMediaSchema = z.object({ url: z.string(), bytes: z.number() })

/** A picture or video held for an admin's decision (审核): where to see it and who sent it. */
export const heldMediaSchema = z.object({
  id: z.string(),
  url: z.string(),
  kind: mediaKindSchema,
  ownerName: z.string(),
  createdAt: isoSchema,
})

export type HeldMedia = z.infer<typeof heldMediaSchema>

/** Uploading pictures and videos: base64 to the server (H5, local), or straight to cloud storage. */
export const mediaActions = defineActions({
  'media.upload': {
    summary:
      'Stores a picture (≤ 2 MB, jpg/png/webp) or a video (≤ 3 MB, mp4) after its content check.',
    input: z.object({
      fileName: z.string().trim().min(1).max(100),
      kind: mediaKindSchema,
      /** The file's bytes, base64 (compressed on the phone first). */
      content: z.string().min(1, '文件是空的').max(4_200_000, '文件过大'),
    }),
    output: storedMediaSchema,
    access: signedIn,
    write: true,
    audit: ['fileName', 'kind'],
  },
  'media.uploadSlot': {
    summary:
      'Reserves a cloud storage path for one upload from the phone (WeChat cloud only), owned by the caller.',
    input: z.object({
      kind: mediaKindSchema,
      ext: z.enum(['jpg', 'jpeg', 'png', 'webp', 'mp4'], '只支持 jpg、png、webp 图片或 mp4 视频'),
    }),
    output: z.object({
      /** Where Taro.cloud.uploadFile must put the file. */
      cloudPath: z.string(),
      /** Register the fileID before this moment. */
      expiresAt: z.string(),
    }),
    access: signedIn,
    write: true,
    audit: ['kind', 'ext'],
  },
  'media.register': {
    summary:
      'Accepts an uploaded file by its fileID if it is at a path the caller reserved; pictures stay hidden until the image check passes.',
    input: z.object({
      fileID: z.string().trim().min(1).max(500).startsWith('cloud://', '文件地址无效，请重新上传'),
    }),
    output: storedMediaSchema.extend({
      /**
       * pending: shown only to the uploader and admins until the image check passes; review: a
       * video (no automatic check exists for videos), shown to others once an admin allows it.
       */
      status: z.enum(['pending', 'pass', 'review']),
    }),
    access: signedIn,
    write: true,
    audit: ['fileID'],
  },
  'media.held': {
    summary:
      'Pictures the image check could not decide and videos from the phone (no automatic check exists for them), newest first, at most 100; they stay hidden from readers until an admin decides (admins).',
    input: emptyInputSchema,
    output: z.object({ items: z.array(heldMediaSchema) }),
    access: ['admin'],
    write: false,
  },
  'media.settle': {
    summary:
      'Settles a held picture or video: shown to everyone, or removed (hidden for good) — audited (admins).',
    input: z.object({
      id: idSchema,
      decision: z.enum(['show', 'remove'], '请选择显示或移除'),
    }),
    output: z.object({ id: z.string(), status: z.enum(['pass', 'risky']) }),
    access: ['admin'],
    write: true,
    audit: ['id', 'decision'],
  },
})
