export default definePageConfig({
  navigationBarTitleText: '和美村宣',
  enablePullDownRefresh: true,
})
