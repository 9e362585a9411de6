// The WeChat content check, for the `api` cloud function: text through
// `cloud.openapi.security.msgSecCheck` version 2. Reference:
// https://developers.weixin.qq.com/miniprogram/dev/server/API/sec-center/sec-check/api_msgseccheck.html
// Pictures are checked asynchronously by `security.mediaCheckAsync` once they are in cloud
// storage (the media adapter's job, with its verdict event), so checkImage passes here.
import type { Logger } from '../logger'
import type { ContentChecker } from './content-check'

/** The one cloud-call method this adapter uses (wx-server-sdk types openapi as `any`). */
export interface SecurityOpenApi {
  security: {
    msgSecCheck(arg: {
      openid: string
      scene: 1 | 2 | 3 | 4
      version: 2
      content: string
    }): Promise<MsgSecCheckAnswer>
  }
}

export interface MsgSecCheckAnswer {
  errCode?: number
  errMsg?: string
  result?: { suggest?: string; label?: number | string }
}

/** 2 = 评论 (comments): the closest of the four scenes to notices, stories and appeals. */
const SCENE_COMMENT = 2
/** The documented upper limit per request; longer text is checked in slices. */
export const MSG_SEC_CHECK_MAX_CHARS = 2500

/** The categories of `result.label` (msgSecCheck v2), in the words a resident understands. */
export const labelNames: Record<number, string> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他违规',
}

export const riskyRejection = (label: number | string | undefined) =>
  `内容可能涉及${labelNames[Number(label)] ?? '违规'}信息，未通过微信内容安全检测，请修改后再提交`

/**
 * Fail-closed: without an answer nothing is published. Whatever is published here is public to
 * the whole township at once, and the platform holds the mini-program (not the author)
 * responsible for it; a rare "try again" costs less than an unchecked post.
 */
export const UNAVAILABLE = '内容安全检测暂时不可用，请稍后再试'

export interface WechatCheckerOptions {
  openapi: SecurityOpenApi
  /**
   * The caller's openid for this request (msgSecCheck v2 requires the author, who must have
   * used the mini-program within two hours — a caller of the function always has).
   */
  callerOpenid: () => string | null
  logger: Logger
}

function slices(text: string): string[] {
  const chars = Array.from(text)
  const out: string[] = []
  for (let i = 0; i < chars.length; i += MSG_SEC_CHECK_MAX_CHARS)
    out.push(chars.slice(i, i + MSG_SEC_CHECK_MAX_CHARS).join(''))
  return out
}

export function createWechatContentChecker(options: WechatCheckerOptions): ContentChecker {
  const { openapi, logger } = options
  return {
    async checkText(text) {
      if (text.trim() === '') return { ok: true }
      const openid = options.callerOpenid()
      if (!openid) return { ok: false, reason: UNAVAILABLE }
      for (const content of slices(text)) {
        let answer: MsgSecCheckAnswer
        try {
          answer = await openapi.security.msgSecCheck({
            openid,
            scene: SCENE_COMMENT,
            version: 2,
            content,
          })
        } catch (error) {
          logger.error('msgSecCheck failed', { error: String(error) })
          return { ok: false, reason: UNAVAILABLE }
        }
        const suggest = answer.result?.suggest
        const label = answer.result?.label
        if ((answer.errCode ?? 0) !== 0 || !suggest) {
          logger.error('msgSecCheck answered without a verdict', {
            errCode: answer.errCode,
            errMsg: answer.errMsg,
          })
          return { ok: false, reason: UNAVAILABLE }
        }
        if (suggest === 'risky') return { ok: false, reason: riskyRejection(label) }
        // 'review' is the model's "not sure": the text is accepted and the case is logged, so
        // an admin can look at it (and withdraw it) from the function's log.
        if (suggest === 'review') logger.info('msgSecCheck suggests review', { openid, label })
        else if (suggest !== 'pass') {
          logger.error('msgSecCheck answered an unknown suggestion', { suggest })
          return { ok: false, reason: UNAVAILABLE }
        }
      }
      return { ok: true }
    },
    async checkImage() {
      return { ok: true }
    },
  }
}
