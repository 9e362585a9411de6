export default definePageConfig({
  navigationBarTitleText: '户籍管理',
  enablePullDownRefresh: true,
})
