import { TabPane, Tabs } from '@nutui/nutui-react-taro'
import type { ActionOutput } from '@contract/index'

interface Props {
  columns: ActionOutput<'columns.list'>
  value: string
  onChange: (columnId: string) => void
}

/** 全部 plus one tab per column; the empty string stands for 全部. */
export function ColumnTabs({ columns, value, onChange }: Props) {
  return (
    <Tabs
      value={value}
      onChange={(v) => onChange(String(v))}
      activeType='line'
      align='left'
      className='column-tabs'
    >
      <TabPane title='全部' value='' />
      {columns.map((c) => (
        <TabPane key={c.id} title={c.name} value={c.id} />
      ))}
    </Tabs>
  )
}
