import { Cell, CellGroup, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MeUser } from '@contract/people'
import { roleNames, staffPageUrl } from './labels'
import './tools-home.scss'

interface Props {
  user: MeUser
  /** Requests waiting for review; null while unknown. */
  pending: { count: number; more: boolean } | null
}

interface Entry {
  page: string
  title: string
  description: string
}

const dailyEntries: Entry[] = [
  { page: 'bindings', title: '绑定审核', description: '核对村民的家庭绑定申请' },
  { page: 'households', title: '户籍管理', description: '查看和修改本网格的家庭，生成绑定邀请码' },
  { page: 'compose', title: '发布公告', description: '写通知、配图片，立即或定时发到村里' },
  {
    page: 'inspect',
    title: '入户检查',
    description: '人居环境逐项打分、现场拍照，没网也能先存',
  },
  { page: 'appeals', title: '红黑榜申诉', description: '复查或驳回村民对得分的申诉' },
  { page: 'broadcast-today', title: '今天的广播', description: '村里大喇叭今天要播的广播稿' },
  {
    page: 'my-notices',
    title: '我的公告',
    description: '草稿、定时和已发布的公告，编辑、撤回、看未读',
  },
  { page: 'review', title: '评选审核', description: '审核本网格家庭的评选提名，通过或退回' },
  { page: 'assist', title: '代村民投票', description: '老人不会操作时，按本人意愿代投，记为代投' },
  {
    page: 'activities',
    title: '志愿活动',
    description: '新时代文明实践站的活动：新建、签到、记时长、生成新闻稿',
  },
]

const adminEntries: Entry[] = [
  { page: 'places', title: '村组与网格', description: '新增、改名、归档村和网格，指派网格员' },
  { page: 'roster', title: '花名册导入导出', description: '用 Excel 花名册批量导入或导出家庭' },
  { page: 'staff', title: '人员与角色', description: '任命或撤销网格员、管理员' },
  { page: 'columns', title: '栏目管理', description: '新增、改名、排序、隐藏首页的宣传栏目' },
  {
    page: 'filing',
    title: '信息报送考核',
    description: '各村每月发布数、被上级采用与得分，导出 Excel',
  },
  { page: 'words', title: '敏感词', description: '发布公告时自动检查的词表' },
  {
    page: 'rounds',
    title: '红黑榜轮次与发布',
    description: '开启月度检查、审核榜单并发布公示，导出 Excel、打印',
  },
  { page: 'rubric', title: '评分标准', description: '人居环境检查的类别、检查项和分值' },
  {
    page: 'campaigns',
    title: '评选管理',
    description: '新建评选、提前结束阶段、作废票、数据核查、异议、导出与证书',
  },
  { page: 'outbox', title: '通知发件箱', description: '投票开始、结果公布时发给村民的通知' },
  {
    page: 'media-review',
    title: '图片视频审核',
    description: '内容检查拿不准的图片和网格员上传的视频，决定显示或移除',
  },
]

const open = (page: string) => () => void Taro.navigateTo({ url: staffPageUrl(page) })

function EntryCell({ entry, extra }: { entry: Entry; extra?: string }) {
  return (
    <Cell
      className='tools-home__entry'
      title={entry.title}
      description={entry.description}
      extra={extra ? <View className='tools-home__count'>{extra}</View> : undefined}
      clickable
      onClick={open(entry.page)}
    />
  )
}

/** The staff home: who I am and where I work, then the tools my role may use. */
export function ToolsHome({ user, pending }: Props) {
  const isAdmin = user.role === 'admin'
  const scope = isAdmin
    ? '全镇'
    : user.gridVillages.map((v) => v.name).join('、') || '尚未分配网格，请联系镇管理员'
  const pendingText = pending
    ? pending.count === 0
      ? '暂无'
      : `${pending.count}${pending.more ? '+' : ''} 条待审核`
    : undefined
  return (
    <View className='tools-home'>
      <View className='tools-home__who'>
        <View className='tools-home__heading'>{isAdmin ? '管理员工具' : '网格员工具'}</View>
        <View className='tools-home__name'>
          {user.nickname}
          <Tag type='primary'>{roleNames[user.role]}</Tag>
        </View>
        <View className='tools-home__scope'>负责范围：{scope}</View>
      </View>
      <CellGroup title='日常工作'>
        {dailyEntries.map((e) => (
          <EntryCell
            key={e.page}
            entry={e}
            extra={e.page === 'bindings' ? pendingText : undefined}
          />
        ))}
      </CellGroup>
      {isAdmin && (
        <CellGroup title='全镇管理'>
          {adminEntries.map((e) => (
            <EntryCell key={e.page} entry={e} />
          ))}
        </CellGroup>
      )}
    </View>
  )
}
