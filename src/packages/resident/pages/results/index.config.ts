export default definePageConfig({
  navigationBarTitleText: '评选结果公示',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
})
