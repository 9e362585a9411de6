import type { ActionInput } from '@contract/index'
import { usePaged } from '@/lib/use-paged'
import { useRemote } from '@/lib/use-remote'
import {
  getCampaign,
  getIntegrity,
  getResults,
  listAssistees,
  listCampaigns,
  listCandidates,
  listNominations,
  listObjections,
  listOutbox,
  listVotes,
} from '../api/campaigns'

type Status = ActionInput<'campaigns.nominations'>['status']

/** Nominations to review (a grid worker's grids, or all for an admin), per status. */
export const useNominationQueue = (campaignId: string, status: Status) =>
  usePaged(`staff:nominations:${campaignId}:${status ?? ''}`, (cursor) =>
    listNominations({ campaignId: campaignId || undefined, status }, cursor),
  )

export const useStaffCampaigns = () => usePaged('staff:campaigns', listCampaigns)

export const useStaffCampaign = (id: string) =>
  useRemote(`staff:campaign:${id}`, () => getCampaign(id))

export const useStaffCandidates = (campaignId: string) =>
  usePaged(`staff:candidates:${campaignId}`, (cursor) => listCandidates(campaignId, cursor))

export const useAssistees = (campaignId: string, name: string) =>
  usePaged(`staff:assistees:${campaignId}:${name}`, (cursor) =>
    listAssistees(campaignId, name, cursor),
  )

export const useCampaignVotes = (campaignId: string) =>
  usePaged(`staff:votes:${campaignId}`, (cursor) => listVotes(campaignId, cursor))

export const useIntegrity = (campaignId: string) =>
  useRemote(`staff:integrity:${campaignId}`, () => getIntegrity(campaignId))

export const useObjections = (campaignId: string) =>
  usePaged(`staff:objections:${campaignId}`, (cursor) => listObjections(campaignId, cursor))

export const useOutbox = () => usePaged('staff:outbox', listOutbox)

export const useStaffResults = (campaignId: string) =>
  useRemote(`staff:results:${campaignId}`, () => getResults(campaignId))
