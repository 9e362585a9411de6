// Picking and saving spreadsheet files: the only platform branches of the staff tools.
// WeChat picks from a chat (chooseMessageFile) and writes to the user data folder; the H5
// build has neither (taro-h5 marks chooseMessageFile "permanently not supported" and
// getFileSystemManager "not supported"), so the browser's own file input and download are used.
import Taro from '@tarojs/taro'
import { ApiError } from '@/lib/api-client'
import { isPickerCancel } from '@/lib/local-file'

/** A file as the roster actions take it. */
export interface PickedFile {
  fileName: string
  /** The bytes, base64. */
  content: string
}

/** The contract accepts up to 4,000,000 base64 characters, about 3 MB of file. */
const MAX_BYTES = 2_900_000
const EXTENSIONS = ['xlsx', 'csv']
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const tooBig = () => new ApiError('BAD_INPUT', '文件过大（上限约 3 MB），请拆分后再导入')
const unreadable = () => new ApiError('BAD_INPUT', '无法读取这个文件，请重新选择')

function checkFile(name: string, size: number): void {
  const extension = name.split('.').pop()?.toLowerCase() ?? ''
  if (!EXTENSIONS.includes(extension)) {
    throw new ApiError('BAD_INPUT', '只支持 .xlsx 或 .csv 文件')
  }
  if (size > MAX_BYTES) throw tooBig()
}

async function pickInWeapp(): Promise<PickedFile | null> {
  let picked: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: EXTENSIONS })
  } catch (error) {
    if (isPickerCancel(error)) return null
    throw unreadable()
  }
  const file = picked.tempFiles[0]
  if (!file) return null
  checkFile(file.name, file.size)
  const content = await new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'base64',
      success: (res) => (typeof res.data === 'string' ? resolve(res.data) : reject(unreadable())),
      fail: () => reject(unreadable()),
    })
  })
  return { fileName: file.name, content }
}

function pickInBrowser(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = `.xlsx,.csv,${XLSX_MIME},text/csv`
    input.style.display = 'none'
    const done = () => input.remove()
    input.addEventListener('cancel', () => {
      done()
      resolve(null)
    })
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done()
      if (!file) return resolve(null)
      try {
        checkFile(file.name, file.size)
      } catch (error) {
        return reject(error)
      }
      const reader = new FileReader()
      reader.onerror = () => reject(unreadable())
      reader.onload = () => {
        // A data URL: "data:<type>;base64,<bytes>".
        const url = String(reader.result ?? '')
        resolve({ fileName: file.name, content: url.slice(url.indexOf(',') + 1) })
      }
      reader.readAsDataURL(file)
    })
    document.body.appendChild(input)
    input.click()
  })
}

/** Lets the user choose one .xlsx or .csv file; null when they cancel. */
export function pickSpreadsheet(): Promise<PickedFile | null> {
  return process.env.TARO_ENV === 'h5' ? pickInBrowser() : pickInWeapp()
}

function downloadInBrowser(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The click starts the download synchronously; the URL may go once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

async function openInWeapp(fileName: string, base64: string): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: base64,
      encoding: 'base64',
      success: () => resolve(),
      fail: () => reject(new ApiError('INTERNAL', '手机存储空间不足，无法保存文件')),
    })
  })
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
}

/** Saves an .xlsx (base64): a download in the browser, an opened document in WeChat. */
export function saveSpreadsheet(fileName: string, base64: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    downloadInBrowser(fileName, base64)
    return Promise.resolve()
  }
  return openInWeapp(fileName, base64)
}
