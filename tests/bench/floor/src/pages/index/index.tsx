// The floor's first screen: NutUI Tabs over a list of Cells with dayjs dates and a Button,
// with no request to any server. What a bare Taro + NutUI page costs to show.
import { Button, Cell, Tabs } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import dayjs from 'dayjs'
import { useState } from 'react'

const start = dayjs('2026-12-04T08:00:00+08:00')
const items = Array.from({ length: 10 }, (_, i) => ({
  title: `第 ${i + 1} 条：秋冬季防火提醒，不烧荒、不烧秸秆、不野外用火`,
  at: start.subtract(i, 'day').format('YYYY年M月D日 HH:mm'),
}))

export default function Index() {
  const [tab, setTab] = useState<string | number>('0')
  return (
    <View>
      <Tabs value={tab} onChange={setTab}>
        {['全部', '通知公告', '村务公开'].map((title, i) => (
          <Tabs.TabPane key={title} title={title} value={String(i)}>
            {items.map((item) => (
              <Cell key={item.title} title={item.title} description={item.at} />
            ))}
          </Tabs.TabPane>
        ))}
      </Tabs>
      <Button type='primary' block>
        更多
      </Button>
    </View>
  )
}
