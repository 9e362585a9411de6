export default defineAppConfig({
  pages: ['pages/index/index', 'pages/about/index'],
  window: { navigationBarTitleText: '底线' },
})
