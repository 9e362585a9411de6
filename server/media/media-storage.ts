// Where uploaded files go. The local adapter writes them to a folder the local server serves
// at /media/; the cloud adapter (with the cloud issue) will put them in cloud storage.

export interface MediaStorage {
  /** Stores a file under `name` (`<id>.<ext>`) and returns the URL it is served at. */
  put(name: string, bytes: Buffer, mime: string): Promise<string>
}

/** For a router with nowhere to keep files: every upload fails loudly. */
export const noMediaStorage: MediaStorage = {
  async put() {
    throw new Error('no media storage configured')
  },
}
