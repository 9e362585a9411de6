export default definePageConfig({
  navigationBarTitleText: '评选审核',
  enablePullDownRefresh: true,
})
