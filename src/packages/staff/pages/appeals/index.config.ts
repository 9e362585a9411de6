export default definePageConfig({
  navigationBarTitleText: '红黑榜申诉',
  enablePullDownRefresh: true,
})
