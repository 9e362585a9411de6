// Uploading a picked picture or video: the only place that does. H5 (local server): the bytes
// go to media.upload as base64. WeChat (the api client's cloud-function mode): the phone
// uploads to cloud storage itself with Taro.cloud.uploadFile, between media.uploadSlot and
// media.register (upload-flow.ts), so no file travels through the function call.
import Taro from '@tarojs/taro'
import { call } from './api-client'
import {
  uploadViaCloud,
  type CloudUploadSteps,
  type OnProgress,
  type UploadRequest,
  type Uploaded,
} from './upload-flow'

export type { OnProgress, UploadRequest, Uploaded } from './upload-flow'

/** Whether uploads go to cloud storage: the same test api-client uses to call the cloud function. */
export const uploadsToCloud = () => process.env.TARO_ENV === 'weapp'

let tempCount = 0

const weappSteps: CloudUploadSteps = {
  slot: (kind, ext) => call('media.uploadSlot', { kind, ext }),
  writeTemp(fileName, base64) {
    const ext = fileName.split('.').pop() ?? 'bin'
    const filePath = `${Taro.env.USER_DATA_PATH}/upload-${Date.now()}-${++tempCount}.${ext}`
    return new Promise((resolve, reject) => {
      Taro.getFileSystemManager().writeFile({
        filePath,
        data: base64,
        encoding: 'base64',
        success: () => resolve(filePath),
        fail: reject,
      })
    })
  },
  upload(cloudPath, filePath, onProgress) {
    return new Promise((resolve, reject) => {
      const task = Taro.cloud.uploadFile({
        cloudPath,
        filePath,
        success: (res) => resolve(res.fileID),
        fail: reject,
      })
      task?.onProgressUpdate?.((res) => onProgress(res.progress))
    })
  },
  register: (fileID) => call('media.register', { fileID }),
  removeTemp(filePath) {
    // A leftover temp file is harmless (WeChat clears user data on its own terms).
    Taro.getFileSystemManager().unlink({ filePath, fail: () => {} })
  },
}

/** Uploads one file; resolves with the URL to put on the notice, photo or nomination. */
export function uploadMedia(request: UploadRequest, onProgress?: OnProgress): Promise<Uploaded> {
  if (uploadsToCloud()) return uploadViaCloud(weappSteps, request, onProgress)
  return call('media.upload', request)
}
