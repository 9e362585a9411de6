import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import ResultsPage from '@/packages/resident/pages/results/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { demoTown } from '../../../../helpers/demo-facts'
import { setRouterParams } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

afterEach(() => api.logout())

async function campaignIn(phase: string) {
  const { items } = await api.data('campaigns.list', {})
  const found = items.find((c) => c.phase === phase)
  if (!found) throw new Error(`the demo seed has no campaign in ${phase}`)
  return found
}

describe('评选结果公示', () => {
  it('shows the winners, the ranking with votes and the 公示 dates', async () => {
    const campaign = await campaignIn('publicity')
    // Demo facts: the seed's votes for the campaign in 公示, counted by hand; 3 households win,
    // a tie across the line would go to the admins instead.
    const votes = new Map<string, number>()
    for (const v of demoTown().votes.filter((x) => x.campaignId === campaign.id)) {
      votes.set(v.nominationId, (votes.get(v.nominationId) ?? 0) + 1)
    }
    const counts = demoTown()
      .nominations.filter((n) => n.campaignId === campaign.id && n.status === 'approved')
      .map((n) => votes.get(n.id) ?? 0)
    const winners = counts.filter(
      (c) => counts.filter((o) => o > c).length + counts.filter((o) => o === c).length <= 3,
    )
    expect(winners).toHaveLength(3)
    setRouterParams({ id: campaign.id })
    render(<ResultsPage />)

    expect(await screen.findByText('获评家庭')).toBeInTheDocument()
    expect(screen.getByText(/^公示期：/)).toBeInTheDocument()
    expect(document.querySelectorAll('.result-winner')).toHaveLength(3)
    expect(screen.getAllByText('获评')).toHaveLength(3)
    expect(screen.getByText('得票排名')).toBeInTheDocument()
    // A visitor may read it but not object.
    expect(screen.queryByText('提出异议')).not.toBeInTheDocument()
  })

  it('keeps the counts hidden while voting runs', async () => {
    const campaign = await campaignIn('voting')
    setRouterParams({ id: campaign.id })
    render(<ResultsPage />)

    expect(await screen.findByText('暂不公布票数')).toBeInTheDocument()
    expect(screen.queryByText('获评家庭')).not.toBeInTheDocument()
  })

  it('a resident files an objection during 公示', async () => {
    await api.loginAs('demo-resident-2')
    const campaign = await campaignIn('publicity')
    setRouterParams({ id: campaign.id })
    render(<ResultsPage />)

    expect(await screen.findByText('提出异议')).toBeInTheDocument()
    await waitFor(() => expect(document.querySelector('textarea')).not.toBeNull())
    fireEvent.input(document.querySelector('textarea')!, { target: { value: '太短' } })
    await act(async () => {
      fireEvent.click(
        screen.getAllByText('提交异议', { selector: '.nut-button *, .nut-button' })[0]!,
      )
    })
    expect(screen.getByRole('alert')).toHaveTextContent('异议至少 5 个字')

    const text = '3号的事迹和实际情况不符，请核实。'
    fireEvent.input(document.querySelector('textarea')!, { target: { value: text } })
    await act(async () => {
      fireEvent.click(
        screen.getAllByText('提交异议', { selector: '.nut-button *, .nut-button' })[0]!,
      )
    })
    expect(await screen.findByText('您的异议已交给镇管理员，他们会核实处理。')).toBeInTheDocument()
    const admin = await api.tokenOf('demo-admin')
    const { items } = await api.data('campaigns.objections', { campaignId: campaign.id }, admin)
    expect(items.map((o) => o.text)).toContain(text)
  })
})
