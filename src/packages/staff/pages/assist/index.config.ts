export default definePageConfig({
  navigationBarTitleText: '代村民投票',
  enablePullDownRefresh: true,
})
