// 活动详情 and 我的志愿 in jsdom against the real local server (demo town): a resident signs up
// for the demo 好家风故事会 and is told where they stand; the full 广场舞 puts them on the
// waiting list, second in line; 我的志愿 shows the demo hours and the 志愿码; a household's
// record (the 户码 page's slot) shows for the household and nothing for a stranger.
import { fireEvent, render, screen } from '@testing-library/react'
import { HouseholdHours } from '@/features/activities/components/household-hours'
import ActivityPage from '@/packages/resident/pages/activity/index'
import MyVolunteerPage from '@/packages/resident/pages/my-volunteer/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { setRouterParams } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

afterEach(() => {
  api.logout()
})

describe('志愿活动 pages', () => {
  it('活动详情: 我要报名 signs the resident up and says what comes next', async () => {
    await api.loginAs('demo-resident-1')
    setRouterParams({ id: 'act-demo-family' })
    render(<ActivityPage />)
    expect(await screen.findByText('道德讲堂：好家风故事会')).toBeInTheDocument()
    expect(screen.getByText('名额：30 人，已报名 2 人')).toBeInTheDocument()
    fireEvent.click(await screen.findByText('我要报名'))
    expect(
      await screen.findByText('您已报名，请按时参加；到场后请出示「我的志愿」里的志愿码签到。'),
    ).toBeInTheDocument()
    expect(screen.getByText('名额：30 人，已报名 3 人')).toBeInTheDocument()
    expect(screen.getByText('取消报名')).toBeInTheDocument()
  })

  it('a full activity puts the resident on the waiting list, second in line', async () => {
    await api.loginAs('demo-resident-2')
    setRouterParams({ id: 'act-demo-dance' })
    render(<ActivityPage />)
    fireEvent.click(await screen.findByText('报满了，加入候补'))
    expect(
      await screen.findByText('您在候补名单第 2 位，有人取消时按顺序递补，递补后会通知您。'),
    ).toBeInTheDocument()
  })

  it('我的志愿 shows 4.5 hours from the demo’s past activities and the 志愿码', async () => {
    const token = await api.loginAs('demo-resident-1')
    const { code } = await api.data('activities.me', {}, token)
    render(<MyVolunteerPage />)
    expect(await screen.findByText('4.5 小时')).toBeInTheDocument()
    expect(screen.getByText(code ?? 'no code')).toBeInTheDocument()
    expect(await screen.findByText('清理村道和沟渠')).toBeInTheDocument()
    expect(screen.getByText('志愿时长 2.5 小时')).toBeInTheDocument()
  })

  it('HouseholdHours: the household sees its hours; a stranger sees no record', async () => {
    const token = await api.loginAs('demo-resident-1')
    const { user } = await api.data('me.get', {}, token)
    const householdId = user?.household?.id ?? ''
    const { unmount } = render(<HouseholdHours householdId={householdId} />)
    // 张大爷 (4.5 h) and 刘阿姨 (2.5 h) are both of 户主 张德顺's household in the demo.
    expect(await screen.findByText('7 小时')).toBeInTheDocument()
    expect(screen.getByText(/2\s*位家庭成员参加了/)).toBeInTheDocument()
    unmount()
    await api.loginAs('demo-resident-3')
    render(<HouseholdHours householdId={householdId} />)
    expect(await screen.findByText('暂无志愿服务记录')).toBeInTheDocument()
  })
})
