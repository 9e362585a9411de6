export default definePageConfig({
  navigationBarTitleText: '红黑榜轮次与发布',
  enablePullDownRefresh: true,
})
