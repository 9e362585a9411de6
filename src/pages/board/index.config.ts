export default definePageConfig({
  navigationBarTitleText: '人居环境红黑榜',
  enablePullDownRefresh: true,
})
