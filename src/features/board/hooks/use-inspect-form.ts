import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { errorMessage, fieldErrors, showError } from '@/lib/api-client'
import { decideAppeal } from '../api/board'
import {
  formTotal,
  initialItems,
  sentItems,
  type InspectTarget,
  type ItemDraft,
} from '../inspect-items'
import { newClientId } from '../inspection-queue'
import { flushOutbox, outbox } from '../outbox'
import { uploadAll, usePhotos } from './use-photos'

export { itemScore } from '@contract/scoring'
export type { InspectTarget, ItemDraft }

export type SaveOutcome = 'sent' | 'queued' | 'refused'

/**
 * Scoring a household: every item with a stepper and a note, photos taken now. Saving puts
 * the inspection in the phone's outbox first and then tries to send it, so losing the network
 * loses nothing; a refusal comes back to the form with the server's reasons.
 */
export function useInspectForm(target: InspectTarget) {
  const [items, setItems] = useState(() => initialItems(target.criteria, target.latest))
  const photos = usePhotos(true)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [progress, setProgress] = useState('')
  // One id per filled form: a retry after a lost answer is the same inspection.
  const clientId = useRef(newClientId())
  const busy = useRef(false)

  const change = (criterionId: string, patch: Partial<ItemDraft>) =>
    setItems((all) => ({ ...all, [criterionId]: { ...all[criterionId], ...patch } as ItemDraft }))

  const total = formTotal(target.criteria, items)
  const draftItems = () => sentItems(target.criteria, items)

  const refused = (error: unknown) => {
    const found = fieldErrors(error, (path) => {
      const m = /^items\.(\d+)/.exec(path)
      const c = m ? target.criteria[Number(m[1])] : undefined
      return c ? c.id : path.startsWith('photos') ? 'photos' : 'form'
    })
    setErrors({ form: errorMessage(error), ...found })
  }

  const sendAppeal = async (): Promise<SaveOutcome> => {
    try {
      const uploaded = await uploadAll(photos.photos, (n, t) => setProgress(`上传照片 ${n}/${t}`))
      setProgress('正在保存…')
      await decideAppeal({
        id: target.appealId,
        decision: 'reinspect',
        items: draftItems(),
        photos: uploaded,
        clientId: clientId.current,
      })
      return 'sent'
    } catch (error) {
      refused(error)
      showError(error)
      return 'refused'
    }
  }

  const queueAndSend = async (): Promise<SaveOutcome> => {
    outbox.put({
      clientId: clientId.current,
      roundId: target.roundId,
      householdId: target.householdId,
      label: target.label,
      input: { roundId: target.roundId, householdId: target.householdId, items: draftItems() },
      photos: photos.photos,
      queuedAt: new Date().toISOString(),
      error: null,
    })
    setProgress(photos.photos.length > 0 ? '正在上传照片…' : '正在保存…')
    await flushOutbox()
    const left = outbox.list().find((e) => e.clientId === clientId.current)
    if (!left) return 'sent'
    if (!left.error) return 'queued'
    // Refused while the worker is still here: back to the form, not left in the outbox.
    outbox.remove(clientId.current)
    setErrors({ form: left.error })
    Taro.showToast({ title: left.error, icon: 'none', duration: 2500 })
    return 'refused'
  }

  const save = async (): Promise<SaveOutcome | null> => {
    if (busy.current) return null
    busy.current = true
    setErrors({})
    try {
      return target.appealId ? await sendAppeal() : await queueAndSend()
    } finally {
      busy.current = false
      setProgress('')
    }
  }

  return { items, change, total, photos, errors, progress, save }
}

export type InspectForm = ReturnType<typeof useInspectForm>
