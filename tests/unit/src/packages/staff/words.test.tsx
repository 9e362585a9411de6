import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { checkWords, parseWords } from '@/features/staff/components/word-list-form'
import WordsPage from '@/packages/staff/pages/words/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

describe('敏感词', () => {
  it('reads one word a line, dropping blanks and repeats, and flags an over-long line', () => {
    expect(parseWords(' 甲 \n\n乙\n甲\n')).toEqual(['甲', '乙'])
    expect(checkWords(['字'.repeat(21)])).toContain('超过 20 个字')
    expect(checkWords(['正常'])).toBe('')
  })

  it('an admin saves the list, and a notice containing a listed word is then refused', async () => {
    await api.loginAs('demo-admin')
    render(<WordsPage />)
    // NutUI's TextArea renders a web component whose <textarea> appears once it has rendered.
    await screen.findByText('敏感词（0 个）')
    await waitFor(() => expect(document.querySelector('textarea')).not.toBeNull())
    const box = document.querySelector('textarea') as HTMLTextAreaElement
    fireEvent.input(box, { target: { value: '赌博\n高利贷\n' } })
    expect(await screen.findByText('敏感词（2 个）')).toBeInTheDocument()
    fireEvent.click(screen.getByText('保存'))
    const admin = await api.tokenOf('demo-admin')
    await waitFor(async () =>
      expect((await api.data('content.words', {}, admin)).words).toEqual(['赌博', '高利贷']),
    )

    const grid = await api.tokenOf('demo-grid-1')
    const me = await api.data('me.get', {}, grid)
    const columns = await api.data('columns.list')
    const res = await fetch(`${api.url}/api/notices.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${grid}` },
      body: JSON.stringify({
        columnId: columns[0]?.id,
        title: '提醒大家远离高利贷',
        body: '近期有人在村里推销高利贷，请大家提高警惕。',
        scope: { kind: 'villages', villageIds: [me.user?.gridVillages[0]?.id] },
      }),
    })
    expect(res.status).toBe(422)
    expect(JSON.stringify(await res.json())).toContain('高利贷')
  })
})
