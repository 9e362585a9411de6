export default definePageConfig({
  navigationBarTitleText: '信息报送考核',
  enablePullDownRefresh: true,
})
