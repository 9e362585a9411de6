import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { EditableNotice } from '@contract/authoring'
import { errorMessage, showError } from '@/lib/api-client'
import { useRemote } from '@/lib/use-remote'
import { checkImage, pickImages } from '@/lib/images'
import {
  createNotice,
  getEditableNotice,
  listColumns,
  publishNotice,
  updateNotice,
  uploadImage,
} from '../api/notices'
import { getMe, listVillages } from '../api/people'
import {
  MAX_IMAGES,
  clearDraft,
  draftFromNotice,
  emptyDraft,
  loadDraft,
  saveDraft,
  serverFieldErrors,
  shanghaiToIso,
  toCreateInput,
  toNoticeFields,
  validateCompose,
  type ComposeDraft,
  type ComposeErrors,
  type ComposeField,
} from '../compose'
import { staffPageUrl } from '../components/labels'

/** What the form needs before it can be shown: who I am, the columns, villages, the notice. */
export interface ComposeSetup {
  isAdmin: boolean
  columns: { id: string; name: string }[]
  /** The villages the caller may publish to. */
  villages: { id: string; name: string }[]
  /** The notice being edited (?id=…), or null for a new one. */
  notice: EditableNotice | null
}

async function loadSetup(id: string): Promise<ComposeSetup> {
  const [me, columns, notice] = await Promise.all([
    getMe(),
    listColumns(),
    id ? getEditableNotice(id) : Promise.resolve(null),
  ])
  const isAdmin = me.user?.role === 'admin'
  const villages = isAdmin ? await listVillages() : (me.user?.gridVillages ?? [])
  return {
    isAdmin,
    columns: columns.map((c) => ({ id: c.id, name: c.name })),
    villages: villages.map((v) => ({ id: v.id, name: v.name })),
    notice,
  }
}

/** The form's data, loaded once per notice id. */
export const useComposeSetup = (id: string) => useRemote(`staff:compose:${id}`, () => loadSetup(id))

/** After a save: back to 我的公告 if it opened this form, else to it. */
function toMyNotices() {
  let previous = ''
  try {
    const pages = Taro.getCurrentPages()
    previous = pages[pages.length - 2]?.route ?? ''
  } catch {
    previous = ''
  }
  if (previous.includes('packages/staff/pages/my-notices')) void Taro.navigateBack()
  else void Taro.redirectTo({ url: staffPageUrl('my-notices') })
}

function initialDraft(id: string, setup: ComposeSetup): { draft: ComposeDraft; restored: boolean } {
  const saved = loadDraft(id)
  if (saved) return { draft: saved, restored: true }
  if (setup.notice) return { draft: draftFromNotice(setup.notice), restored: false }
  const draft = emptyDraft()
  // A grid worker with a single village has nothing to choose.
  if (!setup.isAdmin && setup.villages.length === 1) {
    draft.scopeKind = 'villages'
    draft.villageIds = [setup.villages[0]?.id ?? '']
  }
  return { draft, restored: false }
}

/** The notice form: draft kept in storage, checks before sending, photos uploaded one by one. */
export function useCompose(id: string, setup: ComposeSetup) {
  const [start] = useState(() => initialDraft(id, setup))
  const [draft, setDraft] = useState<ComposeDraft>(start.draft)
  const [errors, setErrors] = useState<ComposeErrors>({})
  const [submitting, setSubmitting] = useState(false)
  /** Photos being uploaded: the one in progress (1-based) of how many. */
  const [upload, setUpload] = useState<{ current: number; total: number } | null>(null)
  const busy = useRef(false)
  const done = useRef(false)
  const { notice, isAdmin } = setup

  useEffect(() => {
    if (!done.current) saveDraft(id, draft)
  }, [id, draft])

  const forget = (field: ComposeField) =>
    setErrors((shown) => {
      if (!shown[field]) return shown
      const rest = { ...shown }
      delete rest[field]
      return rest
    })

  const change = <K extends keyof ComposeDraft>(
    field: K,
    value: ComposeDraft[K],
    error?: ComposeField,
  ) => {
    setDraft((d) => ({ ...d, [field]: value }))
    if (error) forget(error)
  }

  const toggleVillage = (villageId: string) => {
    setDraft((d) => ({
      ...d,
      scopeKind: 'villages',
      villageIds: d.villageIds.includes(villageId)
        ? d.villageIds.filter((v) => v !== villageId)
        : [...d.villageIds, villageId],
    }))
    forget('scope')
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

  const addImages = async () => {
    if (busy.current) return
    const room = MAX_IMAGES - draft.images.length
    if (room <= 0) return setErrors((e) => ({ ...e, images: `最多 ${MAX_IMAGES} 张图片` }))
    forget('images')
    busy.current = true
    let problem = ''
    try {
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
        setUpload({ current: index + 1, total: fit.length })
        try {
          const { url } = await uploadImage(image.fileName, image.content)
          setDraft((d) => ({ ...d, images: [...d.images, url].slice(0, MAX_IMAGES) }))
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
    if (problem) {
      setErrors((e) => ({ ...e, images: problem }))
      Taro.showToast({ title: problem, icon: 'none', duration: 2500 })
    }
  }

  const send = async (): Promise<string> => {
    if (!notice) {
      const saved = await createNotice(toCreateInput(draft, isAdmin))
      return saved.status === 'draft'
        ? '草稿已保存'
        : saved.status === 'scheduled'
          ? '已定时'
          : '已发布'
    }
    await updateNotice({ id: notice.id, ...toNoticeFields(draft, isAdmin) })
    if (draft.publish === 'now' && notice.status !== 'published') {
      await publishNotice(notice.id)
      return '已发布'
    }
    if (draft.publish === 'schedule') {
      const at = shanghaiToIso(draft.publishDate, draft.publishTime) ?? undefined
      if (notice.status !== 'scheduled' || at !== notice.publishAt) {
        await publishNotice(notice.id, at)
      }
      return '已定时'
    }
    return '已保存'
  }

  const submit = async () => {
    if (busy.current) return
    // A published notice being corrected keeps its publish time: nothing to schedule.
    const found = validateCompose(draft, Date.now(), notice?.status !== 'published')
    setErrors(found)
    if (Object.keys(found).length > 0) {
      Taro.showToast({ title: '请按红字提示修改后再提交', icon: 'none', duration: 2000 })
      return
    }
    busy.current = true
    setSubmitting(true)
    let doneText: string
    try {
      doneText = await send()
    } catch (error) {
      // What was typed stays; the server's reason shows by the field and as a toast.
      setErrors(serverFieldErrors(error))
      showError(error)
      return
    } finally {
      busy.current = false
      setSubmitting(false)
    }
    done.current = true
    clearDraft(id)
    void Taro.showToast({ title: doneText, icon: 'success', duration: 1500 })
    toMyNotices()
  }

  return {
    draft,
    errors,
    submitting,
    upload,
    restored: start.restored,
    change,
    toggleVillage,
    addImages,
    removeImage,
    setCover,
    clearCover,
    submit,
  }
}

export type ComposeState = ReturnType<typeof useCompose>
