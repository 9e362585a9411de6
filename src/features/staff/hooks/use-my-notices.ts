import { useDidShow } from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import type { EditableNotice } from '@contract/authoring'
import { usePaged } from '@/lib/use-paged'
import { listMyNotices, type NoticeStatus } from '../api/notices'

/** The caller's notices (admins: everyone's), newest first; `status` '' for all of them. */
export function useMyNotices(status: NoticeStatus | '') {
  const paged = usePaged(`staff:my-notices:${status}`, (cursor) =>
    listMyNotices(status || undefined, cursor),
  )
  // A notice published or withdrawn here shows its new state until the next refresh.
  const [changed, setChanged] = useState<ReadonlyMap<string, EditableNotice>>(() => new Map())
  const items = useMemo(
    () => paged.items.map((n) => changed.get(n.id) ?? n),
    [paged.items, changed],
  )
  const markChanged = useCallback(
    (notice: EditableNotice) => setChanged((m) => new Map(m).set(notice.id, notice)),
    [],
  )
  // Back from the form: what was saved there shows.
  useDidShow(() => {
    if (!paged.loading) void paged.refresh()
  })
  return { ...paged, items, markChanged }
}
