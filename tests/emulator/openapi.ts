// `cloud.openapi.*` as the SDK sends it (wx-server-sdk src/api/openapi/namespace/generic.ts):
// the call's data, keys converted to snake_case, becomes protobuf `CommApiData { apiType:
// OPEN_API, openapiData: { pairs: [{ key, value: JSON bytes }] } }`, posted as multipart form
// field `requestData` of action `wx.openApi` with `apiName` (e.g. `security.msgSecCheck`). The
// answer is protobuf `CommOpenApiResp { respData, contentType }` whose respData is the WeChat
// HTTPS API's JSON: `errcode` ≠ 0 makes the SDK throw { errCode, errMsg }, anything else comes
// back camelCased with errCode 0. Here the JSON comes from a script the test controls.
import protobuf from 'protobufjs'

// Field numbers as in wx-server-sdk's generated src/protobuf/openapi.js.
const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
      },
    },
  },
})
const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')

/** The WeChat HTTPS API's JSON answer (snake_case, `errcode` 0 for success). */
export type WechatAnswer = Record<string, unknown>

export interface OpenApiCall {
  api: string
  /** The call's data as WeChat receives it (snake_case keys). */
  data: Record<string, unknown>
  env: string
}

export type OpenApiScript = (call: OpenApiCall) => WechatAnswer | Promise<WechatAnswer>

let traces = 0

/** What the platform answers when no test scripted otherwise. */
const defaults: Record<string, OpenApiScript> = {
  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html
  'security.msgSecCheck': () => ({
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: 'pass', label: 100 },
    detail: [],
    trace_id: `trace-msg-${++traces}`,
  }),
  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html
  'security.mediaCheckAsync': () => ({
    errcode: 0,
    errmsg: 'ok',
    trace_id: `trace-media-${++traces}`,
  }),
  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
  'subscribeMessage.send': () => ({ errcode: 0, errmsg: 'ok' }),
}

export class OpenApi {
  readonly calls: OpenApiCall[] = []
  private readonly scripts = new Map<string, OpenApiScript>()

  /** Answers `api` with `script` from now on (until reset). */
  script(api: string, script: OpenApiScript) {
    this.scripts.set(api, script)
  }

  reset() {
    this.scripts.clear()
    this.calls.length = 0
  }

  /** Decodes the SDK's request, runs the script, encodes the answer. */
  async handle(apiName: string, requestData: Buffer, env: string): Promise<Buffer> {
    const message = CommApiData.toObject(CommApiData.decode(requestData), { bytes: Buffer }) as {
      openapiData?: { pairs?: { key: string; value: Buffer }[] }
    }
    const data: Record<string, unknown> = {}
    for (const pair of message.openapiData?.pairs ?? [])
      data[pair.key] = JSON.parse(Buffer.from(pair.value).toString('utf8'))
    const call = { api: apiName, data, env }
    this.calls.push(call)
    const script = this.scripts.get(apiName) ?? defaults[apiName]
    const answer: WechatAnswer = script
      ? await script(call)
      : { errcode: -604101, errmsg: `the emulator has no script for ${apiName}` }
    const resp = CommOpenApiResp.create({
      respData: Buffer.from(JSON.stringify(answer)),
      contentType: 'application/json',
      httpCode: 200,
    })
    return Buffer.from(CommOpenApiResp.encode(resp).finish())
  }
}
