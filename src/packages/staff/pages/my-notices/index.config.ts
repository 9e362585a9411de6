export default definePageConfig({
  navigationBarTitleText: '我的公告',
  enablePullDownRefresh: true,
})
