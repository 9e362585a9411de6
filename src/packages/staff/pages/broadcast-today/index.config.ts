export default definePageConfig({
  navigationBarTitleText: '今天的广播',
  enablePullDownRefresh: true,
})
