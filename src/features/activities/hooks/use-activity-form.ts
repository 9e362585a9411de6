import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { ActivityDetail } from '@contract/activities'
import { errorMessage, fieldErrors, showError } from '@/lib/api-client'
import { checkImage, pickImages } from '@/lib/images'
import { saveActivity, uploadPicture } from '../api'
import {
  activityFieldOf,
  draftFromActivity,
  emptyActivityDraft,
  toSaveInput,
  type ActivityDraft,
  type ActivityErrors,
  type ActivityField,
} from '../activity-form'
import { activityUrl } from '../labels'

export const MAX_PICTURES = 9

/** 新建活动 / 编辑活动: the draft, its pictures, its checks and saving; then on to the activity. */
export function useActivityForm(activity: ActivityDetail | null) {
  const [draft, setDraft] = useState<ActivityDraft>(() =>
    activity ? draftFromActivity(activity) : emptyActivityDraft(Date.now()),
  )
  const [errors, setErrors] = useState<ActivityErrors>({})
  const [saving, setSaving] = useState(false)
  const [uploading, setUploading] = useState(false)
  const busy = useRef(false)

  const change = (patch: Partial<ActivityDraft>, field?: ActivityField) => {
    setDraft((d) => ({ ...d, ...patch }))
    if (field) setErrors((e) => ({ ...e, [field]: undefined }))
  }

  const addPictures = async () => {
    if (busy.current) return
    busy.current = true
    setUploading(true)
    let problem = ''
    try {
      const picked = await pickImages(MAX_PICTURES - draft.pictures.length)
      for (const [index, image] of picked.entries()) {
        try {
          checkImage(image, index)
          const { url } = await uploadPicture(image.fileName, image.content)
          setDraft((d) => ({ ...d, pictures: [...d.pictures, url].slice(0, MAX_PICTURES) }))
        } catch (error) {
          problem ||= errorMessage(error)
        }
      }
    } catch (error) {
      problem ||= errorMessage(error)
    } finally {
      busy.current = false
      setUploading(false)
    }
    if (problem) {
      setErrors((e) => ({ ...e, pictures: problem }))
      void Taro.showToast({ title: problem, icon: 'none', duration: 2500 })
    }
  }

  const removePicture = (url: string) =>
    setDraft((d) => ({ ...d, pictures: d.pictures.filter((p) => p !== url) }))

  const submit = async () => {
    if (saving || uploading) return
    const { input, errors: found } = toSaveInput(draft, activity?.id)
    setErrors(found)
    if (!input) {
      void Taro.showToast({ title: '请按红字提示修改后再保存', icon: 'none', duration: 2000 })
      return
    }
    setSaving(true)
    try {
      const saved = await saveActivity(input)
      void Taro.showToast({ title: '已保存', icon: 'success', duration: 1500 })
      void Taro.redirectTo({ url: activityUrl(saved.id) })
    } catch (error) {
      setErrors(fieldErrors(error, activityFieldOf))
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  return { draft, errors, saving, uploading, change, addPictures, removePicture, submit }
}

export type ActivityFormState = ReturnType<typeof useActivityForm>
