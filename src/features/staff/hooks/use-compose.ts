import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { EditableNotice } from '@contract/authoring'
import { showError } from '@/lib/api-client'
import { useRemote } from '@/lib/use-remote'
import {
  createNotice,
  getEditableNotice,
  listColumns,
  publishNotice,
  updateNotice,
} from '../api/notices'
import { getMe, listVillages } from '../api/people'
import {
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
import { useComposeMedia } from './use-compose-media'

/** How long typing must pause before the draft is written to storage. */
const DRAFT_SAVE_DELAY_MS = 400

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
  const busy = useRef(false)
  const done = useRef(false)
  const { notice, isAdmin } = setup

  // The draft is written a moment after typing pauses (a cheap phone stalls on a storage
  // write per keystroke), and at once when the form closes, so nothing typed is lost.
  const latest = useRef(draft)
  latest.current = draft
  useEffect(() => {
    const timer = setTimeout(() => {
      if (!done.current) saveDraft(id, draft)
    }, DRAFT_SAVE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [id, draft])
  useEffect(
    () => () => {
      if (!done.current) saveDraft(id, latest.current)
    },
    [id],
  )

  const forget = (field: ComposeField) =>
    setErrors((shown) => {
      if (!shown[field]) return shown
      const rest = { ...shown }
      delete rest[field]
      return rest
    })

  const media = useComposeMedia({ draft, setDraft, setErrors, forget })

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
    restored: start.restored,
    change,
    toggleVillage,
    submit,
    ...media,
  }
}

export type ComposeState = ReturnType<typeof useCompose>
