import { call } from '@/lib/api-client'
import type { PickedFile } from '@/lib/files'

/** The dry run; `newVillages` are the names the admin confirmed as new villages. */
export const previewRoster = (file: PickedFile, newVillages: string[] = []) =>
  call('roster.preview', { ...file, newVillages })

export const commitRoster = (file: PickedFile, newVillages: string[] = []) =>
  call('roster.commit', { ...file, newVillages })

export const exportRoster = (villageId?: string) => call('roster.export', { villageId })
