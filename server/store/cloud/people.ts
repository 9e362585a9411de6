// Users, places, households, bindings, roster, reach, settings, media and audit on the cloud database.
import type { Snapshot, Store } from '../store'
import { pending } from './pending'
import type { CloudDb } from './sdk'

export type PeopleRepos = Pick<
  Store,
  | 'users'
  | 'places'
  | 'households'
  | 'bindings'
  | 'roster'
  | 'reach'
  | 'settings'
  | 'media'
  | 'audit'
>

export function peopleRepos(_db: CloudDb): PeopleRepos {
  return {
    users: pending('users'),
    places: pending('places'),
    households: pending('households'),
    bindings: pending('bindings'),
    roster: pending('roster'),
    reach: pending('reach'),
    settings: pending('settings'),
    media: pending('media'),
    audit: pending('audit'),
  }
}

/** Writes the snapshot's people and places (users … bindings) as documents. */
export async function loadPeople(_db: CloudDb, _snapshot: Snapshot): Promise<void> {
  throw new Error('loadPeople: not built yet')
}
