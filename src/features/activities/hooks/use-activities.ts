import { usePaged } from '@/lib/use-paged'
import { useRemote } from '@/lib/use-remote'
import { getActivity, listActivities, listSignups, myActivities, myVolunteer } from '../api'

export const useActivityList = (when: 'upcoming' | 'past') =>
  usePaged(`activities:${when}`, (cursor) => listActivities(when, cursor))

export const useActivity = (id: string) => useRemote(`activity:${id}`, () => getActivity(id))

export const useMyVolunteer = () => useRemote('activities:me', myVolunteer)

export const useMyActivities = () => usePaged('activities:mine', myActivities)

export const useSignups = (activityId: string, generation: number) =>
  usePaged(`activity:signups:${activityId}:${generation}`, (cursor) =>
    listSignups(activityId, cursor),
  )
