import Taro from '@tarojs/taro'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'

let api: PageTestApi
beforeAll(async () => { api = await startTestApi() })
afterAll(async () => { await api.close() })
it('scratch', async () => {
  process.stderr.write('fetch is ' + String(globalThis.fetch).slice(0, 80) + '\n')
  try {
    const r = await Taro.request({ url: '/api/campaigns.list', method: 'POST', data: {}, header: { 'content-type': 'application/json' } })
    process.stderr.write(JSON.stringify(r).slice(0, 300) + '\n')
  } catch (e) {
    process.stderr.write('ERR ' + String(e) + ' ' + ((e as Error).stack ?? '') + '\n')
  }
})
