export default definePageConfig({
  navigationBarTitleText: '新建活动',
  enablePullDownRefresh: true,
})
