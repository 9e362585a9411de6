import { useRemote } from '@/lib/use-remote'
import { listVillages } from '../api/bindings'

/** The township's villages, for choosing one's own. */
export const useVillages = () => useRemote('villages', listVillages)
