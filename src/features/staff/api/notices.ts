import type { ActionInput } from '@contract/index'
import { call } from '@/lib/api-client'
import { uploadMedia, type OnProgress } from '@/lib/upload'

/** A notice's state as notices.mine filters it. */
export type NoticeStatus = NonNullable<ActionInput<'notices.mine'>['status']>

export const listColumns = () => call('columns.list')

export const listMyNotices = (status: NoticeStatus | undefined, cursor: string | undefined) =>
  call('notices.mine', { status, cursor, limit: 20 })

export const getEditableNotice = (id: string) => call('notices.getEditable', { id })

export const createNotice = (input: ActionInput<'notices.create'>) => call('notices.create', input)

export const updateNotice = (input: ActionInput<'notices.update'>) => call('notices.update', input)

export const publishNotice = (id: string, publishAt?: string) =>
  call('notices.publish', { id, publishAt })

export const withdrawNotice = (id: string) => call('notices.withdraw', { id })

export const uploadImage = (fileName: string, content: string, onProgress?: OnProgress) =>
  uploadMedia({ fileName, kind: 'image', content }, onProgress)

export const uploadVideo = (fileName: string, content: string, onProgress?: OnProgress) =>
  uploadMedia({ fileName, kind: 'video', content }, onProgress)
