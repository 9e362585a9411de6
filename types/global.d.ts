/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string
  export default src
}
declare module '*.scss'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time. */
    TARO_ENV: 'weapp' | 'h5' | undefined
    /** The WeChat cloud environment id, injected by config/index.ts. */
    CLOUD_ENV?: string
    /** WeChat subscription message template ids (comma-separated), injected by config/index.ts. */
    SUBSCRIBE_TEMPLATE_IDS?: string
  }
}
