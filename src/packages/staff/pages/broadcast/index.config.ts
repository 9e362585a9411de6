export default definePageConfig({ navigationBarTitleText: '广播稿' })
