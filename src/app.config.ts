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
  ],
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
