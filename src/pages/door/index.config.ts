export default definePageConfig({ navigationBarTitleText: '户码' })
