import { useRemote } from '@/lib/use-remote'
import { getManagedColumns } from '../api/columns'

/** Every column in display order, hidden ones too, with notice counts (admins). */
export const useManagedColumns = () => useRemote('staff:columns', getManagedColumns)
