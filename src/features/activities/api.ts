import type { ActionInput } from '@contract/index'
import { call } from '@/lib/api-client'
import { uploadMedia } from '@/lib/upload'

export const listActivities = (when: 'upcoming' | 'past', cursor?: string) =>
  call('activities.list', { when, cursor, limit: 10 })

export const getActivity = (id: string) => call('activities.get', { id })

export const saveActivity = (input: ActionInput<'activities.save'>) =>
  call('activities.save', input)

export const cancelActivity = (id: string, reason: string) =>
  call('activities.cancel', { id, reason })

export const signUp = (id: string) => call('activities.signUp', { id })

export const cancelSignup = (id: string) => call('activities.cancelSignup', { id })

export const listSignups = (activityId: string, cursor?: string) =>
  call('activities.signups', { activityId, cursor, limit: 20 })

export const resolveCode = (activityId: string, code: string) =>
  call('activities.resolveCode', { activityId, code })

export const checkIn = (activityId: string, signupId: string, present: boolean) =>
  call('activities.checkIn', { activityId, signupId, present })

export const adjustHours = (activityId: string, signupId: string, hours: number, reason: string) =>
  call('activities.adjustHours', { activityId, signupId, hours, reason })

export const toNotice = (id: string) => call('activities.toNotice', { id })

export const myVolunteer = () => call('activities.me', {})

export const myActivities = (cursor?: string) => call('activities.mine', { cursor, limit: 10 })

export const householdHours = (householdId: string) =>
  call('activities.householdHours', { householdId })

export const monthlyHours = (month: string, villageId: string, cursor?: string) =>
  call('activities.monthly', { month, villageId, cursor, limit: 50 })

export const exportHours = (month: string, villageId: string) =>
  call('activities.export', { month, villageId })

export const uploadPicture = (fileName: string, content: string) =>
  uploadMedia({ fileName, kind: 'image', content })
