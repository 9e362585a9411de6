export default definePageConfig({
  navigationBarTitleText: '图片视频审核',
})
