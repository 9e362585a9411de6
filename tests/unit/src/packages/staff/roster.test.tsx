import { fireEvent, render, screen } from '@testing-library/react'
import RosterPage from '@/packages/staff/pages/roster/index'
import { ROSTER_HEADER, xlsxOf } from '../../../../helpers/roster-files'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

/** The hidden file input the H5 build opens, once 选择文件 has been tapped. */
function fileInput(): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]')
  if (!input) throw new Error('no file input was opened')
  return input
}

function choose(input: HTMLInputElement, file: File) {
  Object.defineProperty(input, 'files', { value: [file] })
  fireEvent.change(input)
}

describe('花名册导入导出', () => {
  it('opens the browser’s file picker for .xlsx and .csv and refuses other files', async () => {
    await api.loginAs('demo-admin')
    render(<RosterPage />)

    fireEvent.click(screen.getByText('选择文件'))
    const input = fileInput()
    expect(input.accept).toContain('.xlsx')
    expect(input.accept).toContain('.csv')
    choose(input, new File(['hello'], 'notes.txt', { type: 'text/plain' }))

    expect(await screen.findByText('只支持 .xlsx 或 .csv 文件')).toBeInTheDocument()
    expect(document.querySelector('input[type="file"]')).toBeNull()
    expect(screen.queryByText('确认导入')).not.toBeInTheDocument()
  })

  it('offers the export for the whole township or one village', async () => {
    await api.loginAs('demo-admin')
    render(<RosterPage />)

    expect(await screen.findByText('柳家村')).toBeInTheDocument()
    expect(screen.getByText('全镇')).toBeInTheDocument()
    expect(screen.getByText('导出花名册', { selector: '.nut-button-children' })).toBeInTheDocument()
  })
  it('previews a file, lists its bad rows by line, and imports only once it is clean', async () => {
    await api.loginAs('demo-admin')
    // A copy in a plain Uint8Array: the DOM's BlobPart does not take Node's Buffer type.
    const xlsx = async (rows: string[][]) => new Uint8Array(await xlsxOf([ROSTER_HEADER, ...rows]))
    const good = ['柳家村', '一组', '测试户主', '测试路1号', '3', '13800002222']
    render(<RosterPage />)
    await screen.findByText('柳家村')

    fireEvent.click(screen.getByText('选择文件'))
    const bad = await xlsx([good, ['柳家村', '一组', '', '测试路2号', '3', '']])
    choose(fileInput(), new File([bad], '花名册.xlsx'))

    expect(await screen.findByText('第 3 行')).toBeInTheDocument()
    expect(screen.getByText('1 处错误')).toBeInTheDocument()
    const confirm = () => screen.getByText('确认导入').closest('.nut-button')
    expect(confirm()).toHaveClass('nut-button-disabled')

    fireEvent.click(screen.getByText('重新选择文件'))
    choose(fileInput(), new File([await xlsx([good])], '花名册.xlsx'))
    expect(await screen.findByText('检查通过')).toBeInTheDocument()
    expect(confirm()).not.toHaveClass('nut-button-disabled')
    fireEvent.click(screen.getByText('确认导入'))

    expect(await screen.findByText('已导入')).toBeInTheDocument()
    const token = await api.loginAs('demo-admin')
    const found = await api.data('households.list', { keyword: '测试户主' }, token)
    expect(found.items.map((h) => h.houseNo)).toEqual(['测试路1号'])
  })

  it('refuses a typo of a village with the nearest name, and creates a village only once confirmed', async () => {
    await api.loginAs('demo-admin')
    const xlsx = async (rows: string[][]) => new Uint8Array(await xlsxOf([ROSTER_HEADER, ...rows]))
    render(<RosterPage />)
    await screen.findByText('柳家村')

    fireEvent.click(screen.getByText('选择文件'))
    const typo = await xlsx([['柳家庄', '一组', '新户主', '新村路1号', '2', '']])
    choose(fileInput(), new File([typo], '花名册.xlsx'))

    expect(await screen.findByText('本镇没有“柳家庄”，是不是“柳家村”？')).toBeInTheDocument()
    expect(screen.getByText('第 2 行')).toBeInTheDocument()
    const confirm = () => screen.getByText('确认导入').closest('.nut-button')
    expect(confirm()).toHaveClass('nut-button-disabled')

    fireEvent.click(screen.getByText('确认新建“柳家庄”'))
    expect(await screen.findByText('检查通过')).toBeInTheDocument()
    expect(screen.getByText('将新建的村：柳家庄')).toBeInTheDocument()
    expect(screen.queryByText('本镇没有“柳家庄”，是不是“柳家村”？')).not.toBeInTheDocument()
    fireEvent.click(screen.getByText('确认导入'))

    expect(await screen.findByText('已导入')).toBeInTheDocument()
    const token = await api.loginAs('demo-admin')
    const villages = await api.data('villages.list', {}, token)
    expect(villages.filter((v) => v.name === '柳家庄')).toHaveLength(1)
  })

  it('names each household an import would update, with each field from → to', async () => {
    const token = await api.loginAs('demo-admin')
    const page = await api.data('households.list', { villageId: 'vil-01', limit: 1 }, token)
    const h = page.items[0]
    if (!h) throw new Error('the demo has households in 柳家村')
    const row = [
      h.village.name,
      h.group.name,
      h.headName,
      h.houseNo,
      String(h.size + 1),
      h.phone ?? '',
    ]
    render(<RosterPage />)
    await screen.findByText('柳家村')

    fireEvent.click(screen.getByText('选择文件'))
    const file = new Uint8Array(await xlsxOf([ROSTER_HEADER, row]))
    choose(fileInput(), new File([file], '花名册.xlsx'))

    expect(await screen.findByText('将更新 1 户：')).toBeInTheDocument()
    expect(
      screen.getByText(`柳家村 ${h.houseNo}：家庭人口 ${h.size} → ${h.size + 1}`),
    ).toBeInTheDocument()
    expect(screen.getByText('第 2 行')).toBeInTheDocument()
  })
})
