// Cloud storage and the image check as the server sees them (CloudFiles), faked over a map of
// fileID → bytes: temp URLs of files that exist, probes that read their real size and first
// bytes, deletions and image checks recorded. The environment is `env-1`.
import type { CloudFiles } from '../../server/media/media-storage'

export const FAKE_ENV = 'env-1'

export function fakeCloudFiles(stored: Map<string, Buffer> = new Map()) {
  const checks: { url: string; openid: string; traceId: string }[] = []
  const removed: string[] = []
  const urlOf = (fileId: string) => `https://tmp.example/${encodeURIComponent(fileId)}`
  const fileIdOf = (url: string) => decodeURIComponent(url.slice('https://tmp.example/'.length))
  const files: CloudFiles = {
    ownsFileId: (fileId) => fileId.startsWith(`cloud://${FAKE_ENV}.`),
    async tempUrl(fileId) {
      return stored.has(fileId) ? urlOf(fileId) : null
    },
    async probe(url) {
      const bytes = stored.get(fileIdOf(url))
      return bytes ? { bytes: bytes.length, head: bytes.subarray(0, 64) } : null
    },
    async remove(fileId) {
      removed.push(fileId)
      stored.delete(fileId)
    },
    async mediaCheck(request) {
      const traceId = `trace-${checks.length + 1}`
      checks.push({ ...request, traceId })
      return traceId
    },
  }
  return { files, stored, checks, removed, urlOf }
}

/** The first bytes of a JPEG and of an MP4, padded to `size` bytes. */
export const jpegOf = (size = 1000) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(Math.max(0, size - 4))])
export const mp4Of = (size = 1000) =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom', 'latin1'),
    Buffer.alloc(Math.max(0, size - 12)),
  ])
