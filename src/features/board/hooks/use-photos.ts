import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { errorMessage } from '@/lib/api-client'
import { checkImage, pickImages } from '@/lib/images'
import { uploadPhoto } from '../api/board'
import type { QueuedPhoto } from '../inspection-queue'

export const MAX_PHOTOS = 9

/** The picture a photo shows before it is uploaded. */
export const photoSrc = (p: QueuedPhoto) =>
  p.url ?? `data:image/${p.fileName.endsWith('.png') ? 'png' : 'jpeg'};base64,${p.content}`

/**
 * Photos taken for an inspection or an appeal: compressed on the phone when picked and
 * kept on it (with their capture time) until the form is sent, so a form saved without
 * network still has them.
 */
export function usePhotos(cameraOnly: boolean, initial: QueuedPhoto[] = []) {
  const [photos, setPhotos] = useState<QueuedPhoto[]>(initial)
  const [error, setError] = useState('')
  const [picking, setPicking] = useState(false)
  const busy = useRef(false)

  const add = async () => {
    if (busy.current) return
    const room = MAX_PHOTOS - photos.length
    if (room <= 0) return setError(`最多 ${MAX_PHOTOS} 张照片`)
    busy.current = true
    setPicking(true)
    setError('')
    let problem = ''
    try {
      const picked = await pickImages(room, cameraOnly)
      const fit = picked.filter((image, index) => {
        try {
          checkImage(image, index)
          return true
        } catch (e) {
          problem ||= errorMessage(e)
          return false
        }
      })
      const stamp = Date.now().toString(36)
      setPhotos((shown) =>
        [
          ...shown,
          ...fit.map((image, i) => ({
            fileName: image.fileName.replace(
              /^photo-\d+/,
              `photo-${stamp}-${shown.length + i + 1}`,
            ),
            content: image.content,
            takenAt: image.takenAt,
            url: null,
          })),
        ].slice(0, MAX_PHOTOS),
      )
    } catch (e) {
      problem ||= errorMessage(e)
    } finally {
      busy.current = false
      setPicking(false)
    }
    if (problem) {
      setError(problem)
      Taro.showToast({ title: problem, icon: 'none', duration: 2500 })
    }
  }

  const remove = (index: number) => setPhotos((shown) => shown.filter((_, i) => i !== index))

  return { photos, error, picking, add, remove, reset: () => setPhotos([]) }
}

export type Photos = ReturnType<typeof usePhotos>

/** Uploads what is not uploaded yet, one by one, reporting progress (1-based). */
export async function uploadAll(
  photos: QueuedPhoto[],
  progress: (current: number, total: number) => void,
): Promise<{ url: string; takenAt: string }[]> {
  const out: { url: string; takenAt: string }[] = []
  for (const [index, p] of photos.entries()) {
    progress(index + 1, photos.length)
    const url = p.url ?? (await uploadPhoto(p.fileName, p.content)).url
    out.push({ url, takenAt: p.takenAt })
  }
  return out
}
