export default definePageConfig({ navigationBarTitleText: '打印户码' })
