import type { ActionName } from '../contract'
import { activityHandlers } from './activities/activities.actions'
import { hoursHandlers } from './activities/hours.actions'
import { appealHandlers } from './board/appeals.actions'
import { boardHandlers } from './board/board.actions'
import { rubricHandlers } from './board/rubric.actions'
import { boardExportHandlers } from './board/board.export'
import { inspectHandlers } from './board/inspect.actions'
import { publishHandlers } from './board/publish.actions'
import { authoringHandlers } from './bulletin/authoring.actions'
import { bulletinHandlers } from './bulletin/bulletin.actions'
import { columnHandlers } from './bulletin/columns.actions'
import { filingHandlers } from './bulletin/filing.actions'
import { reachHandlers } from './bulletin/reach.actions'
import { broadcastHandlers } from './broadcast/broadcast.actions'
import { campaignHandlers } from './campaigns/campaigns.actions'
import { nominationHandlers } from './campaigns/nominations.actions'
import { resultHandlers } from './campaigns/results.actions'
import { voteHandlers } from './campaigns/votes.actions'
import type { HandlersFor } from './context'
import { doorplateHandlers } from './doorplate/doorplate.actions'
import { familyHandlers } from './doorplate/family.actions'
import { mediaHandlers, mediaReviewHandlers } from './media/media.actions'
import { notifyHandlers } from './notify/notify.actions'
import { bindingHandlers } from './people/bindings.actions'
import { peopleHandlers } from './people/people.actions'
import { rosterHandlers } from './people/roster.actions'
import { staffHandlers } from './people/staff.actions'
import { placesHandlers } from './places/places.actions'

/** One handler for every action of the contract; a missing one is a compile error. */
export const handlers: HandlersFor<ActionName> = {
  ...peopleHandlers,
  ...staffHandlers,
  ...rosterHandlers,
  ...bindingHandlers,
  ...placesHandlers,
  ...bulletinHandlers,
  ...authoringHandlers,
  ...mediaHandlers,
  ...mediaReviewHandlers,
  ...columnHandlers,
  ...reachHandlers,
  ...boardHandlers,
  ...rubricHandlers,
  ...inspectHandlers,
  ...publishHandlers,
  ...appealHandlers,
  ...boardExportHandlers,
  ...campaignHandlers,
  ...nominationHandlers,
  ...resultHandlers,
  ...voteHandlers,
  ...notifyHandlers,
  ...filingHandlers,
  ...activityHandlers,
  ...hoursHandlers,
  ...doorplateHandlers,
  ...familyHandlers,
  ...broadcastHandlers,
}
