export default definePageConfig({
  navigationBarTitleText: '提名',
})
