// The staff side of campaigns: review, assisted votes and the admins' tools.
import type { ActionInput } from '@contract/index'
import { call } from '@/lib/api-client'

export const listNominations = (
  filter: { campaignId?: string; status?: ActionInput<'campaigns.nominations'>['status'] },
  cursor?: string,
) => call('campaigns.nominations', { ...filter, cursor, limit: 20 })

export const reviewNomination = (input: ActionInput<'campaigns.review'>) =>
  call('campaigns.review', input)

export const listAssistees = (campaignId: string, name: string, cursor?: string) =>
  call('campaigns.assistees', { campaignId, name, cursor, limit: 20 })

export const assistVote = (campaignId: string, candidateId: string, residentId: string) =>
  call('campaigns.assistVote', { campaignId, candidateId, residentId })

export const saveCampaign = (input: ActionInput<'campaigns.save'>) => call('campaigns.save', input)

export const closePhase = (input: ActionInput<'campaigns.closePhase'>) =>
  call('campaigns.closePhase', input)

export const listVotes = (campaignId: string, cursor?: string) =>
  call('campaigns.votes', { campaignId, cursor, limit: 20 })

export const invalidateVote = (voteId: string, reason: string) =>
  call('campaigns.invalidateVote', { voteId, reason })

export const getIntegrity = (campaignId: string) => call('campaigns.integrity', { campaignId })

export const listObjections = (campaignId: string, cursor?: string) =>
  call('campaigns.objections', { campaignId, cursor, limit: 20 })

export const listOutbox = (cursor?: string) => call('notify.outbox', { cursor, limit: 20 })

export const exportResults = (campaignId: string) => call('campaigns.export', { campaignId })

export const listCampaigns = (cursor?: string) => call('campaigns.list', { cursor, limit: 20 })

export const getCampaign = (id: string) => call('campaigns.get', { id })

export const listCandidates = (campaignId: string, cursor?: string) =>
  call('campaigns.candidates', { campaignId, cursor, limit: 20 })

export const getResults = (campaignId: string) => call('campaigns.results', { campaignId })
