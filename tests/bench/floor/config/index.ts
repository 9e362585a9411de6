// The floor app's build: the same Taro 4.2.1 webpack5 toolchain and H5 options as the real
// app (config/index.ts at the repository root), nothing of its own. Built by h5.bench.ts in a
// temp dir that links the repository's node_modules.
import { defineConfig } from '@tarojs/cli'

export default defineConfig<'webpack5'>({
  projectName: 'floor',
  date: '2026-12-04',
  designWidth: 375,
  deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: 'dist-h5',
  framework: 'react',
  compiler: {
    type: 'webpack5',
    prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
  },
  cache: { enable: false },
  h5: {
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
  },
})
