import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { earlyRequestsScript, HOME_EARLY_REQUESTS } from './h5-early-requests'
import { homePreviewScript, homePreviewStyle } from './h5-home-preview'
import { PreloadHomePlugin } from './h5-preload-plugin'
import { WEAPP_STATS_ENV, WeappStatsPlugin } from './weapp-stats-plugin'

const root = path.resolve(__dirname, '..')

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'hemei-cunxuan',
    date: '2026-11-26',
    // NutUI and our own pages are both drawn at 375 (DESIGN.md).
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // The local server serves dist-h5; WeChat DevTools opens dist (project.config.json).
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {},
    env: {
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV ?? ''),
      // Subscription message templates of the mini-program (评选 notifications), comma-separated.
      SUBSCRIBE_TEMPLATE_IDS: JSON.stringify(process.env.SUBSCRIBE_TEMPLATE_IDS ?? ''),
    },
    alias: {
      '@': path.join(root, 'src'),
      '@contract': path.join(root, 'contract'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // Pre-bundling swallows all of NutUI (over WeChat's 2 MB limit): TOOLCHAIN.md.
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    mini: {
      // contract/ sits outside src/ and is TypeScript: compile it like our own code.
      compile: { include: [path.join(root, 'contract')] },
      optimizeMainPackage: { enable: true },
      // Per-component NutUI styles land in shared chunks in differing orders; they do not
      // overlap, so the order warning is noise.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
      },
      // `npm run size:weapp` asks for webpack's module list (scripts/size-weapp.ts).
      webpackChain(chain) {
        const statsFile = process.env[WEAPP_STATS_ENV]
        if (statsFile) chain.plugin('weapp-stats').use(WeappStatsPlugin, [statsFile])
      },
    },
    h5: {
      compile: { include: [path.join(root, 'contract')] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
      },
      devServer: { host: '127.0.0.1', port: 10086, open: false },
      // 首页's chunk is preloaded, its first requests sent and its first notices previewed from
      // index.html when the app opens on 首页 (h5-preload-plugin, h5-home-preview).
      webpackChain(chain) {
        // Taro splits only the entry's chunks ('initial'), so every page chunk carried its own
        // copy of what pages share (Taro's component wrappers, NutUI, swiper, the icons): 221
        // files, 10.4 MB, all minified one by one. Pages now share chunks of what two or more
        // of them use, at least 30 KB each and at most 6 requests per page: 79 files, 2.9 MB,
        // the build's CPU halved; 首页 downloads the same bytes (+1.4 %) in 9 files, not 5.
        const split = chain.optimization.get('splitChunks')
        chain.optimization.splitChunks({
          ...split,
          chunks: 'async',
          minSize: 30_000,
          maxAsyncRequests: 6,
        })
        chain
          .plugin('preload-home')
          .use(PreloadHomePlugin, [
            'pages/index/index',
            earlyRequestsScript(HOME_EARLY_REQUESTS) + homePreviewScript(),
            homePreviewStyle(),
          ])
        // `WEAPP_STATS=<file> taro build --type h5` writes the H5 build's module list too.
        const statsFile = process.env[WEAPP_STATS_ENV]
        if (statsFile) chain.plugin('h5-stats').use(WeappStatsPlugin, [statsFile])
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
