import { z } from 'zod'
import { defineActions, signedIn } from './define'

/** What a file is: a picture (jpg/png/webp, ≤ 2 MB) or a video (mp4, ≤ 3 MB). */
export const mediaKindSchema = z.enum(['image', 'video'])

/** A file stored (or reserved) by the server: where it is served from. */
export const storedMediaSchema = z.object({ url: z.string(), bytes: z.number() })

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
  },
})
