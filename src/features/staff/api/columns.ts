import { call } from '@/lib/api-client'

export const getManagedColumns = () => call('columns.manage')

export const createColumn = (name: string) => call('columns.create', { name })

export const renameColumn = (id: string, name: string) => call('columns.rename', { id, name })

/** `ids` is the full new order of every column, hidden ones too. */
export const reorderColumns = (ids: string[]) => call('columns.reorder', { ids })

export const setColumnHidden = (id: string, hidden: boolean) =>
  call('columns.setHidden', { id, hidden })
