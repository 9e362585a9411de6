import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { showError } from '@/lib/api-client'
import { requestBinding } from '../api/bindings'
import {
  clearDraft,
  emptyDraft,
  inviteCodeFromScan,
  loadDraft,
  saveDraft,
  serverFieldErrors,
  toBindingInput,
  validateBindForm,
  type BindDraft,
  type BindErrors,
  type BindField,
} from '../bind-form'

const sameAs = (a: BindDraft, b: BindDraft) =>
  (Object.keys(a) as (keyof BindDraft)[]).every((k) => a[k] === b[k])

/** Back to 我的, where the new state shows; a tab page, so switchTab when nothing is behind. */
function backToMe() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: '/pages/me/index' })
}

/** The binding form: draft kept in storage, checks before sending, server errors by field. */
export function useBindForm() {
  const [draft, setDraft] = useState<BindDraft>(loadDraft)
  const [consent, setConsentState] = useState(false)
  const [errors, setErrors] = useState<BindErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const busy = useRef(false)

  useEffect(() => {
    if (sameAs(draft, emptyDraft)) clearDraft()
    else saveDraft(draft)
  }, [draft])

  const forget = (field: BindField) =>
    setErrors((shown) => {
      if (!shown[field]) return shown
      const rest = { ...shown }
      delete rest[field]
      return rest
    })

  const change = <K extends Exclude<keyof BindDraft, 'way'>>(field: K, value: BindDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }))
    forget(field)
  }

  const setWay = (way: BindDraft['way']) => {
    setDraft((d) => ({ ...d, way }))
    setErrors({})
  }

  const setConsent = (agreed: boolean) => {
    setConsentState(agreed)
    if (agreed) forget('consent')
  }

  const scan = async () => {
    let text: string
    try {
      text = (await Taro.scanCode({ scanType: ['qrCode'] })).result
    } catch (error) {
      // Closing the camera without scanning needs no message; anything else does.
      const why = (error as { errMsg?: unknown } | null)?.errMsg
      if (!String(why ?? '').includes('cancel')) {
        Taro.showToast({ title: '没有扫到，可直接输入邀请码', icon: 'none' })
      }
      return
    }
    const code = inviteCodeFromScan(text)
    if (code) change('code', code)
    else setErrors((e) => ({ ...e, code: '这不是和美村宣的邀请码，请扫网格员出示的二维码' }))
  }

  const submit = async () => {
    if (busy.current) return
    const found = validateBindForm(draft, consent)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    busy.current = true
    setSubmitting(true)
    let status: 'pending' | 'approved'
    try {
      status = (await requestBinding(toBindingInput(draft))).status
    } catch (error) {
      // What was typed stays on the form; the server's reason shows by the field or as a toast.
      setErrors(serverFieldErrors(error))
      showError(error)
      return
    } finally {
      busy.current = false
      setSubmitting(false)
    }
    clearDraft()
    void Taro.showToast({
      title: status === 'approved' ? '绑定成功' : '申请已提交',
      icon: 'success',
    })
    backToMe()
  }

  return { draft, consent, errors, submitting, change, setWay, setConsent, scan, submit }
}

export type BindFormState = ReturnType<typeof useBindForm>
