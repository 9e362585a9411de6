import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'

/** Pull down reloads (and ends the spinner when done); reaching the end loads more. */
export function usePageEvents(refresh: () => Promise<unknown>, loadMore?: () => Promise<unknown>) {
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (loadMore) void loadMore()
  })
}
