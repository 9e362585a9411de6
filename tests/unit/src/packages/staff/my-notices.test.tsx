import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import MyNoticesPage from '@/packages/staff/pages/my-notices/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { navigations } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

/** A notice of 李红梅's for 柳家村, saved through the API as `publish` says. */
async function noticeOf(token: string, title: string, publish: 'draft' | 'now') {
  const [column] = await api.data('columns.list')
  const me = await api.data('me.get', {}, token)
  const village = me.user?.gridVillages[0]
  if (!column || !village) throw new Error('the demo seed lacks a column or a grid village')
  return api.data(
    'notices.create',
    {
      columnId: column.id,
      title,
      body: '<p>本周六上午九点在村委会开展环境整治。</p>',
      scope: { kind: 'villages', villageIds: [village.id] },
      publish,
    },
    token,
  )
}

const cardOf = async (title: string) =>
  (await screen.findByText(title)).closest('.staff-card') as HTMLElement

const titlesFor = async (openid: string) =>
  (await api.data('notices.list', { limit: 50 }, await api.tokenOf(openid))).items.map(
    (n) => n.title,
  )

describe('我的公告', () => {
  it('publishes a saved draft from the list; residents of 柳家村 then see it', async () => {
    const token = await api.loginAs('demo-grid-1')
    const draft = await noticeOf(token, '草稿待发布的通知', 'draft')
    render(<MyNoticesPage />)

    const card = await cardOf(draft.title)
    expect(within(card).getByText('草稿')).toBeInTheDocument()
    expect(within(card).getByText('尚未发布')).toBeInTheDocument()
    expect(within(card).queryByText('撤回')).not.toBeInTheDocument()
    expect(await titlesFor('demo-resident-1')).not.toContain(draft.title)

    fireEvent.click(within(card).getByText('发布'))

    await waitFor(() => expect(within(card).getByText('已发布')).toBeInTheDocument())
    expect(within(card).getByText(/^发布于 \d{4}年/)).toBeInTheDocument()
    expect(await titlesFor('demo-resident-1')).toContain(draft.title)

    fireEvent.click(within(card).getByText('未读家庭'))
    expect(navigations).toContainEqual({
      api: 'navigateTo',
      url: `/packages/staff/pages/reach/index?noticeId=${draft.id}`,
    })
  })

  it('withdraws a published notice after an inline confirmation', async () => {
    const token = await api.loginAs('demo-grid-1')
    const notice = await noticeOf(token, '将被撤回的通知', 'now')
    expect(await titlesFor('demo-resident-1')).toContain(notice.title)
    render(<MyNoticesPage />)

    const card = await cardOf(notice.title)
    fireEvent.click(within(card).getByText('撤回'))
    expect(within(card).getByText(/撤回后村民就看不到/)).toBeInTheDocument()
    fireEvent.click(within(card).getByText('取消'))
    expect(within(card).queryByText('确认撤回')).not.toBeInTheDocument()

    fireEvent.click(within(card).getByText('撤回'))
    fireEvent.click(within(card).getByText('确认撤回'))

    await waitFor(() => expect(within(card).getByText('已撤回')).toBeInTheDocument())
    expect(await titlesFor('demo-resident-1')).not.toContain(notice.title)
    // It can go out again.
    expect(within(card).getByText('发布')).toBeInTheDocument()
  })

  it('filters by state and opens 编辑 on the form', async () => {
    const token = await api.loginAs('demo-grid-1')
    const draft = await noticeOf(token, '只在草稿里的通知', 'draft')
    render(<MyNoticesPage />)
    await cardOf(draft.title)

    fireEvent.click(screen.getByText('已发布', { selector: '.chip-picker__chip' }))
    await waitFor(() => expect(screen.queryByText(draft.title)).not.toBeInTheDocument())
    fireEvent.click(screen.getByText('草稿', { selector: '.chip-picker__chip' }))
    const card = await cardOf(draft.title)

    fireEvent.click(within(card).getByText('编辑'))
    expect(navigations).toContainEqual({
      api: 'navigateTo',
      url: `/packages/staff/pages/compose/index?id=${draft.id}`,
    })
  })
})
