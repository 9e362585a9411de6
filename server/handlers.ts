import type { ActionName } from '../contract'
import { appealHandlers } from './board/appeals.actions'
import { boardHandlers } from './board/board.actions'
import { rubricHandlers } from './board/rubric.actions'
import { authoringHandlers } from './bulletin/authoring.actions'
import { bulletinHandlers } from './bulletin/bulletin.actions'
import { columnHandlers } from './bulletin/columns.actions'
import { reachHandlers } from './bulletin/reach.actions'
import { campaignHandlers } from './campaigns/campaigns.actions'
import { nominationHandlers } from './campaigns/nominations.actions'
import { resultHandlers } from './campaigns/results.actions'
import { voteHandlers } from './campaigns/votes.actions'
import type { HandlersFor } from './context'
import { familyHandlers } from './doorplate/family.actions'
import {
  loadActivities,
  loadBroadcast,
  loadDoorplates,
  loadPublish,
  loadRoster,
  loadStaff,
} from './lazy/load'
import { lazyMethods } from './lazy/methods'
import { mediaHandlers, mediaReviewHandlers } from './media/media.actions'
import { notifyHandlers } from './notify/notify.actions'
import { bindingHandlers } from './people/bindings.actions'
import { peopleHandlers } from './people/people.actions'
import { placesHandlers } from './places/places.actions'

// Actions a resident's everyday call never reaches load their handlers on first use
// (server/lazy/load.ts), so that the cloud function's cold start does not carry them.
const activityHandlers = lazyMethods(() => loadActivities().then((m) => m.activityHandlers), {
  'activities.list': true,
  'activities.get': true,
  'activities.save': true,
  'activities.cancel': true,
  'activities.signUp': true,
  'activities.cancelSignup': true,
  'activities.toNotice': true,
})
const hoursHandlers = lazyMethods(() => loadActivities().then((m) => m.hoursHandlers), {
  'activities.signups': true,
  'activities.resolveCode': true,
  'activities.checkIn': true,
  'activities.adjustHours': true,
  'activities.me': true,
  'activities.mine': true,
  'activities.householdHours': true,
  'activities.monthly': true,
  'activities.export': true,
})
const publishHandlers = lazyMethods(() => loadPublish().then((m) => m.publishHandlers), {
  'board.publishPreview': true,
  'board.publish': true,
  'board.withdraw': true,
})
const rosterHandlers = lazyMethods(() => loadRoster().then((m) => m.rosterHandlers), {
  'roster.preview': true,
  'roster.commit': true,
  'roster.export': true,
})
const broadcastHandlers = lazyMethods(() => loadBroadcast().then((m) => m.broadcastHandlers), {
  'broadcast.script': true,
  'broadcast.saveScript': true,
  'broadcast.schedule': true,
  'broadcast.unschedule': true,
  'broadcast.plays': true,
  'broadcast.markPlayed': true,
  'broadcast.month': true,
})
const doorplateHandlers = lazyMethods(() => loadDoorplates().then((m) => m.doorplateHandlers), {
  'doorplates.open': true,
  'doorplates.print': true,
  'doorplates.reissue': true,
})
const staffHandlers = lazyMethods(() => loadStaff().then((m) => m.staffHandlers), {
  'users.search': true,
  'staff.list': true,
  'staff.appoint': true,
  'staff.dismiss': true,
  'users.endSessions': true,
  'admin.claim': true,
})
const filingHandlers = lazyMethods(() => loadStaff().then((m) => m.filingHandlers), {
  'filing.table': true,
  'filing.notices': true,
  'filing.settings': true,
  'filing.setSettings': true,
  'filing.export': true,
  'notices.setAdopted': true,
})
const boardExportHandlers = lazyMethods(() => loadStaff().then((m) => m.boardExportHandlers), {
  'board.export': true,
  'board.printable': true,
})
const inspectHandlers = lazyMethods(() => loadStaff().then((m) => m.inspectHandlers), {
  'board.inspectables': true,
  'board.inspect': true,
  'board.inspection': true,
})

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
