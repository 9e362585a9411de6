export default definePageConfig({
  navigationBarTitleText: '检查打分',
})
