export default definePageConfig({
  navigationBarTitleText: '公告详情',
  // 分享 in the mini-program (useShareAppMessage on the page).
  enableShareAppMessage: true,
})
