export default definePageConfig({
  navigationBarTitleText: '入户检查',
  enablePullDownRefresh: true,
})
