import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import AssistPage from '@/packages/staff/pages/assist/index'
import CampaignAdminPage from '@/packages/staff/pages/campaign-admin/index'
import CampaignEditPage from '@/packages/staff/pages/campaign-edit/index'
import CertificatePage from '@/packages/staff/pages/certificate/index'
import OutboxPage from '@/packages/staff/pages/outbox/index'
import ReviewPage from '@/packages/staff/pages/review/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { navigations, setRouterParams } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

afterEach(() => {
  api.logout()
  navigations.length = 0
})

/** Taps a NutUI button by its label, once it is drawn. */
async function tap(label: string | RegExp) {
  const [button] = await screen.findAllByText(label, { selector: '.nut-button *, .nut-button' })
  await act(async () => {
    fireEvent.click(button!)
  })
}

async function campaignIn(phase: string) {
  const admin = await api.tokenOf('demo-admin')
  const { items } = await api.data('campaigns.list', {}, admin)
  const found = items.find((c) => c.phase === phase)
  if (!found) throw new Error(`the demo seed has no campaign in ${phase}`)
  return found
}

describe('评选审核', () => {
  it('a grid worker approves a pending nomination of their grid and it leaves the queue', async () => {
    const token = await api.loginAs('demo-grid-1')
    const { items } = await api.data('campaigns.nominations', { status: 'pending' }, token)
    const first = items[0]
    if (!first) throw new Error('the demo seed has no pending nomination in 李红梅’s grid')
    setRouterParams({})
    render(<ReviewPage />)

    expect((await screen.findAllByText(first.story))[0]).toBeInTheDocument()
    const card = screen.getAllByText(first.story)[0]!.closest('.staff-card') as HTMLElement
    await act(async () => {
      fireEvent.click(card.querySelector('.nut-button') as HTMLElement)
    })
    await waitFor(() => expect(screen.queryByText(first.story)).not.toBeInTheDocument())
    const after = await api.data('campaigns.nominations', { status: 'approved' }, token)
    expect(after.items.find((n) => n.id === first.id)?.number).toBeGreaterThan(0)
  })

  it('a rejection needs a reason', async () => {
    await api.loginAs('demo-grid-1')
    setRouterParams({})
    render(<ReviewPage />)

    await tap('不通过')
    await tap('确认不通过')
    expect(await screen.findByText('请写明不通过的理由（至少 2 个字）')).toBeInTheDocument()
  })
})

describe('代村民投票', () => {
  it('a grid worker finds a resident of their grid and votes on their behalf, marked assisted', async () => {
    const worker = await api.loginAs('demo-grid-1')
    const campaign = await campaignIn('voting')
    setRouterParams({ campaignId: campaign.id })
    render(<AssistPage />)

    fireEvent.input(await screen.findByPlaceholderText('输入姓名查找'), { target: { value: '' } })
    await tap('查找')
    const { items } = await api.data(
      'campaigns.assistees',
      { campaignId: campaign.id, name: '' },
      worker,
    )
    // Someone who has not voted today, so no per-candidate limit of today can refuse the vote
    // (the seed's residents vote at different hours: who has depends on the time of day).
    const { rules } = await api.data('campaigns.get', { id: campaign.id }, worker)
    // One alone in their household, so the household line names only them.
    const alone = (r: (typeof items)[number]) =>
      items.filter((o) => o.houseNo === r.houseNo && o.household.name === r.household.name)
        .length === 1
    const resident = items.find((r) => r.votesLeftToday === rules.votesPerDay && alone(r))
    if (!resident) throw new Error('everyone in 李红梅’s grid has voted today')
    const { household } = resident
    // Told apart by 门牌号 and a phone the server masked (3 digits, ****, 4 digits), if any.
    expect(resident.maskedPhone ?? '138****0000').toMatch(/^1\d{2}\*{4}\d{4}$/)
    fireEvent.click(
      await screen.findByText(
        `${household.villageName}${household.groupName} ${resident.houseNo} · 户主 ${household.name} · ${resident.maskedPhone ?? '未登记电话'}`,
      ),
    )
    expect(await screen.findByText(`代 ${resident.name} 投票`)).toBeInTheDocument()
    expect(screen.getByText(`今天还可以投 ${resident.votesLeftToday} 票`)).toBeInTheDocument()
    await tap('代投一票')
    expect(screen.queryByText(/^没有投上/)).not.toBeInTheDocument()
    expect(
      await screen.findByText(`今天还可以投 ${resident.votesLeftToday - 1} 票`),
    ).toBeInTheDocument()
    const admin = await api.tokenOf('demo-admin')
    const votes = await api.data('campaigns.votes', { campaignId: campaign.id }, admin)
    expect(votes.items[0]).toMatchObject({ voterName: resident.name })
    expect(votes.items[0]?.assistedByName).toContain('李红梅')
  })
})

describe('评选活动管理', () => {
  it('an admin ends the nomination phase early with a reason', async () => {
    await api.loginAs('demo-admin')
    const campaign = await campaignIn('nomination')
    setRouterParams({ id: campaign.id })
    render(<CampaignAdminPage />)

    await tap('提前结束提名')
    await tap('提前结束提名')
    expect(await screen.findByText('请写明提前结束的原因')).toBeInTheDocument()
    fireEvent.input(screen.getByPlaceholderText('如：提名已足够（至少 2 个字）'), {
      target: { value: '提名已经足够' },
    })
    await tap('提前结束提名')
    expect(await screen.findByText('审核中')).toBeInTheDocument()
    expect(screen.getByText('提前结束审核')).toBeInTheDocument()
  })

  it('lists the votes, and an admin invalidates one with a reason', async () => {
    await api.loginAs('demo-admin')
    const campaign = await campaignIn('voting')
    setRouterParams({ id: campaign.id })
    render(<CampaignAdminPage />)

    fireEvent.click(await screen.findByText('投票记录'))
    await tap('作废此票')
    fireEvent.input(screen.getByPlaceholderText('如：经核实为代他人操作（至少 2 个字）'), {
      target: { value: '经核实为代他人操作' },
    })
    await tap('确认作废')
    expect(await screen.findByText(/^作废理由：经核实为代他人操作/)).toBeInTheDocument()
    const results = await api.data('campaigns.results', { campaignId: campaign.id })
    expect(results.invalidatedVotes).toBeGreaterThanOrEqual(1)
  })

  it('shows the integrity report as flags and numbers, not verdicts', async () => {
    await api.loginAs('demo-admin')
    const campaign = await campaignIn('voting')
    setRouterParams({ id: campaign.id })
    render(<CampaignAdminPage />)

    fireEvent.click(await screen.findByText('数据核查'))
    expect(await screen.findByText('以上仅供核实，系统不会自动处理任何票。')).toBeInTheDocument()
    expect(screen.getByText('每小时票数')).toBeInTheDocument()
    expect(screen.getByText(/^网格员代投 \d+ 票/)).toBeInTheDocument()
  })

  it('the winners of a campaign in 公示 each have a certificate', async () => {
    await api.loginAs('demo-admin')
    const campaign = await campaignIn('publicity')
    setRouterParams({ id: campaign.id })
    render(<CampaignAdminPage />)

    expect(await screen.findByText('获评家庭与证书')).toBeInTheDocument()
    await tap('证书')
    expect(navigations.at(-1)?.url).toMatch(
      /packages\/staff\/pages\/certificate\/index\?campaignId=/,
    )
  })
})

describe('新建评选', () => {
  it('checks the form beside the fields, then saves and opens the new campaign', async () => {
    const token = await api.loginAs('demo-admin')
    setRouterParams({})
    render(<CampaignEditPage />)

    await tap('保存评选')
    expect(await screen.findByText('标题至少 2 个字')).toBeInTheDocument()
    fireEvent.input(screen.getByPlaceholderText('2 到 30 个字'), {
      target: { value: '页面测试的好公婆评选' },
    })
    await tap('保存评选')
    await waitFor(() =>
      expect(navigations.at(-1)?.url).toMatch(/packages\/staff\/pages\/campaign-admin\/index\?id=/),
    )
    const { items } = await api.data('campaigns.list', {}, token)
    expect(items.map((c) => c.title)).toContain('页面测试的好公婆评选')
  })
})

describe('通知发件箱 and 荣誉证书', () => {
  it('the outbox lists what was sent, or says nothing was', async () => {
    const token = await api.loginAs('demo-admin')
    const { items } = await api.data('notify.outbox', {}, token)
    render(<OutboxPage />)

    if (items.length === 0) expect(await screen.findByText('还没有发出通知')).toBeInTheDocument()
    else expect((await screen.findAllByText(items[0]!.title))[0]).toBeInTheDocument()
  })

  it('the outbox says how each WeChat delivery ended', async () => {
    await api.loginAs('demo-admin')
    const admin = await api.store.users.byOpenid('demo-admin')
    if (!admin) throw new Error('no demo admin')
    const row = (key: string, title: string) => ({
      id: `ntf-${key}`,
      dedupeKey: key,
      event: 'votingOpened' as const,
      campaignId: null,
      userId: admin.id,
      title,
      body: '页面测试的通知正文',
      createdAt: Date.now() + 60_000,
    })
    await api.store.notify.append([
      row('page-refused', '未订阅的通知'),
      row('page-sent', '送达的通知'),
    ])
    await api.store.notify.setDelivery('page-refused', { outcome: 'refused', errCode: 43101 }, null)
    await api.store.notify.setDelivery('page-sent', { outcome: 'sent', errCode: null }, null)
    render(<OutboxPage />)

    expect(await screen.findByText('对方没有订阅，未送达')).toBeInTheDocument()
    expect(screen.getByText('已送达微信')).toBeInTheDocument()
  })

  it("a winner's certificate names the household and the title, ready to print", async () => {
    await api.loginAs('demo-admin')
    const campaign = await campaignIn('publicity')
    const results = await api.data('campaigns.results', { campaignId: campaign.id })
    const winner = results.rows?.find((r) => r.winner)
    if (!winner) throw new Error('the demo campaign in 公示 has no winner')
    setRouterParams({ campaignId: campaign.id, candidateId: winner.candidate.id })
    render(<CertificatePage />)

    expect(await screen.findByText('荣誉证书')).toBeInTheDocument()
    expect(screen.getByText(`${winner.candidate.household.name} 家庭`)).toBeInTheDocument()
    expect(screen.getByText(campaign.typeLabel)).toBeInTheDocument()
    expect(screen.getByText('打印证书（A4）')).toBeInTheDocument()
  })
})
