// The binding form's rules on the phone: what is missing, what goes to the server, and the
// draft kept in storage so that leaving the page never loses what an elderly user typed.
import Taro from '@tarojs/taro'
import type { ActionInput } from '@contract/index'
import { fieldErrors } from '@/lib/api-client'
import type { Relation } from './labels'

export type BindWay = 'roster' | 'invite'

export interface BindDraft {
  way: BindWay
  villageId: string
  headName: string
  houseNo: string
  code: string
  relation: Relation | ''
}

export type BindField = 'villageId' | 'headName' | 'houseNo' | 'code' | 'relation' | 'consent'

export type BindErrors = Partial<Record<BindField, string>>

export const emptyDraft: BindDraft = {
  way: 'roster',
  villageId: '',
  headName: '',
  houseNo: '',
  code: '',
  relation: '',
}

/** Invite codes are 8 characters of an alphabet without 0/O and 1/I. */
export const INVITE_CODE_LENGTH = 8
const INVITE_PREFIX = 'hemei-invite:'

/** The code inside a scanned QR text (`hemei-invite:<CODE>`), or null when it is not ours. */
export function inviteCodeFromScan(text: string): string | null {
  const raw = text.trim()
  if (!raw.toLowerCase().startsWith(INVITE_PREFIX)) return null
  const code = raw.slice(INVITE_PREFIX.length).trim().toUpperCase()
  return /^[A-Z0-9]{4,16}$/.test(code) ? code : null
}

/** What is missing or wrong, field by field, in words the user can act on. */
export function validateBindForm(draft: BindDraft, consent: boolean): BindErrors {
  const errors: BindErrors = {}
  if (draft.way === 'roster') {
    if (!draft.villageId) errors.villageId = '请选择您所在的村'
    if (!draft.headName.trim()) errors.headName = '请填写户主姓名'
    if (!draft.houseNo.trim()) errors.houseNo = '请填写门牌号'
  } else {
    const code = draft.code.trim()
    if (!code) errors.code = '请填写邀请码'
    else if (code.length !== INVITE_CODE_LENGTH) errors.code = '邀请码是 8 位字母或数字，请核对'
  }
  if (!draft.relation) errors.relation = '请选择您与户主的关系'
  if (!consent) errors.consent = '请先阅读并勾选同意《隐私保护指引》'
  return errors
}

/** The request for a draft that passed validateBindForm. */
export function toBindingInput(draft: BindDraft): ActionInput<'bindings.request'> {
  const relation = draft.relation || 'member'
  return draft.way === 'roster'
    ? {
        by: 'roster',
        villageId: draft.villageId,
        headName: draft.headName.trim(),
        houseNo: draft.houseNo.trim(),
        relation,
      }
    : { by: 'invite', code: draft.code.trim().toUpperCase(), relation }
}

const FIELDS: readonly BindField[] = ['villageId', 'headName', 'houseNo', 'code', 'relation']

/** The fields a BAD_INPUT answer names, shown next to them like the phone's own checks. */
export const serverFieldErrors = (error: unknown): BindErrors =>
  fieldErrors(error, (path) => FIELDS.find((f) => f === path))

const DRAFT_KEY = 'hemei.bind-draft'

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 40) : '')

/** The draft left by an earlier visit; anything unreadable starts empty. */
export function loadDraft(): BindDraft {
  const saved: unknown = Taro.getStorageSync(DRAFT_KEY)
  if (typeof saved !== 'object' || saved === null) return emptyDraft
  const d = saved as Record<string, unknown>
  return {
    way: d.way === 'invite' ? 'invite' : 'roster',
    villageId: text(d.villageId),
    headName: text(d.headName),
    houseNo: text(d.houseNo),
    code: text(d.code),
    relation: d.relation === 'head' || d.relation === 'member' ? d.relation : '',
  }
}

/** Keeps the draft (the consent tick is not kept: it is given anew each time). */
export function saveDraft(draft: BindDraft): void {
  Taro.setStorageSync(DRAFT_KEY, draft)
}

export function clearDraft(): void {
  Taro.removeStorageSync(DRAFT_KEY)
}
