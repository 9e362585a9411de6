import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MeUser } from '@contract/people'
import { ElderModeSwitch } from '@/components/elder-mode-switch'
import './me-entries.scss'
import { residentUrl } from '@/lib/routes'

const open = (url: string) => () => void Taro.navigateTo({ url })

const arrow = (
  <Text className='me-entries__arrow' aria-hidden>
    ›
  </Text>
)

const records = [
  { kind: 'nominations', title: '我的提名' },
  { kind: 'votes', title: '我的投票' },
  { kind: 'appeals', title: '我的申诉' },
] as const

/** Where 我的 leads: 长辈模式 first, staff tools, my records, and the privacy guide. */
export function MeEntries({ user }: { user: MeUser | null }) {
  const tools =
    user?.role === 'admin'
      ? { title: '管理员工具', description: '村组网格、人员任免、花名册、绑定审核' }
      : user?.role === 'gridWorker'
        ? { title: '网格员工具', description: '审核绑定申请、管理本网格的家庭' }
        : null
  return (
    <View className='me-entries'>
      <ElderModeSwitch variant='row' />
      {tools && (
        <CellGroup>
          <Cell
            title={tools.title}
            description={tools.description}
            extra={arrow}
            clickable
            onClick={open('/packages/staff/pages/tools/index')}
          />
        </CellGroup>
      )}
      {user && (
        <CellGroup>
          <Cell
            title='我的志愿'
            description='志愿时长、志愿码和报名的活动'
            extra={arrow}
            clickable
            onClick={open(residentUrl('my-volunteer'))}
          />
          <Cell
            title='志愿活动'
            description='新时代文明实践站的活动，报名参加'
            extra={arrow}
            clickable
            onClick={open(residentUrl('activities'))}
          />
        </CellGroup>
      )}
      {user && (
        <CellGroup>
          {user.household && (
            <Cell
              title='我的家庭'
              description='每月得分、红黑榜、获评荣誉'
              extra={arrow}
              clickable
              onClick={open(residentUrl('family'))}
            />
          )}
          {records.map((r) => (
            <Cell
              key={r.kind}
              title={r.title}
              extra={arrow}
              clickable
              onClick={open(residentUrl('records', `kind=${r.kind}`))}
            />
          ))}
        </CellGroup>
      )}
      <CellGroup>
        <Cell title='隐私保护指引' extra={arrow} clickable onClick={open(residentUrl('privacy'))} />
      </CellGroup>
    </View>
  )
}
