// The phone's key-value storage (Taro's sync storage: WeChat's on the mini-program,
// localStorage in H5), in the shape the offline cache and the outbox take.
import Taro from '@tarojs/taro'
import type { KeyValueStorage } from './offline-cache'

export const taroStorage: KeyValueStorage = {
  get: (key) => Taro.getStorageSync(key) as unknown,
  set: (key, value) => Taro.setStorageSync(key, value),
  remove: (key) => Taro.removeStorageSync(key),
}
