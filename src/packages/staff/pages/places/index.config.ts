export default definePageConfig({
  navigationBarTitleText: '村组与网格',
  enablePullDownRefresh: true,
})
