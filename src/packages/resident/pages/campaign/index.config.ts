export default definePageConfig({
  navigationBarTitleText: '评选活动',
  enablePullDownRefresh: true,
  // 分享 in the mini-program: a plain share of the page (useShareAppMessage), no reward.
  enableShareAppMessage: true,
})
