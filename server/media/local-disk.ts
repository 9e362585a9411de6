// Media storage on the local disk: DATA_DIR/media/<id>.<ext>, served at /media/ by server/local/http.ts.
import fs from 'node:fs/promises'
import path from 'node:path'
import type { MediaStorage } from './media-storage'
import { mediaNamePattern } from './media.rules'

export const MEDIA_DIR = 'media'

export function createLocalMediaStorage(root: string): MediaStorage {
  return {
    async put(name, bytes) {
      if (!mediaNamePattern.test(name)) throw new Error(`unsafe media name: ${name}`)
      await fs.mkdir(root, { recursive: true })
      // 'wx': never overwrite; ids are random, so a clash is a bug worth failing on.
      await fs.writeFile(path.join(root, name), bytes, { flag: 'wx' })
      return `/media/${name}`
    },
    async remove(record) {
      if (!mediaNamePattern.test(record.id)) throw new Error(`unsafe media name: ${record.id}`)
      await fs.rm(path.join(root, record.id), { force: true })
    },
  }
}
