import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ComposePage from '@/packages/staff/pages/compose/index'
import { bodyToHtml } from '@/features/staff/compose'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { navigations, setRouterParams } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

const BODY = '## 通知\n\n本周六上午九点在村委会开展环境整治，请各户派一人参加。\n\n带好扫帚。'

/** Opens the empty form as `openid` and waits until it is drawn. */
async function openForm(openid: string) {
  const token = await api.loginAs(openid)
  render(<ComposePage />)
  await screen.findByText('发布范围')
  // The 正文 box is a web component: its <textarea> appears once it has rendered.
  await waitFor(() => expect(document.querySelector('textarea')).not.toBeNull())
  return token
}

function fill(title: string, body: string) {
  fireEvent.input(screen.getByPlaceholderText('2 到 30 个字'), { target: { value: title } })
  const textarea = document.querySelector('textarea')
  if (!textarea) throw new Error('no 正文 textarea')
  fireEvent.input(textarea, { target: { value: body } })
}

async function pickFirstColumn() {
  const columns = await api.data('columns.list')
  const first = columns[0]
  if (!first) throw new Error('the demo seed has no column')
  fireEvent.click(screen.getByText(first.name))
  return first
}

describe('正文 to rich text', () => {
  it('escapes text, makes paragraphs of blank-line blocks and headings of "## " lines', () => {
    expect(bodyToHtml('## 标题\n\n第一段<b>\n续行\n\n\n第二段 & 完')).toBe(
      '<h2>标题</h2><p>第一段&lt;b&gt;<br/>续行</p><p>第二段 &amp; 完</p>',
    )
  })
})

describe('发布公告', () => {
  it('the button says what it will do, never the same words as the choice above it', async () => {
    await openForm('demo-grid-1')
    const button = () => document.querySelector('.compose-form__actions .nut-button')
    const chip = (text: string) => screen.getByText(text, { selector: '.chip-picker__chip' })
    // 立即发布 (the default choice): the button publishes.
    expect(chip('立即发布')).toHaveClass('chip-picker__chip--active')
    expect(button()).toHaveTextContent(/^发布$/)
    expect(screen.getAllByText('立即发布')).toHaveLength(1)

    // 定时发布: the button names the time, 08:00 tomorrow (Shanghai) unless changed.
    fireEvent.click(chip('定时发布'))
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000)
    const day = `${tomorrow.getUTCMonth() + 1}月${tomorrow.getUTCDate()}日`
    await waitFor(() => expect(button()).toHaveTextContent(`定时发布（${day} 08:00）`))
    expect(screen.getAllByText('定时发布')).toHaveLength(1)

    // 存为草稿: the button saves a draft.
    fireEvent.click(chip('存为草稿'))
    await waitFor(() => expect(button()).toHaveTextContent(/^保存草稿$/))
    expect(screen.getAllByText('存为草稿')).toHaveLength(1)
  })

  it('shows what is missing beside each field and sends nothing', async () => {
    await openForm('demo-grid-1')
    const request = vi.spyOn(Taro, 'request')

    fireEvent.click(screen.getByText('发布', { selector: '.nut-button *, .nut-button' }))

    expect(await screen.findByText('标题至少 2 个字')).toBeInTheDocument()
    expect(screen.getByText('请选择栏目')).toBeInTheDocument()
    expect(screen.getByText('请填写正文')).toBeInTheDocument()
    // 柳家村 is the grid worker's only village: it is chosen already.
    expect(screen.queryByText('请至少选择一个村')).not.toBeInTheDocument()

    fill('好', '太短了')
    fireEvent.click(screen.getByText('发布', { selector: '.nut-button *, .nut-button' }))
    expect(await screen.findByText(`正文至少 10 个字`)).toBeInTheDocument()
    expect(screen.getByText('标题至少 2 个字')).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
    expect(navigations).toEqual([])
    request.mockRestore()
  })

  it('a grid worker publishes to 柳家村: first in the list for its residents, not for 石坪村', async () => {
    await openForm('demo-grid-1')
    expect(screen.queryByText('置顶')).not.toBeInTheDocument()
    expect(screen.queryByText('全镇')).not.toBeInTheDocument()
    const title = `环境整治通知${Date.now() % 10000}`
    fill(title, BODY)
    await pickFirstColumn()

    fireEvent.click(screen.getByText('发布', { selector: '.nut-button *, .nut-button' }))

    await waitFor(() =>
      expect(navigations).toContainEqual({
        api: 'redirectTo',
        url: '/packages/staff/pages/my-notices/index',
      }),
    )
    expect(Taro.getStorageSync('hemei.compose-draft:new')).toBe('')

    const resident = await api.tokenOf('demo-resident-1')
    const inVillage = await api.data('notices.list', { limit: 20 }, resident)
    const unpinned = inVillage.items.filter((n) => !n.pinned)
    expect(unpinned[0]).toMatchObject({ title, villages: [{ name: '柳家村' }] })
    const full = await api.data('notices.get', { id: unpinned[0]?.id ?? '' }, resident)
    expect(full.body).toContain('<h2>通知</h2>')

    const elsewhere = await api.data(
      'notices.list',
      { limit: 50 },
      await api.tokenOf('demo-resident-3'),
    )
    expect(elsewhere.items.map((n) => n.title)).not.toContain(title)
  })

  it('keeps what was typed as a local draft and restores it', async () => {
    await openForm('demo-grid-1')
    fill('留着下次写', '')
    await waitFor(() =>
      expect(Taro.getStorageSync('hemei.compose-draft:new')).toMatchObject({ title: '留着下次写' }),
    )
    cleanup()
    render(<ComposePage />)
    expect(await screen.findByText('已恢复上次没有提交的内容。')).toBeInTheDocument()
    expect(screen.getByPlaceholderText('2 到 30 个字')).toHaveValue('留着下次写')
  })

  it('keeps what was typed just before leaving the form, without waiting for a pause', async () => {
    await openForm('demo-grid-1')
    fill('刚打完的标题', '')
    cleanup()
    expect(Taro.getStorageSync('hemei.compose-draft:new')).toMatchObject({ title: '刚打完的标题' })
    render(<ComposePage />)
    expect(await screen.findByText('已恢复上次没有提交的内容。')).toBeInTheDocument()
    expect(screen.getByPlaceholderText('2 到 30 个字')).toHaveValue('刚打完的标题')
  })

  it('uploads a picked photo with progress and can make it the cover', async () => {
    await openForm('demo-grid-1')
    // A 1×1 PNG, as the H5 chooseImage hands over a URL to fetch.
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
    // The browser fetches the picked blob URL; jsdom's FileReader reads only jsdom's Blob.
    const bytes = Uint8Array.from(atob(png.slice(png.indexOf(',') + 1)), (c) => c.charCodeAt(0))
    const wrapped = globalThis.fetch
    const fetcher = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) =>
      String(input).startsWith('data:')
        ? Promise.resolve({
            blob: async () => new Blob([bytes], { type: 'image/png' }),
          } as Response)
        : wrapped(input, init),
    )
    const choose = vi
      .spyOn(Taro, 'chooseImage')
      .mockResolvedValue({ tempFilePaths: [png], tempFiles: [], errMsg: 'chooseImage:ok' })

    fireEvent.click(screen.getByText('添加图片'))

    expect(await screen.findByText('图片（1/9）')).toBeInTheDocument()
    expect(choose).toHaveBeenCalledWith(expect.objectContaining({ sizeType: ['compressed'] }))
    fireEvent.click(screen.getByText('设为封面'))
    expect(screen.getByText('封面')).toBeInTheDocument()
    const saved = await waitFor(() => {
      const draft = Taro.getStorageSync('hemei.compose-draft:new') as {
        images: string[]
        cover: string
      }
      expect(draft.cover).toBeTruthy()
      return draft
    })
    expect(saved.images).toHaveLength(1)
    expect(saved.cover).toBe(saved.images[0])
    fireEvent.click(screen.getByText('删除'))
    expect(screen.getByText('图片（0/9）')).toBeInTheDocument()
    choose.mockRestore()
    fetcher.mockRestore()
  })

  it('uploads a picked mp4 video, shows it, and refuses one over 3 MB before reading it', async () => {
    await openForm('demo-grid-1')
    // The smallest file the server takes as mp4: a box header announcing "ftyp".
    const mp4 = new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode('ftypisom'), 0, 0, 2, 0])
    const wrapped = globalThis.fetch
    const fetcher = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) =>
      String(input).startsWith('blob:picked')
        ? Promise.resolve({
            blob: async () => new Blob([mp4], { type: 'video/mp4' }),
          } as Response)
        : wrapped(input, init),
    )
    const picked = (size: number) => ({
      type: 'video',
      errMsg: 'chooseMedia:ok',
      tempFiles: [
        {
          tempFilePath: 'blob:picked-video',
          size,
          duration: 5,
          height: 720,
          width: 1280,
          thumbTempFilePath: '',
          fileType: 'video' as const,
        },
      ],
    })
    const choose = vi.spyOn(Taro, 'chooseMedia').mockResolvedValueOnce(picked(4 * 1024 * 1024))

    fireEvent.click(screen.getByText('添加视频'))
    // Shown beside the field (and as a toast).
    expect(await screen.findByRole('alert')).toHaveTextContent(/视频有 4.0 MB，超过 3 MB/)
    expect(fetcher).not.toHaveBeenCalledWith('blob:picked-video')

    choose.mockResolvedValueOnce(picked(mp4.length))
    fireEvent.click(screen.getByText('添加视频'))
    expect(await screen.findByText('删除视频')).toBeInTheDocument()
    expect(choose).toHaveBeenLastCalledWith(expect.objectContaining({ mediaType: ['video'] }))
    const saved = await waitFor(() => {
      const draft = Taro.getStorageSync('hemei.compose-draft:new') as { video: string | null }
      expect(draft.video).toBeTruthy()
      return draft
    })
    expect(saved.video).toMatch(/^\/media\/.+\.mp4$/)
    // The upload really landed: the server serves the bytes back.
    const served = await wrapped(`${api.url}${saved.video ?? ''}`)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('video/mp4')

    fireEvent.click(screen.getByText('删除视频'))
    expect(screen.getByText('添加视频')).toBeInTheDocument()
    await waitFor(() =>
      expect(
        (Taro.getStorageSync('hemei.compose-draft:new') as { video: unknown }).video,
      ).toBeNull(),
    )
    choose.mockRestore()
    fetcher.mockRestore()
  })

  it('an admin edits a draft (?id=…) and publishes it township-wide', async () => {
    const token = await api.tokenOf('demo-admin')
    const [column] = await api.data('columns.list')
    const draft = await api.data(
      'notices.create',
      {
        columnId: column?.id ?? '',
        title: '镇里的草稿',
        body: '<h2>安排</h2><p>下周一全镇开展秸秆禁烧巡查。</p>',
        scope: { kind: 'township' },
        publish: 'draft',
      },
      token,
    )
    setRouterParams({ id: draft.id })
    await openForm('demo-admin')

    expect(screen.getByPlaceholderText('2 到 30 个字')).toHaveValue('镇里的草稿')
    expect(document.querySelector('textarea')).toHaveValue(
      '## 安排\n\n下周一全镇开展秸秆禁烧巡查。',
    )
    expect(screen.getByText('全镇')).toHaveClass('chip-picker__chip--active')
    expect(screen.getByText('置顶')).toBeInTheDocument()
    fireEvent.input(screen.getByPlaceholderText('2 到 30 个字'), {
      target: { value: '镇里的正式通知' },
    })
    fireEvent.click(screen.getByText('立即发布', { selector: '.chip-picker__chip' }))
    fireEvent.click(screen.getByText('发布', { selector: '.nut-button *, .nut-button' }))

    await waitFor(() => expect(navigations.length).toBe(1))
    const saved = await api.data('notices.getEditable', { id: draft.id }, token)
    expect(saved).toMatchObject({ title: '镇里的正式通知', status: 'published', villages: [] })
    expect(Taro.getStorageSync(`hemei.compose-draft:${draft.id}`)).toBe('')
  })
})
