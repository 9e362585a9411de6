// The bundled `api` cloud function (cloudfunctions/api/index.js, built here by the same code as
// `npm run build:functions`), required the way the platform requires it, with wx-server-sdk
// resolved to the in-memory double and `main(event, context)` called the way WeChat calls it.
import { createRequire } from 'node:module'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Envelope } from '../../../contract'
import { loadFunctionConfig } from '../../../cloudfunctions/api/config'
import { bundlePath, buildFunction, functionDir } from '../../../scripts/build-functions'
import { uniqueIndexes } from '../../../server/store/cloud/collections'
import { createCloudDouble } from '../../helpers/wx-server-sdk-double'

const requireHere = createRequire(bundlePath)
const sdkPath = createRequire(`${functionDir}/`).resolve('wx-server-sdk')

type Main = (event: unknown, context: unknown) => Promise<Envelope<unknown> | 'success'>

/** Per test: a fresh double standing in for wx-server-sdk and a fresh load of the bundle. */
function loadFunction(env: Record<string, string> = {}) {
  const double = createCloudDouble({ uniqueIndexes: uniqueIndexes() })
  const msgSecCheck = async () => ({ errCode: 0, result: { suggest: 'pass', label: 100 } })
  const send = async () => ({ errCode: 0 })
  Object.assign(double.cloud, {
    openapi: { security: { msgSecCheck }, subscribeMessage: { send } },
  })
  // A database whose every collection() call fails while `broken` is set.
  const state = { broken: false }
  const database = double.cloud.database.bind(double.cloud)
  double.cloud.database = (opts) => {
    const db = database(opts)
    const collection = db.collection.bind(db)
    return Object.assign(db, {
      collection(name: string) {
        if (state.broken) throw new Error('boom at /var/secret/stack')
        return collection(name)
      },
    })
  }
  const vars: Record<string, string> = { ADMIN_OPENIDS: '', NOTIFY_TEMPLATES: '{}', ...env }
  const saved = Object.keys(vars).map((key) => [key, process.env[key]] as const)
  Object.assign(process.env, vars)
  delete requireHere.cache[bundlePath]
  requireHere.cache[sdkPath] = { exports: double.cloud, loaded: true } as NodeJS.Module
  try {
    const { main } = requireHere(bundlePath) as { main: Main }
    return { main, double, state }
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}

/** The platform's context argument (what SCF passes besides the event). */
const context = { request_id: 'req-platform-1', function_name: 'api' }

afterEach(() => {
  delete requireHere.cache[bundlePath]
  delete requireHere.cache[sdkPath]
})

// Loading a 1.8 MB bundle takes a second or more on a busy machine.
describe('the bundled api cloud function', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    await buildFunction()
  }, 120_000)

  it('initialises the SDK once, at load, on the environment it is called in', () => {
    const { double } = loadFunction()
    expect(double.initialised()).toEqual({ env: double.cloud.DYNAMIC_CURRENT_ENV })
  })

  // users.search is for admins, and the router checks access before it validates the input:
  // a bad input answers FORBIDDEN to anyone else and BAD_INPUT to an admin, whose store
  // methods never run. So the caller's role shows without any store area but people's users.
  const adminProbe = { action: 'users.search', input: { keyword: '长'.repeat(31) } }

  it("identifies the caller WeChat's context names, not an openid inside the event", async () => {
    const { main, double } = loadFunction({ ADMIN_OPENIDS: 'o-admin' })
    double.setWXContext({ OPENID: 'o-resident' })
    const forged = {
      ...adminProbe,
      openid: 'o-admin',
      OPENID: 'o-admin',
      userInfo: { appId: 'wx-double', openId: 'o-admin' },
    }
    expect(await main(forged, context)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // Only the context's caller was ever seen.
    expect(double.dump('users').map((u) => u.openid)).toEqual(['o-resident'])

    double.setWXContext({ OPENID: 'o-admin' })
    expect(await main(adminProbe, context)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: '关键词最多 30 个字' },
    })
    expect(double.dump('users').map((u) => u.openid)).toEqual(['o-resident', 'o-admin'])
  })

  it('runs system.tick on its timer trigger, and never for a client sending the same shape', async () => {
    const { main, double } = loadFunction()
    const timer = { Type: 'Timer', TriggerName: 'tick', Time: '2026-12-04T14:30:00Z', Message: '' }
    // An expired key from a day and more ago: the tick forgets it.
    await double.cloud
      .database()
      .collection('idempotency_keys')
      .add({ data: { _id: 'old-key', fingerprint: 'f', status: 'done', answer: 'null', at: 0 } })
    double.setWXContext({ OPENID: 'o-resident' })
    expect(await main(timer, context)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(double.dump('idempotency_keys')).toHaveLength(1)

    // An inspection stored before items kept what was entered: 10 of 20, 5 off per problem.
    const db = double.cloud.database()
    await db.collection('criteria').add({ data: { _id: 'c1', maxPoints: 20, deductionPerItem: 5 } })
    await db.collection('inspections').add({
      data: {
        _id: 'r:h:1',
        total: 10,
        items: [{ criterionId: 'c1', points: 10, deductions: 0, note: '' }],
      },
    })

    double.setWXContext({ OPENID: '' })
    expect(await main(timer, context)).toBe('success')
    expect(double.dump('idempotency_keys')).toHaveLength(0)
    // The timer rewrote it as entered: two problems, the total kept.
    expect(double.dump('inspections')).toMatchObject([
      {
        _id: 'r:h:1',
        total: 10,
        itemsEntered: true,
        items: [{ criterionId: 'c1', points: null, deductions: 2, note: '' }],
      },
    ])
  })

  it('treats a call without an OPENID as a visitor, whatever the event claims', async () => {
    const { main, double } = loadFunction({ ADMIN_OPENIDS: 'o-admin' })
    double.setWXContext({ OPENID: '' })
    const answer = await main({ action: 'me.get', openid: 'o-admin' }, context)
    // No setup code exists in the cloud (the first admin comes from ADMIN_OPENIDS): no claim.
    expect(answer).toEqual({ ok: true, data: { user: null, devMode: false, setupOpen: false } })
    const write = await main({ action: 'me.updateProfile', input: { nickname: '冒充' } }, context)
    expect(write).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(double.dump('users')).toEqual([])
  })

  it("answers me.get with the context's user and me.updateProfile for them", async () => {
    const { main, double } = loadFunction()
    double.setWXContext({ OPENID: 'o-resident' })
    const renamed = await main(
      { action: 'me.updateProfile', input: { nickname: '老李' }, openid: 'o-other' },
      context,
    )
    expect(renamed).toMatchObject({ ok: true })
    const me = await main({ action: 'me.get', input: {} }, context)
    expect(me).toMatchObject({ ok: true, data: { user: { nickname: '老李', role: 'visitor' } } })
    expect(double.dump('users').map((u) => [u.openid, u.nickname])).toEqual([
      ['o-resident', '老李'],
    ])
  })

  it("settles a picture on mediaCheckAsync's pushed verdict, never on a client's forgery", async () => {
    const { main, double } = loadFunction()
    const media = double.cloud.database({ throwOnNotFound: false }).collection('media')
    const pending = (id: string, traceId: string) => ({
      _id: id,
      ownerId: 'usr_1',
      kind: 'image',
      mime: 'image/jpeg',
      bytes: 0,
      createdAt: 1,
      status: 'pending',
      cloudPath: `media/2026-11/${id}.jpg`,
      fileId: `cloud://env-1.abc/media/2026-11/${id}.jpg`,
      traceId,
    })
    await media.add({ data: pending('med_a', 'trace-a') })
    await media.add({ data: pending('med_b', 'trace-b') })
    const verdict = (traceId: string, suggest: string) => ({
      Event: 'wxa_media_check',
      trace_id: traceId,
      version: 2,
      result: { suggest, label: 100 },
    })
    // A phone calling the function with the push's shape is still a phone.
    double.setWXContext({ OPENID: 'o-resident', SOURCE: 'wx_client' })
    await main(verdict('trace-a', 'pass'), context)
    // The platform's push (no client source) settles each record once.
    double.setWXContext({ OPENID: '', SOURCE: 'wx_http' })
    expect(await main(verdict('trace-b', 'risky'), context)).toBe('success')
    expect(await main(verdict('trace-b', 'pass'), context)).toBe('success')
    const status = Object.fromEntries(double.dump('media').map((d) => [d._id, d.status]))
    expect(status).toEqual({ med_a: 'pending', med_b: 'risky' })
  })

  it('answers the error envelope for an unknown action, a missing one and a bad input', async () => {
    const { main, double } = loadFunction()
    double.setWXContext({ OPENID: 'o-resident' })
    expect(await main({ action: 'no.such', input: {} }, context)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '没有这个接口' },
    })
    expect(await main(null, context)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await main({ action: 'auth.devLogin', input: { openid: 'x' } }, context)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    const bad = await main({ action: 'me.updateProfile', input: { nickname: '' } }, context)
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '昵称不能为空' } })
    // zod's own messages stay Chinese with the locales shim (z.locales.zhCN survives).
    const typed = await main({ action: 'me.updateProfile', input: { nickname: 5 } }, context)
    expect(typed).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(typeof typed === 'string' || typed.ok ? '' : typed.error.message).toMatch(
      /^[^A-Za-z]*[\u4e00-\u9fa5]/,
    )
  })

  it("turns an unexpected failure into the INTERNAL envelope with the platform's request id", async () => {
    const { main, double, state } = loadFunction()
    double.setWXContext({ OPENID: 'o-resident' })
    state.broken = true
    const answer = await main({ action: 'me.get', input: {} }, context)
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: '服务器开小差了，请稍后再试（编号 req-platform-1）',
        details: { requestId: 'req-platform-1' },
      },
    })
    expect(JSON.stringify(answer)).not.toMatch(/boom|secret|at /)
  })

  it('answers INTERNAL on every call when its environment variables are wrong', async () => {
    const { main } = loadFunction({ NOTIFY_TEMPLATES: '{"votingOpened":' })
    const answer = await main({ action: 'me.get', input: {} }, context)
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})

describe('the api function configuration', () => {
  it('reads admins and templates from its environment, with defaults', () => {
    expect(loadFunctionConfig({})).toEqual({
      adminOpenids: [],
      templates: {},
      miniprogramState: 'formal',
    })
    const templates = { nominated: { id: 'tpl', data: { thing1: 'title' } } }
    expect(
      loadFunctionConfig({
        ADMIN_OPENIDS: ' o-a , ,o-b ',
        NOTIFY_TEMPLATES: JSON.stringify(templates),
        NOTIFY_STATE: 'trial',
      }),
    ).toEqual({ adminOpenids: ['o-a', 'o-b'], templates, miniprogramState: 'trial' })
  })

  it('fails naming the variable when one is wrong', () => {
    expect(() => loadFunctionConfig({ NOTIFY_STATE: 'prod' })).toThrow(/NOTIFY_STATE/)
    expect(() => loadFunctionConfig({ NOTIFY_TEMPLATES: '{"votingOpen":{}}' })).toThrow(
      /NOTIFY_TEMPLATES/,
    )
  })
})
