import type { z } from 'zod'
import { activityActions } from './activities'
import { authoringActions } from './authoring'
import { bindingActions } from './bindings'
import { broadcastActions } from './broadcast'
import { boardActions } from './board'
import { bulletinActions } from './bulletin'
import { campaignActions } from './campaigns'
import { doorplateActions } from './doorplates'
import { filingActions } from './filing'
import { mediaActions } from './media'
import { peopleActions } from './people'
import { placesActions } from './places'
import { reachActions } from './reach'

export * from './envelope'
export * from './define'

/** Every action of the API, by name. */
export const actions = {
  ...peopleActions,
  ...placesActions,
  ...bindingActions,
  ...bulletinActions,
  ...authoringActions,
  ...mediaActions,
  ...reachActions,
  ...boardActions,
  ...campaignActions,
  ...filingActions,
  ...activityActions,
  ...doorplateActions,
  ...broadcastActions,
}

/** The name of an action, `domain.verb`. */
export type ActionName = keyof typeof actions

/** What a caller sends (before defaults are applied). */
export type ActionInput<A extends ActionName> = z.input<(typeof actions)[A]['input']>

/** What a handler receives (validated, defaults applied). */
export type ParsedInput<A extends ActionName> = z.output<(typeof actions)[A]['input']>

/** What an action answers in `data`. */
export type ActionOutput<A extends ActionName> = z.output<(typeof actions)[A]['output']>

/** Whether `name` is a declared action. */
export function isActionName(name: string): name is ActionName {
  return Object.prototype.hasOwnProperty.call(actions, name)
}
