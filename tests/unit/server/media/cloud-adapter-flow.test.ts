// The slot → register → verdict flow through the router on the cloud database adapter (the real
// wx-server-sdk against the CloudBase emulator), without a snapshot: the API suite's STORE=cloud run needs every
// area's snapshot import, this needs only users and media.
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../../../server/logger'
import { handleMediaCheckEvent } from '../../../../server/media/media-check-event'
import { createRouter } from '../../../../server/router'
import { NOW } from '../../../helpers/factories'
import { fakeCloudFiles, jpegOf } from '../../../helpers/fake-cloud-files'
import { createCloudTestStore } from '../../../helpers/store-adapters'

describe('cloud uploads on the cloud database adapter', () => {
  it('registers only the owner’s slot, once, and settles its verdict', async () => {
    const { store } = await createCloudTestStore()
    const cloud = fakeCloudFiles()
    const uploaded = { add: (fileID: string) => cloud.stored.set(fileID, jpegOf()) }
    const router = createRouter({
      store,
      devMode: false,
      clock: () => NOW,
      logger: createLogger({ silent: true }),
      media: {
        put: () => Promise.reject(new Error('not used')),
        remove: async () => {},
        cloud: cloud.files,
      },
    })
    const call = (action: string, input: unknown, openid: string) =>
      router.handle({ action, input, openid })

    const slot = await call('media.uploadSlot', { kind: 'image', ext: 'jpg' }, 'o-owner')
    if (!slot.ok) throw new Error(slot.error.message)
    const { cloudPath } = slot.data as { cloudPath: string }
    const fileID = `cloud://env-1.bucket/${cloudPath}`
    uploaded.add(fileID)

    expect(await call('media.register', { fileID }, 'o-other')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await call('media.register', { fileID }, 'o-owner')).toMatchObject({
      ok: true,
      data: { status: 'pending' },
    })
    expect(await call('media.register', { fileID }, 'o-owner')).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    })

    const event = { Event: 'wxa_media_check', trace_id: 'trace-1', result: { suggest: 'pass' } }
    expect(await handleMediaCheckEvent({ store, source: 'wx_http' }, event)).toBe(true)
    const id = cloudPath.split('/').pop() as string
    expect(await store.media.get(id)).toMatchObject({ status: 'pass', fileId: fileID })
  })
})
