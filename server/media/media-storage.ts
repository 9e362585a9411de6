// Where uploaded files go. The local adapter writes them to a folder the local server serves
// at /media/; the cloud adapter (cloud-storage.ts) puts them in WeChat cloud storage and also
// lets the phone upload there itself (media.uploadSlot → Taro.cloud.uploadFile → media.register).
import type { MediaRecord } from '../store/store'

export interface MediaStorage {
  /** Stores a file under `name` (`<id>.<ext>`) and returns the URL it is served at. */
  put(name: string, bytes: Buffer, mime: string): Promise<string>
  /** Deletes the file of a record; a file already gone is no error. */
  remove(record: MediaRecord): Promise<void>
  /** Cloud storage only: what the server needs of files the phone uploaded itself. */
  cloud?: CloudFiles
}

/** The cloud storage and image-check calls of wx-server-sdk the server makes, as one seam. */
export interface CloudFiles {
  /** Whether the fileID is in this function's own cloud environment. */
  ownsFileId(fileId: string): boolean
  /** An https URL the check service can download the file from; null when there is no such file. */
  tempUrl(fileId: string): Promise<string | null>
  /**
   * The file's real size and its first bytes (enough to tell its type), read from `url` (a
   * temp URL) with a ranged download; null when it cannot be read.
   */
  probe(url: string): Promise<{ bytes: number; head: Buffer } | null>
  /** Deletes a file from cloud storage (a refused upload). */
  remove(fileId: string): Promise<void>
  /**
   * Starts the asynchronous image check (security.mediaCheckAsync v2) of the picture at `url`
   * for the user `openid`; resolves with the trace id its verdict event will carry.
   */
  mediaCheck(request: { url: string; openid: string }): Promise<string>
  /**
   * Makes the 小程序码 that opens `page` with `scene` (wxacode.getUnlimited) and stores it in
   * cloud storage; resolves with its fileID.
   */
  miniProgramCode?(request: { scene: string; page: string }): Promise<string>
}

/** For a router with nowhere to keep files: every upload fails loudly. */
export const noMediaStorage: MediaStorage = {
  async put() {
    throw new Error('no media storage configured')
  },
  async remove() {},
}
