import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { Nomination } from '@contract/campaigns'
import { errorMessage, fieldErrors, showError } from '@/lib/api-client'
import { checkImage, pickImages } from '@/lib/images'
import { findNominees, nominate, uploadPhoto } from '../api/campaigns'

type CampaignHousehold = Nomination['household']

export const MAX_PHOTOS = 6
export const MAX_STORY = 500
const MIN_STORY = 10

type Field = 'household' | 'story' | 'photos'
export type NominateErrors = Partial<Record<Field, string>>

interface Draft {
  household: CampaignHousehold | null
  story: string
  photos: string[]
}

const draftKey = (campaignId: string) => `hemei.nominate-draft:${campaignId}`

function loadDraft(campaignId: string): Draft {
  const saved: unknown = Taro.getStorageSync(draftKey(campaignId))
  if (typeof saved === 'object' && saved !== null && 'story' in saved) return saved as Draft
  return { household: null, story: '', photos: [] }
}

/** The phone's own checks, the same as the contract's, so most mistakes never leave it. */
export function checkNomination(draft: Draft): NominateErrors {
  const errors: NominateErrors = {}
  if (!draft.household) errors.household = '请先查找并选择被提名的家庭'
  const story = draft.story.trim()
  if (story.length < MIN_STORY) errors.story = `事迹至少 ${MIN_STORY} 个字`
  else if (story.length > MAX_STORY) errors.story = `事迹最多 ${MAX_STORY} 个字`
  if (draft.photos.length > MAX_PHOTOS) errors.photos = `最多 ${MAX_PHOTOS} 张照片`
  return errors
}

const fieldOf = (path: string): Field | undefined =>
  path.startsWith('householdId')
    ? 'household'
    : path.startsWith('story')
      ? 'story'
      : path.startsWith('photos')
        ? 'photos'
        : undefined

/** The nomination form: roster search, story, photos uploaded one by one, the draft kept. */
export function useNominate(campaignId: string, onDone: () => void) {
  const [draft, setDraft] = useState<Draft>(() => loadDraft(campaignId))
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<CampaignHousehold[] | null>(null)
  const [searching, setSearching] = useState(false)
  const [errors, setErrors] = useState<NominateErrors>({})
  const [upload, setUpload] = useState<{ current: number; total: number } | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const busy = useRef(false)
  const done = useRef(false)

  useEffect(() => {
    if (!done.current) Taro.setStorageSync(draftKey(campaignId), draft)
  }, [campaignId, draft])

  const forget = (field: Field) => setErrors((e) => ({ ...e, [field]: undefined }))

  const search = async () => {
    const name = query.trim()
    if (!name) return setErrors((e) => ({ ...e, household: '请输入户主姓名' }))
    if (Array.from(name).length < 2)
      return setErrors((e) => ({ ...e, household: '请至少输入户主姓名中的两个字' }))
    setSearching(true)
    forget('household')
    try {
      setFound((await findNominees(campaignId, name)).items)
    } catch (error) {
      setErrors((e) => ({ ...e, household: errorMessage(error) }))
    } finally {
      setSearching(false)
    }
  }

  const choose = (household: CampaignHousehold) => {
    setDraft((d) => ({ ...d, household }))
    setFound(null)
    forget('household')
  }

  const setStory = (story: string) => {
    setDraft((d) => ({ ...d, story }))
    forget('story')
  }

  const removePhoto = (url: string) =>
    setDraft((d) => ({ ...d, photos: d.photos.filter((p) => p !== url) }))

  const addPhotos = async () => {
    if (busy.current) return
    const room = MAX_PHOTOS - draft.photos.length
    if (room <= 0) return setErrors((e) => ({ ...e, photos: `最多 ${MAX_PHOTOS} 张照片` }))
    forget('photos')
    busy.current = true
    let problem = ''
    try {
      const picked = await pickImages(room)
      for (const [index, image] of picked.entries()) {
        setUpload({ current: index + 1, total: picked.length })
        try {
          checkImage(image, index)
          const { url } = await uploadPhoto(image.fileName, image.content)
          setDraft((d) => ({ ...d, photos: [...d.photos, url].slice(0, MAX_PHOTOS) }))
        } catch (error) {
          problem ||= errorMessage(error)
        }
      }
    } catch (error) {
      problem ||= errorMessage(error)
    } finally {
      busy.current = false
      setUpload(null)
    }
    if (problem) setErrors((e) => ({ ...e, photos: problem }))
  }

  const submit = async () => {
    if (busy.current) return
    const found = checkNomination(draft)
    setErrors(found)
    if (Object.keys(found).length > 0 || !draft.household) {
      void Taro.showToast({ title: '请按红字提示修改后再提交', icon: 'none', duration: 2000 })
      return
    }
    busy.current = true
    setSubmitting(true)
    try {
      await nominate({
        campaignId,
        householdId: draft.household.id,
        story: draft.story.trim(),
        photos: draft.photos,
      })
    } catch (error) {
      setErrors(fieldErrors(error, fieldOf))
      showError(error)
      return
    } finally {
      busy.current = false
      setSubmitting(false)
    }
    done.current = true
    Taro.removeStorageSync(draftKey(campaignId))
    void Taro.showToast({ title: '提名已提交，等待审核', icon: 'success', duration: 1500 })
    onDone()
  }

  return {
    draft,
    query,
    setQuery,
    found,
    searching,
    errors,
    upload,
    submitting,
    search,
    choose,
    setStory,
    addPhotos,
    removePhoto,
    submit,
  }
}

export type NominateForm = ReturnType<typeof useNominate>
