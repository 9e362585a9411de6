import type { ActionInput } from '@contract/index'
import { call } from '@/lib/api-client'
import { uploadMedia, type OnProgress } from '@/lib/upload'

export const listCampaigns = (cursor?: string) => call('campaigns.list', { cursor, limit: 10 })

export const getCampaign = (id: string) => call('campaigns.get', { id })

export const listCandidates = (campaignId: string, cursor?: string) =>
  call('campaigns.candidates', { campaignId, cursor, limit: 10 })

export const castVote = (campaignId: string, candidateId: string) =>
  call('campaigns.vote', { campaignId, candidateId })

export const findNominees = (campaignId: string, name: string) =>
  call('campaigns.nominees', { campaignId, name, limit: 20 })

export const nominate = (input: ActionInput<'campaigns.nominate'>) =>
  call('campaigns.nominate', input)

export const declineNomination = (id: string, reason?: string) =>
  call('campaigns.decline', { id, reason })

export const getResults = (campaignId: string) => call('campaigns.results', { campaignId })

export const fileObjection = (campaignId: string, text: string) =>
  call('campaigns.object', { campaignId, text })

/** One campaign's notifications, or (no campaignId) every campaign in the caller's scope. */
export const subscribe = (campaignId: string | undefined, on: boolean) =>
  call('campaigns.subscribe', { campaignId, on })

export const getSubscription = () => call('campaigns.subscription', {})

export const listMyVotes = (cursor?: string) => call('me.votes', { cursor, limit: 20 })

export const listMyNominations = (cursor?: string) => call('me.nominations', { cursor, limit: 20 })

export const uploadPhoto = (fileName: string, content: string, onProgress?: OnProgress) =>
  uploadMedia({ fileName, kind: 'image', content }, onProgress)
