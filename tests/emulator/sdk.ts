// The real wx-server-sdk 4.0.2, pointed at an emulator. What the SDK reads (README.md has the
// source lines): @cloudbase/node-sdk sends every request to TCB_CONTEXT_CNFG's `URL` when set
// (utils/tcbcontext.js getServerInjectUrl, used by utils/tcbapiendpoint.js buildUrl); it signs
// them with TENCENTCLOUD_SECRETID/SECRETKEY (any value will do here); DYNAMIC_CURRENT_ENV
// resolves per request to TCB_ENV || SCF_NAMESPACE; getWXContext() reads the keys listed in
// WX_CONTEXT_KEYS from process.env (WX_OPENID → OPENID, …) plus TCB_ENV as ENV and TCB_SOURCE
// as SOURCE. TENCENTCLOUD_RUNENV=SCF makes the SDK behave as inside a cloud function (no probe
// of Tencent Cloud's metadata server).
import { createRequire } from 'node:module'
import type { CloudDb } from '../../server/store/cloud/sdk'

/** The part of the real module tests and scripts use. */
export interface RealSdk {
  DYNAMIC_CURRENT_ENV: symbol
  init(options: { env: string | symbol; timeout?: number }): void
  database(options?: { env?: string; throwOnNotFound?: boolean }): CloudDb & {
    createCollection(name: string): Promise<unknown>
  }
  getWXContext(): Record<string, string | number | undefined>
  openapi: object
  uploadFile(p: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  getTempFileURL(p: {
    fileList: { fileID: string; maxAge?: number }[]
  }): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number }[] }>
  deleteFile(p: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number }[] }>
  downloadFile(p: { fileID: string }): Promise<{ fileContent: Buffer }>
}

const requireHere = createRequire(__filename)

/** The platform's environment variables of a cloud function in `env`, served by `url`. */
export function platformEnv(url: string, env: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: env,
    TCB_ENV: env,
    TENCENTCLOUD_SECRETID: 'emulator-secret-id',
    TENCENTCLOUD_SECRETKEY: 'emulator-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: '',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP',
    WX_APPID: 'wx-emulator-app',
    WX_OPENID: '',
    WX_UNIONID: '',
    WX_CLIENTIP: '127.0.0.1',
    TCB_SOURCE: 'wx_client',
    // The SDK warns of database calls slower than 3 s; a loaded test machine is not a finding.
    SILENCE: 'true',
  }
}

/** Sets the platform's variables, then requires the real SDK (one module per process). */
export function loadRealSdk(url: string, env: string): RealSdk {
  Object.assign(process.env, platformEnv(url, env))
  return requireHere('wx-server-sdk') as RealSdk
}

/** The caller of the next invocation, as the platform sets it before calling main(). */
export function setCaller(caller: { OPENID?: string; SOURCE?: string; ENV?: string }) {
  if (caller.OPENID !== undefined) process.env.WX_OPENID = caller.OPENID
  if (caller.SOURCE !== undefined) process.env.TCB_SOURCE = caller.SOURCE
  if (caller.ENV !== undefined) {
    process.env.TCB_ENV = caller.ENV
    process.env.SCF_NAMESPACE = caller.ENV
  }
}
