import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DOOR_PAGE as SERVER_DOOR_PAGE } from '../../../../server/doorplate/doorplate.actions'
import { movedPageUrl, RESIDENT_PAGES, residentUrl } from '../../../../src/lib/routes'

interface AppConfig {
  pages: string[]
  subPackages: { root: string; pages: string[] }[]
  preloadRule: Record<string, { network: string; packages: string[] }>
  tabBar: { list: { pagePath: string }[] }
}

async function appConfig(): Promise<AppConfig> {
  const global = globalThis as { defineAppConfig?: (config: AppConfig) => AppConfig }
  global.defineAppConfig ??= (config) => config
  return (await import('../../../../src/app.config')).default as unknown as AppConfig
}

describe('where the pages live (app.config.ts)', () => {
  it('keeps only the four tab pages and the doorplate landing in the main package', async () => {
    const config = await appConfig()
    expect(config.pages).toEqual([
      'pages/index/index',
      'pages/board/index',
      'pages/campaigns/index',
      'pages/me/index',
      'pages/door/index',
    ])
    expect(config.tabBar.list.map((t) => t.pagePath)).toEqual(config.pages.slice(0, 4))
    // Printed 小程序码 and H5 QR codes name the door page: it never moves.
    expect(SERVER_DOOR_PAGE).toBe('pages/door/index')
  })

  it('puts the twelve pages reached by a tap in the resident subpackage, each with its source', async () => {
    const config = await appConfig()
    const resident = config.subPackages.find((p) => p.root === 'packages/resident')
    expect(resident?.pages).toHaveLength(12)
    expect(resident?.pages).toEqual(RESIDENT_PAGES.map((p) => `pages/${p}/index`))
    for (const page of RESIDENT_PAGES) {
      const dir = path.join(__dirname, '../../../../src/packages/resident/pages', page)
      expect(fs.existsSync(path.join(dir, 'index.tsx')), page).toBe(true)
      expect(fs.existsSync(path.join(__dirname, '../../../../src/pages', page)), page).toBe(false)
    }
  })

  it('preloads the resident pages from every main page, and the staff tools from 我的 on Wi-Fi', async () => {
    const config = await appConfig()
    for (const page of config.pages)
      expect(config.preloadRule[page]?.packages, page).toContain('packages/resident')
    expect(config.preloadRule['pages/index/index']?.network).toBe('all')
    expect(config.preloadRule['pages/me/index']).toEqual({
      network: 'wifi',
      packages: ['packages/resident', 'packages/staff'],
    })
    const roots = config.subPackages.map((p) => p.root)
    for (const rule of Object.values(config.preloadRule))
      for (const root of rule.packages) expect(roots).toContain(root)
  })
})

describe('the URL of a page that moved into the resident subpackage', () => {
  it('builds resident URLs with and without a query', () => {
    expect(residentUrl('privacy')).toBe('/packages/resident/pages/privacy/index')
    expect(residentUrl('records', 'kind=votes')).toBe(
      '/packages/resident/pages/records/index?kind=votes',
    )
  })

  it('maps an old path, with or without its leading slash, keeping the query', () => {
    expect(movedPageUrl('pages/notice/index', { id: 'n 1&2' })).toBe(
      '/packages/resident/pages/notice/index?id=n%201%262',
    )
    expect(movedPageUrl('/pages/campaign/index', { id: 'c-town' })).toBe(
      '/packages/resident/pages/campaign/index?id=c-town',
    )
    expect(movedPageUrl('pages/my-volunteer/index')).toBe(
      '/packages/resident/pages/my-volunteer/index',
    )
    // Taro adds its own keys to the query (the H5 router's stamp): not passed on.
    expect(
      movedPageUrl('/pages/results/index', { id: 'c1', stamp: 'AB', $taroTimestamp: '17' }),
    ).toBe('/packages/resident/pages/results/index?id=c1')
  })

  it('leaves every other path alone', () => {
    for (const path of [
      'pages/index/index',
      'pages/door/index',
      'pages/unknown/index',
      'packages/resident/pages/notice/index',
      'packages/staff/pages/tools/index',
      'pages/notice/other',
      '',
    ])
      expect(movedPageUrl(path, { id: 'x' }), path).toBeNull()
  })
})
