export default definePageConfig({ navigationBarTitleText: '底线' })
