// Uploaded files that no record took within 7 days are deleted: the record first (atomically,
// only while still unused, so a file taken meanwhile stays), then the file itself. Called in
// bounded chunks by the scheduled entry (system.tick), never inside a request.
import type { MediaRecord, Store } from '../store/store'
import type { MediaStorage } from './media-storage'

/** How long an upload may wait for a record to use it. */
export const UNUSED_MEDIA_TTL_MS = 7 * 24 * 60 * 60 * 1000
/** Files looked at in one sweep: one page of the store. */
export const MEDIA_SWEEP_CHUNK = 100

export interface MediaSweep {
  /** Ids of the files deleted (record and file). */
  removed: string[]
  /** Files whose record is gone but whose deletion from storage failed (left as orphans). */
  failed: { id: string; error: string }[]
  /** True when a full chunk was taken: call again for the rest. */
  more: boolean
}

/**
 * Deletes uploads (local disk or cloud storage, and their records) that no notice, nomination,
 * appeal or inspection has used, uploaded more than 7 days before `now`. At most `limit` per
 * call; `more` says whether to call again.
 */
export async function sweepUnusedMedia(
  store: Store,
  media: MediaStorage,
  now: number,
  limit: number = MEDIA_SWEEP_CHUNK,
): Promise<MediaSweep> {
  const candidates: MediaRecord[] = await store.media.unused({
    createdBefore: now - UNUSED_MEDIA_TTL_MS,
    limit,
  })
  const result: MediaSweep = { removed: [], failed: [], more: candidates.length >= limit }
  for (const record of candidates) {
    if (!(await store.media.removeUnused(record.id))) continue
    try {
      await media.remove(record)
      result.removed.push(record.id)
    } catch (error) {
      result.failed.push({ id: record.id, error: String(error) })
    }
  }
  return result
}
