export default definePageConfig({
  navigationBarTitleText: '评选活动管理',
  enablePullDownRefresh: true,
})
