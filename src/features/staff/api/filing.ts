import type { FilingSettings } from '@contract/filing'
import { call } from '@/lib/api-client'

export const getFilingTable = (month: string) => call('filing.table', { month })

export const getFiledNotices = (month: string, villageId: string) =>
  call('filing.notices', { month, villageId })

export const setFilingSettings = (settings: FilingSettings) => call('filing.setSettings', settings)

export const exportFiling = (month: string) => call('filing.export', { month })

export const setNoticeAdopted = (id: string, adopted: boolean) =>
  call('notices.setAdopted', { id, adopted })
