const tab = (page: string, text: string, icon: string) => ({
  pagePath: `pages/${page}/index`,
  text,
  iconPath: `assets/tab/${icon}.png`,
  selectedIconPath: `assets/tab/${icon}-active.png`,
})

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/board/index',
    'pages/campaigns/index',
    'pages/me/index',
    'pages/notice/index',
    'pages/bind/index',
    'pages/privacy/index',
    'pages/records/index',
    'pages/board-household/index',
    'pages/campaign/index',
    'pages/nominate/index',
    'pages/results/index',
    'pages/activities/index',
    'pages/activity/index',
    'pages/my-volunteer/index',
    'pages/door/index',
    'pages/family/index',
  ],
  // Grid-worker and admin tools: a subpackage that residents' phones never download.
  subPackages: [
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
