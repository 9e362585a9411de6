import { RESIDENT_PAGES, RESIDENT_ROOT } from './lib/routes'

const tab = (page: string, text: string, icon: string) => ({
  pagePath: `pages/${page}/index`,
  text,
  iconPath: `assets/tab/${icon}.png`,
  selectedIconPath: `assets/tab/${icon}-active.png`,
})

export default defineAppConfig({
  // The first download: the tab pages and the doorplate landing (src/lib/routes.ts).
  pages: [
    'pages/index/index',
    'pages/board/index',
    'pages/campaigns/index',
    'pages/me/index',
    'pages/door/index',
  ],
  subPackages: [
    // What a villager opens with a tap: downloaded on the first such tap, or ahead of it by
    // preloadRule below.
    { root: RESIDENT_ROOT, pages: RESIDENT_PAGES.map((page) => `pages/${page}/index`) },
    // Grid-worker and admin tools: residents download them only on Wi-Fi (preloadRule).
    {
      root: 'packages/staff',
      pages: [
        'pages/tools/index',
        'pages/bindings/index',
        'pages/households/index',
        'pages/household/index',
        'pages/places/index',
        'pages/roster/index',
        'pages/staff/index',
        'pages/columns/index',
        'pages/reach/index',
        'pages/compose/index',
        'pages/my-notices/index',
        'pages/filing/index',
        'pages/words/index',
        'pages/inspect/index',
        'pages/inspect-form/index',
        'pages/appeals/index',
        'pages/rubric/index',
        'pages/rounds/index',
        'pages/board-print/index',
        'pages/review/index',
        'pages/assist/index',
        'pages/campaigns/index',
        'pages/campaign-edit/index',
        'pages/campaign-admin/index',
        'pages/outbox/index',
        'pages/media-review/index',
        'pages/certificate/index',
        'pages/activities/index',
        'pages/activity-edit/index',
        'pages/activity-admin/index',
        'pages/volunteer-hours/index',
        'pages/doorplates/index',
        'pages/broadcast/index',
        'pages/broadcast-today/index',
      ],
    },
  ],
  // 分包预下载: entering a tab page or the doorplate landing fetches the resident subpackage on
  // any network (its pages are one tap away). 我的 fetches it too, with the staff tools, on
  // Wi-Fi only: a preloadRule cannot ask for the caller's role, so residents on mobile data
  // never pay for the staff tools, and grid workers on Wi-Fi open 工作台 without waiting.
  preloadRule: {
    ...Object.fromEntries(
      ['index', 'board', 'campaigns', 'door'].map((page) => [
        `pages/${page}/index`,
        { network: 'all', packages: [RESIDENT_ROOT] },
      ]),
    ),
    'pages/me/index': { network: 'wifi', packages: [RESIDENT_ROOT, 'packages/staff'] },
  },
  // 同声传译 reads 广播稿 aloud in the weapp. Only when TARO_APP_WECHATSI=1: the plugin must first
  // be added to the mini-program (公众平台 → 设置 → 第三方设置 → 插件管理), or the build does not
  // open; without it the 广播稿 page shows the script in large text instead (README, 大喇叭).
  ...(process.env.TARO_APP_WECHATSI === '1'
    ? { plugins: { WechatSI: { version: '0.3.5', provider: 'wx069ba97219f66d99' } } }
    : {}),
  // WeChat shows its privacy agreement before any name or phone is collected (DESIGN.md).
  __usePrivacyCheck__: true,
  // 按需注入: WeChat injects only the page being opened and the custom components its JSON
  // declares. Taro 4.2.1 renders every page through base.wxml templates whose one custom
  // component, comp (the recursion helper), is declared in each page's usingComponents and in
  // comp.json itself; there are no native components and no independent subpackages, the cases
  // Taro's lazyCodeLoading bugs are about. check:weapp verifies it in dist/app.json.
  lazyCodeLoading: 'requiredComponents',
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f4f4',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '和美村宣',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      tab('index', '首页', 'home'),
      tab('board', '红黑榜', 'board'),
      tab('campaigns', '评选', 'campaigns'),
      tab('me', '我的', 'me'),
    ],
  },
})
