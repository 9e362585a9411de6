export default definePageConfig({
  navigationBarTitleText: '志愿时长统计',
  enablePullDownRefresh: true,
})
