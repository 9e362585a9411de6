export default definePageConfig({
  navigationBarTitleText: '打印红黑榜',
})
