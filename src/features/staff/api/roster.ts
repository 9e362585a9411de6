import { call } from '@/lib/api-client'
import type { PickedFile } from '@/lib/files'

export const previewRoster = (file: PickedFile) => call('roster.preview', file)

export const commitRoster = (file: PickedFile) => call('roster.commit', file)

export const exportRoster = (villageId?: string) => call('roster.export', { villageId })
