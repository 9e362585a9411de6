// Placeholders so the contract compiles before the handlers land (removed as they arrive).
import type { HandlersFor } from '../context'
import { AppError } from '../errors'

const pendingNames = [
  'campaigns.get',
  'campaigns.save',
  'campaigns.closePhase',
  'campaigns.nominees',
  'campaigns.nominate',
  'campaigns.nominations',
  'campaigns.review',
  'campaigns.decline',
  'campaigns.candidates',
  'campaigns.vote',
  'campaigns.assistees',
  'campaigns.assistVote',
  'campaigns.votes',
  'campaigns.invalidateVote',
  'campaigns.integrity',
  'campaigns.results',
  'campaigns.object',
  'campaigns.objections',
  'campaigns.export',
  'campaigns.subscribe',
  'notify.outbox',
  'me.votes',
  'me.nominations',
] as const

type Pending = (typeof pendingNames)[number]

const notYet = () => Promise.reject(new AppError('NOT_FOUND', '该功能尚未开放'))

export const pendingCampaignHandlers = Object.fromEntries(
  pendingNames.map((n) => [n, notYet]),
) as unknown as HandlersFor<Pending>
