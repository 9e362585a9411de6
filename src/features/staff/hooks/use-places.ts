import { useRemote } from '@/lib/use-remote'
import { getPlaceTree } from '../api/places'

/** Every village with its groups and grids (archived ones too). */
export const usePlaceTree = () => useRemote('staff:places', getPlaceTree)
