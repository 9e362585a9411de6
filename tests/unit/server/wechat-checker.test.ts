// The WeChat content check over a stubbed `cloud.openapi.security.msgSecCheck` (v2).
import { describe, expect, it, vi } from 'vitest'
import {
  createWechatContentChecker,
  MSG_SEC_CHECK_MAX_CHARS,
  type MsgSecCheckAnswer,
  UNAVAILABLE,
} from '../../../server/content/wechat-checker'
import type { Logger } from '../../../server/logger'

type Call = { openid: string; scene: number; version: number; content: string }

function setup(answer: (call: Call) => Promise<MsgSecCheckAnswer>, openid: string | null = 'o-1') {
  const msgSecCheck = vi.fn(answer)
  const logger: Logger = { info: vi.fn(), error: vi.fn() }
  const checker = createWechatContentChecker({
    openapi: { security: { msgSecCheck } },
    callerOpenid: () => openid,
    logger,
  })
  return { checker, msgSecCheck, logger }
}

const verdict = (suggest: string, label = 100): MsgSecCheckAnswer => ({
  errCode: 0,
  errMsg: 'openapi.security.msgSecCheck:ok',
  result: { suggest, label },
})

describe('WeChat content check (msgSecCheck v2)', () => {
  it("asks with version 2, the comment scene and the caller's openid, and passes a pass", async () => {
    const { checker, msgSecCheck } = setup(async () => verdict('pass'))
    expect(await checker.checkText('村里周六打扫卫生')).toEqual({ ok: true })
    expect(msgSecCheck).toHaveBeenCalledWith({
      openid: 'o-1',
      scene: 2,
      version: 2,
      content: '村里周六打扫卫生',
    })
  })

  it('refuses a risky text, naming the category in Chinese', async () => {
    const { checker } = setup(async () => verdict('risky', 20008))
    expect(await checker.checkText('加我微信领红包')).toEqual({
      ok: false,
      reason: '内容可能涉及欺诈信息，未通过微信内容安全检测，请修改后再提交',
    })
    const other = setup(async () => verdict('risky', 99999))
    expect(await other.checker.checkText('某段文字')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('违规信息'),
    })
  })

  it('accepts a text the check wants reviewed, and logs it', async () => {
    const { checker, logger } = setup(async () => verdict('review', 20001))
    expect(await checker.checkText('一段拿不准的话')).toEqual({ ok: true })
    expect(logger.info).toHaveBeenCalledWith('msgSecCheck suggests review', {
      openid: 'o-1',
      label: 20001,
    })
  })

  it('fails closed: a thrown error, an error code or an answer without a verdict refuses', async () => {
    const thrown = setup(async () => {
      throw Object.assign(new Error('errCode: -1 system error'), { errCode: -1 })
    })
    expect(await thrown.checker.checkText('正文')).toEqual({ ok: false, reason: UNAVAILABLE })
    expect(thrown.logger.error).toHaveBeenCalled()
    const code = setup(async () => ({ errCode: 40003, errMsg: 'invalid openid' }))
    expect(await code.checker.checkText('正文')).toEqual({ ok: false, reason: UNAVAILABLE })
    const odd = setup(async () => verdict('maybe'))
    expect(await odd.checker.checkText('正文')).toEqual({ ok: false, reason: UNAVAILABLE })
    expect(UNAVAILABLE).toContain('稍后再试')
  })

  it('refuses without asking when there is no caller to name', async () => {
    const { checker, msgSecCheck } = setup(async () => verdict('pass'), null)
    expect(await checker.checkText('正文')).toEqual({ ok: false, reason: UNAVAILABLE })
    expect(msgSecCheck).not.toHaveBeenCalled()
  })

  it('passes empty text without a call, and checks long text slice by slice', async () => {
    const { checker, msgSecCheck } = setup(async (call) =>
      verdict(call.content.includes('坏') ? 'risky' : 'pass', 20003),
    )
    expect(await checker.checkText('  ')).toEqual({ ok: true })
    expect(msgSecCheck).not.toHaveBeenCalled()
    const long = `${'好'.repeat(MSG_SEC_CHECK_MAX_CHARS)}${'好'.repeat(10)}坏`
    expect(await checker.checkText(long)).toMatchObject({ ok: false })
    expect(msgSecCheck.mock.calls.map(([c]) => Array.from(c.content).length)).toEqual([
      MSG_SEC_CHECK_MAX_CHARS,
      11,
    ])
  })

  it('leaves pictures to the asynchronous media check', async () => {
    const { checker, msgSecCheck } = setup(async () => verdict('risky'))
    expect(await checker.checkImage(Buffer.from('x'), 'image/png')).toEqual({ ok: true })
    expect(msgSecCheck).not.toHaveBeenCalled()
  })
})
