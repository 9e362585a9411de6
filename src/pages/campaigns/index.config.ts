export default definePageConfig({
  navigationBarTitleText: '评选',
  enablePullDownRefresh: true,
})
