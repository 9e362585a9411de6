import { call } from '@/lib/api-client'

export const listCampaigns = (cursor?: string) => call('campaigns.list', { cursor, limit: 10 })
