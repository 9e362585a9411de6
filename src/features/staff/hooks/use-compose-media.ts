import Taro from '@tarojs/taro'
import { useRef, useState, type Dispatch, type SetStateAction } from 'react'
import { errorMessage } from '@/lib/api-client'
import { checkImage, pickImages } from '@/lib/images'
import { uploadImage, uploadVideo } from '../api/notices'
import { pickVideo } from '../api/video'
import { MAX_IMAGES, type ComposeDraft, type ComposeErrors, type ComposeField } from '../compose'

/** What is being uploaded: photo `current` of `total`, or the video; `percent` where known (WeChat). */
export type UploadProgress =
  | { kind: 'images'; current: number; total: number; percent?: number }
  | { kind: 'video'; percent?: number }
  | null

interface Options {
  draft: ComposeDraft
  setDraft: Dispatch<SetStateAction<ComposeDraft>>
  setErrors: Dispatch<SetStateAction<ComposeErrors>>
  forget: (field: ComposeField) => void
}

/** The notice form's photos and video: picked, checked, uploaded one at a time, with progress. */
export function useComposeMedia({ draft, setDraft, setErrors, forget }: Options) {
  const [upload, setUpload] = useState<UploadProgress>(null)
  const busy = useRef(false)

  const report = (field: ComposeField, problem: string) => {
    setErrors((e) => ({ ...e, [field]: problem }))
    Taro.showToast({ title: problem, icon: 'none', duration: 2500 })
  }

  /** Runs one upload at a time; a failure shows by the field and as a toast. */
  const exclusive = async (field: ComposeField, work: () => Promise<string>) => {
    if (busy.current) return
    forget(field)
    busy.current = true
    let problem = ''
    try {
      problem = await work()
    } catch (error) {
      problem = errorMessage(error)
    } finally {
      busy.current = false
      setUpload(null)
    }
    if (problem) report(field, problem)
  }

  const addImages = async () => {
    const room = MAX_IMAGES - draft.images.length
    if (room <= 0) return report('images', `最多 ${MAX_IMAGES} 张图片`)
    await exclusive('images', async () => {
      let problem = ''
      const picked = await pickImages(room)
      const fit = picked.filter((image, index) => {
        try {
          checkImage(image, index)
          return true
        } catch (error) {
          problem ||= errorMessage(error)
          return false
        }
      })
      for (const [index, image] of fit.entries()) {
        setUpload({ kind: 'images', current: index + 1, total: fit.length })
        try {
          const { url } = await uploadImage(image.fileName, image.content, (percent) =>
            setUpload({ kind: 'images', current: index + 1, total: fit.length, percent }),
          )
          setDraft((d) => ({ ...d, images: [...d.images, url].slice(0, MAX_IMAGES) }))
        } catch (error) {
          problem ||= errorMessage(error)
        }
      }
      return problem
    })
  }

  const addVideo = () =>
    exclusive('video', async () => {
      const video = await pickVideo()
      if (!video) return ''
      setUpload({ kind: 'video' })
      const { url } = await uploadVideo(video.fileName, video.content, (percent) =>
        setUpload({ kind: 'video', percent }),
      )
      setDraft((d) => ({ ...d, video: url }))
      return ''
    })

  const removeVideo = () => {
    setDraft((d) => ({ ...d, video: null }))
    forget('video')
  }

  const removeImage = (url: string) => {
    setDraft((d) => ({
      ...d,
      images: d.images.filter((u) => u !== url),
      cover: d.cover === url ? null : d.cover,
    }))
    forget('images')
  }

  /** Makes a photo the cover: it moves to the front, where the lists show it. */
  const setCover = (url: string) =>
    setDraft((d) => ({ ...d, cover: url, images: [url, ...d.images.filter((u) => u !== url)] }))

  const clearCover = () => setDraft((d) => ({ ...d, cover: null }))

  return { upload, addImages, removeImage, setCover, clearCover, addVideo, removeVideo }
}
