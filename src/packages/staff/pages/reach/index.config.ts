export default definePageConfig({
  navigationBarTitleText: '未读家庭',
  enablePullDownRefresh: true,
})
