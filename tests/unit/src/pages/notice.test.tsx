import { render, screen } from '@testing-library/react'
import NoticePage from '@/pages/notice/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'
import { setRouterParams } from '../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

describe('公告详情', () => {
  it('公告详情 shows the notice named by ?id= with its byline and paragraphs', async () => {
    const { items } = await api.data('notices.list', { limit: 1 })
    const id = items[0]?.id ?? ''
    const notice = await api.data('notices.get', { id })
    const paragraphs = notice.body.split(/\n\s*\n/).filter((p) => p.trim() !== '')
    expect(paragraphs.length).toBeGreaterThan(1)
    setRouterParams({ id })
    render(<NoticePage />)

    expect(await screen.findByText(notice.title)).toBeInTheDocument()
    expect(screen.getByText(notice.column.name)).toBeInTheDocument()
    expect(screen.getByText(notice.authorName)).toBeInTheDocument()
    for (const paragraph of paragraphs) {
      expect(screen.getByText(paragraph.trim())).toBeInTheDocument()
    }
    // Opening the page counts one more view than the call above.
    expect(screen.getByText(`阅读 ${notice.viewCount + 1}`)).toBeInTheDocument()
  })

  it('公告详情 says when a notice does not exist', async () => {
    setRouterParams({ id: 'ntc-missing' })
    render(<NoticePage />)

    expect(await screen.findByText('这条公告不存在或已下线')).toBeInTheDocument()
    expect(screen.getByText('重试')).toBeInTheDocument()
  })
})
