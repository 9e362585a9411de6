// The bundled `api` cloud function (cloudfunctions/api/index.js, built here by the same code as
// `npm run build:functions`), required the way the platform requires it, with the REAL
// wx-server-sdk 4.0.2 pointed at the CloudBase emulator (tests/emulator), and `main(event,
// context)` called the way WeChat calls it: the caller in WX_OPENID / TCB_SOURCE, the
// environment in TCB_ENV (what DYNAMIC_CURRENT_ENV resolves to).
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Envelope } from '../../../contract'
import { loadFunctionConfig } from '../../../cloudfunctions/api/config'
import {
  bundlePath,
  buildFunction,
  type FunctionBuild,
  LAZY_DOMAINS,
  LAZY_FILES,
  LAZY_LIBRARIES,
  lazyFile,
  MAX_BYTES,
} from '../../../scripts/build-functions'
import { SHIPPED_FILES, stageFunction } from '../../../scripts/deploy-function'
import { qrRows } from '../../../server/lazy/qr'
import { provision } from '../../emulator/harness'
import { type RealSdk, platformEnv, setCaller } from '../../emulator/sdk'
import { type Emulator, startEmulator } from '../../emulator/server'

const requireHere = createRequire(bundlePath)

type Main = (event: unknown, context: unknown) => Promise<Envelope<unknown> | 'success'>

let emulator: Emulator
let savedPlatformEnv: (readonly [string, string | undefined])[] = []
let sdk: RealSdk
let envs = 0
let inputs: string[] = []
let built: FunctionBuild

/** The lazy files next to the bundle, as their paths in require's cache. */
const lazyPaths = LAZY_FILES.map((f) => path.join(path.dirname(bundlePath), f))
const loadedLazy = () => lazyPaths.filter((p) => requireHere.cache[p]).map((p) => path.basename(p))

/**
 * Per test: a fresh cloud environment (collections and indexes created, as DEPLOY.md has it
 * done in the console), the function's own variables, and a fresh load of the bundle.
 */
function loadFunction(vars: Record<string, string> = {}, provisioned = true) {
  const env = `fn-${++envs}`
  const database = emulator.database(env)
  if (provisioned) provision(database)
  setCaller({ ENV: env, OPENID: '', SOURCE: 'wx_client' })
  const config: Record<string, string> = { ADMIN_OPENIDS: '', NOTIFY_TEMPLATES: '{}', ...vars }
  const saved = Object.keys(config).map((key) => [key, process.env[key]] as const)
  Object.assign(process.env, config)
  delete requireHere.cache[bundlePath]
  try {
    const { main } = requireHere(bundlePath) as { main: Main }
    return { main, env, database }
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
  for (const p of lazyPaths) delete requireHere.cache[p]
  emulator?.openapi.reset()
})

// Loading a 1.8 MB bundle takes a second or more on a busy machine.
describe('the bundled api cloud function', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    emulator = await startEmulator()
    // The platform's variables are set before anything requires the SDK, and put back after:
    // the next test file in this worker may use the worker's shared emulator.
    const vars = platformEnv(emulator.url, 'fn-0')
    savedPlatformEnv = Object.keys(vars).map((key) => [key, process.env[key]] as const)
    Object.assign(process.env, vars)
    sdk = createRequire(bundlePath)('wx-server-sdk') as RealSdk
    built = await buildFunction()
    inputs = Object.keys(built.meta.inputs)
  }, 120_000)
  afterAll(() => {
    for (const [key, value] of savedPlatformEnv) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    return emulator?.close()
  })

  it('ships nothing of the emulator or its libraries', () => {
    expect(inputs.some((i) => i.startsWith('server/'))).toBe(true)
    expect(
      inputs.filter((i) => /(^|\/)tests\/|node_modules\/(mingo|bson|protobufjs)\//.test(i)),
    ).toEqual([])
  })

  it('loads at cold start only index.js, within its budget, and ships the lazy files beside it', () => {
    expect(built.bytes).toBeLessThanOrEqual(MAX_BYTES)
    expect(Object.keys(built.files)).toEqual(['index.js', ...LAZY_FILES])
    // What index.js holds: none of the libraries only some actions need.
    const indexInputs = Object.keys(built.meta.outputs['cloudfunctions/api/index.js']!.inputs)
    const heavy =
      /node_modules\/(xss|cssfilter|htmlparser2|entities|saxes|fflate|qrcode|modern-ahocorasick)\//
    expect(indexInputs.filter((i) => heavy.test(i))).toEqual([])
    expect(
      indexInputs.filter((i) => /^server\/shared\/(xlsx|zip|xml)|rich-text|script\.rules/.test(i)),
    ).toEqual([])
    // A library's lazy file keeps no state of the router's and throws none of its errors (its
    // own copy of AppError would not be recognised by index.js's router).
    for (const file of LAZY_LIBRARIES.map(lazyFile)) {
      const lazyInputs = Object.keys(built.meta.outputs[`cloudfunctions/api/${file}`]!.inputs)
      expect(lazyInputs.filter((i) => /^server\/(errors|router|context|store\/)/.test(i))).toEqual(
        [],
      )
    }
    // A domain's lazy file takes index.js's modules from index.js, never a copy of its own:
    // none of its inputs is also in index.js, except the pure modules it carries whole.
    for (const [name, owned] of Object.entries(LAZY_DOMAINS)) {
      const lazyInputs = Object.keys(
        built.meta.outputs[`cloudfunctions/api/${lazyFile(name as keyof typeof LAZY_DOMAINS)}`]!
          .inputs,
      )
      const copied = lazyInputs.filter(
        (i) => indexInputs.includes(i) && !owned.some((own) => i.startsWith(own)),
      )
      expect(copied, name).toEqual([])
      const taken = lazyInputs.filter((i) => i.startsWith('from-index:'))
      expect(taken.length, name).toBeGreaterThan(0)
      for (const i of taken) expect(indexInputs, name).toContain(i.slice('from-index:'.length))
      expect(taken.map((i) => i.slice('from-index:'.length))).toEqual(
        expect.arrayContaining(name.endsWith('-store') ? [] : ['server/errors.ts']),
      )
    }
    // The upload takes every file the bundle needs.
    const stage = stageFunction()
    expect(fs.readdirSync(stage).sort()).toEqual([...SHIPPED_FILES].sort())
    fs.rmSync(path.dirname(stage), { recursive: true, force: true })
  })

  it('answers spreadsheet, rich-text and word-list actions from the lazy files, loaded on first use', async () => {
    const { main } = loadFunction({ ADMIN_OPENIDS: 'o-admin' })
    setCaller({ OPENID: 'o-resident' })
    expect(await main({ action: 'me.get', input: {} }, context)).toMatchObject({ ok: true })
    // A resident's read loads none of them.
    expect(loadedLazy()).toEqual([])

    setCaller({ OPENID: 'o-admin' })
    // .xlsx writing (lazy-xlsx.js): the roster of an empty township, header only ...
    const exported = await main({ action: 'roster.export', input: {} }, context)
    if (exported === 'success' || !exported.ok) throw new Error(JSON.stringify(exported))
    const file = exported.data as { fileName: string; content: string }
    expect(file.fileName).toMatch(/^花名册-全镇-\d{4}-\d{2}-\d{2}\.xlsx$/)
    expect(Buffer.from(file.content, 'base64').subarray(0, 2).toString()).toBe('PK')
    expect(loadedLazy().sort()).toEqual(['lazy-roster-store.js', 'lazy-roster.js', 'lazy-xlsx.js'])
    // ... read back through the zip and XML readers: no households in it, no errors.
    const preview = await main({ action: 'roster.preview', input: file }, context)
    expect(preview).toMatchObject({ ok: true, data: { rows: 0, create: 0, errors: [] } })
    // Not an .xlsx at all: the lazy reader's own error class still becomes a Chinese BAD_INPUT.
    const broken = await main(
      { action: 'roster.preview', input: { fileName: 'a.xlsx', content: 'bm90IGEgemlw' } },
      context,
    )
    expect(broken).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })

    // Rich text (lazy-html.js) and the word list (lazy-words.js): a notice with a script in it.
    const column = await main({ action: 'columns.create', input: { name: '村务公开' } }, context)
    if (column === 'success' || !column.ok) throw new Error(JSON.stringify(column))
    const columnId = (column.data as { id: string }).id
    const notice = {
      columnId,
      title: '冬季防火通知',
      body: '<p>请各户检查电线、炉灶，<b>严禁</b>焚烧秸秆。</p><script>alert(1)</script><img src=x onerror=alert(1)>',
      scope: { kind: 'township' },
      publish: 'now',
    }
    const created = await main({ action: 'notices.create', input: notice }, context)
    expect(created).toMatchObject({
      ok: true,
      data: { body: '<p>请各户检查电线、炉灶，<strong>严禁</strong>焚烧秸秆。</p>' },
    })
    expect(loadedLazy().sort()).toEqual([
      'lazy-html.js',
      'lazy-roster-store.js',
      'lazy-roster.js',
      'lazy-words.js',
      'lazy-xlsx.js',
    ])
    await main({ action: 'content.setWords', input: { words: ['秸秆'] } }, context)
    const refused = await main(
      { action: 'notices.create', input: { ...notice, title: '再次提醒' } },
      context,
    )
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONTENT_REJECTED', message: '含有敏感词“秸秆”，请修改后再提交' },
    })
  })

  it("answers the rarely used actions from their domains' lazy files, with index.js's own errors", async () => {
    const { main } = loadFunction({ ADMIN_OPENIDS: 'o-admin' })
    const call = (action: string, input: unknown) => main({ action, input }, context)
    setCaller({ OPENID: 'o-resident' })
    expect(await call('me.get', {})).toMatchObject({ ok: true })
    expect(await call('notices.list', {})).toMatchObject({ ok: true })
    // A resident's everyday reads load none of them.
    expect(loadedLazy()).toEqual([])

    // 志愿活动 (lazy-activities.js with its store part): an empty township has no activities,
    // and an unknown one is NOT_FOUND: the handler's AppError is index.js's own class, so the
    // router answers it as such rather than as INTERNAL.
    expect(await call('activities.list', {})).toMatchObject({
      ok: true,
      data: { items: [], nextCursor: null },
    })
    expect(await call('activities.get', { id: 'no-such-activity' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(loadedLazy().sort()).toEqual(['lazy-activities-store.js', 'lazy-activities.js'])
    // 门牌码: a code no plate has is refused as such (the timer's test runs its store part).
    const door = await call('doorplates.open', { code: 'HM-NOPE-0000' })
    expect(door).toMatchObject({ ok: false })
    expect(door).not.toMatchObject({ error: { code: 'INTERNAL' } })
    expect(loadedLazy()).toContain('lazy-doorplates.js')

    setCaller({ OPENID: 'o-admin' })
    // Staff work (lazy-staff.js): the first admin, by configuration, has no staff list yet.
    expect(await call('staff.list', {})).toMatchObject({ ok: true, data: [] })
    // Publishing (lazy-publish.js) and 广播稿 (lazy-broadcast.js): unknown round and notice.
    expect(await call('board.publishPreview', { roundId: 'no-such-round' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await call('broadcast.script', { noticeId: 'no-such-notice' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(loadedLazy()).toEqual(
      expect.arrayContaining(['lazy-staff.js', 'lazy-publish.js', 'lazy-broadcast.js']),
    )
  })

  it('draws QR codes from lazy-qr.js exactly as the unbundled code does', () => {
    const lazyQr = requireHere(path.join(path.dirname(bundlePath), 'lazy-qr.js')) as {
      qrRows: typeof qrRows
    }
    const text = 'hemei-invite:ABCD2345'
    const rows = lazyQr.qrRows(text)
    expect(rows).toEqual(qrRows(text))
    // Version 2 at level M: 25 modules a side, the finder pattern in the corner.
    expect(rows).toHaveLength(25)
    expect(rows[0]!.slice(0, 7)).toBe('1111111')
  })

  it('sends every call to the environment it is invoked in (DYNAMIC_CURRENT_ENV)', async () => {
    const { main, env } = loadFunction()
    const other = loadFunction().env
    setCaller({ ENV: env, OPENID: 'o-resident' })
    expect(
      await main({ action: 'me.updateProfile', input: { nickname: '老李' } }, context),
    ).toMatchObject({
      ok: true,
    })
    expect(
      emulator
        .database(env)
        .dump('users')
        .map((u) => u.openid),
    ).toEqual(['o-resident'])
    expect(emulator.database(other).dump('users')).toEqual([])
  })

  // users.search is for admins, and the router checks access before it validates the input:
  // a bad input answers FORBIDDEN to anyone else and BAD_INPUT to an admin, whose store
  // methods never run. So the caller's role shows without any store area but people's users.
  const adminProbe = { action: 'users.search', input: { keyword: '长'.repeat(31) } }

  it("identifies the caller WeChat's context names, not an openid inside the event", async () => {
    const { main, database } = loadFunction({ ADMIN_OPENIDS: 'o-admin' })
    setCaller({ OPENID: 'o-resident' })
    const forged = {
      ...adminProbe,
      openid: 'o-admin',
      OPENID: 'o-admin',
      userInfo: { appId: 'wx-emulator-app', openId: 'o-admin' },
    }
    expect(await main(forged, context)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // Only the context's caller was ever seen.
    expect(database.dump('users').map((u) => u.openid)).toEqual(['o-resident'])

    setCaller({ OPENID: 'o-admin' })
    expect(await main(adminProbe, context)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: '关键词最多 30 个字' },
    })
    expect(database.dump('users').map((u) => u.openid)).toEqual(['o-resident', 'o-admin'])
  })

  it('runs system.tick on its timer trigger, and never for a client sending the same shape', async () => {
    const { main, env, database } = loadFunction()
    const timer = { Type: 'Timer', TriggerName: 'tick', Time: '2026-12-04T14:30:00Z', Message: '' }
    // An expired key from a day and more ago: the tick forgets it.
    await sdk
      .database({ env })
      .collection('idempotency_keys')
      .add({ data: { _id: 'old-key', fingerprint: 'f', status: 'done', answer: 'null', at: 0 } })
    setCaller({ OPENID: 'o-resident' })
    expect(await main(timer, context)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(database.dump('idempotency_keys')).toHaveLength(1)

    // An inspection stored before items kept what was entered: 10 of 20, 5 off per problem.
    const db = sdk.database({ env })
    await db.collection('criteria').add({ data: { _id: 'c1', maxPoints: 20, deductionPerItem: 5 } })
    await db.collection('inspections').add({
      data: {
        _id: 'r:h:1',
        total: 10,
        items: [{ criterionId: 'c1', points: 10, deductions: 0, note: '' }],
      },
    })

    setCaller({ OPENID: '' })
    const logged: string[] = []
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((line) => {
      logged.push(String(line))
      return true
    })
    try {
      expect(await main(timer, context)).toBe('success')
    } finally {
      stderr.mockRestore()
    }
    // Every step ran, those of 志愿活动, 门牌码 and the publish job from their lazy files.
    expect(logged.filter((line) => line.includes('tick step failed'))).toEqual([])
    expect(logged.some((line) => line.includes('"message":"tick"'))).toBe(true)
    expect(loadedLazy()).toEqual(
      expect.arrayContaining([
        'lazy-activities-store.js',
        'lazy-doorplates.js',
        'lazy-doorplates-store.js',
        'lazy-publish.js',
        'lazy-publish-store.js',
      ]),
    )
    expect(database.dump('idempotency_keys')).toHaveLength(0)
    // The timer rewrote it as entered: two problems, the total kept.
    expect(database.dump('inspections')).toMatchObject([
      {
        _id: 'r:h:1',
        total: 10,
        itemsEntered: true,
        items: [{ criterionId: 'c1', points: null, deductions: 2, note: '' }],
      },
    ])
  })

  it('treats a call without an OPENID as a visitor, whatever the event claims', async () => {
    const { main, database } = loadFunction({ ADMIN_OPENIDS: 'o-admin' })
    setCaller({ OPENID: '' })
    const answer = await main({ action: 'me.get', openid: 'o-admin' }, context)
    // No setup code exists in the cloud (the first admin comes from ADMIN_OPENIDS): no claim.
    expect(answer).toEqual({ ok: true, data: { user: null, devMode: false, setupOpen: false } })
    const write = await main({ action: 'me.updateProfile', input: { nickname: '冒充' } }, context)
    expect(write).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(database.dump('users')).toEqual([])
  })

  it("answers me.get with the context's user and me.updateProfile for them", async () => {
    const { main, database } = loadFunction()
    setCaller({ OPENID: 'o-resident' })
    const renamed = await main(
      { action: 'me.updateProfile', input: { nickname: '老李' }, openid: 'o-other' },
      context,
    )
    expect(renamed).toMatchObject({ ok: true })
    const me = await main({ action: 'me.get', input: {} }, context)
    expect(me).toMatchObject({ ok: true, data: { user: { nickname: '老李', role: 'visitor' } } })
    expect(database.dump('users').map((u) => [u.openid, u.nickname])).toEqual([
      ['o-resident', '老李'],
    ])
  })

  it("settles a picture on mediaCheckAsync's pushed verdict, never on a client's forgery", async () => {
    const { main, env, database } = loadFunction()
    const media = sdk.database({ env, throwOnNotFound: false }).collection('media')
    const pending = (id: string, traceId: string) => ({
      _id: id,
      ownerId: 'usr_1',
      kind: 'image',
      mime: 'image/jpeg',
      bytes: 0,
      createdAt: 1,
      status: 'pending',
      cloudPath: `media/2026-11/${id}.jpg`,
      fileId: `cloud://${env}.abc/media/2026-11/${id}.jpg`,
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
    setCaller({ OPENID: 'o-resident', SOURCE: 'wx_client' })
    await main(verdict('trace-a', 'pass'), context)
    // The platform's push (no client source) settles each record once.
    setCaller({ OPENID: '', SOURCE: 'wx_http' })
    expect(await main(verdict('trace-b', 'risky'), context)).toBe('success')
    expect(await main(verdict('trace-b', 'pass'), context)).toBe('success')
    const status = Object.fromEntries(database.dump('media').map((d) => [d._id, d.status]))
    expect(status).toEqual({ med_a: 'pending', med_b: 'risky' })
  })

  it('registers a phone upload: a temp URL, a ranged read of the file, mediaCheckAsync as the caller', async () => {
    const { main, env, database } = loadFunction({ ADMIN_OPENIDS: 'o-admin' })
    setCaller({ OPENID: 'o-admin', SOURCE: 'wx_client' })
    const slot = await main(
      { action: 'media.uploadSlot', input: { kind: 'image', ext: 'jpg' } },
      context,
    )
    if (slot === 'success' || !slot.ok) throw new Error(JSON.stringify(slot))
    const { cloudPath } = slot.data as { cloudPath: string }
    // The phone's Taro.cloud.uploadFile, played here by the SDK's own upload (metadata, then PUT).
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000)])
    const { fileID } = await sdk.uploadFile({ cloudPath, fileContent: jpeg })
    expect(fileID.startsWith(`cloud://${env}.`)).toBe(true)
    const registered = await main({ action: 'media.register', input: { fileID } }, context)
    expect(registered).toMatchObject({ ok: true, data: { status: 'pending' } })
    const checks = emulator.openapi.calls.filter((c) => c.api === 'security.mediaCheckAsync')
    expect(checks).toHaveLength(1)
    expect(checks[0]!.data).toMatchObject({ openid: 'o-admin', media_type: 2, version: 2 })
    expect(String(checks[0]!.data.media_url)).toMatch(new RegExp(`^${emulator.url}/files/`))
    expect(database.dump('media')).toMatchObject([{ fileId: fileID, status: 'pending' }])

    // A file whose bytes are not the picture its slot promised is refused and deleted.
    const second = await main(
      { action: 'media.uploadSlot', input: { kind: 'image', ext: 'jpg' } },
      context,
    )
    if (second === 'success' || !second.ok) throw new Error(JSON.stringify(second))
    const fake = await sdk.uploadFile({
      cloudPath: (second.data as { cloudPath: string }).cloudPath,
      fileContent: Buffer.from('MZ not a picture at all'),
    })
    expect(emulator.storage.files.has(fake.fileID)).toBe(true)
    const refused = await main(
      { action: 'media.register', input: { fileID: fake.fileID } },
      context,
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(emulator.storage.files.has(fake.fileID)).toBe(false)
  })

  it('answers the error envelope for an unknown action, a missing one and a bad input', async () => {
    const { main } = loadFunction()
    setCaller({ OPENID: 'o-resident' })
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
    // An environment whose collections were never created: every database call fails.
    const { main } = loadFunction({}, false)
    setCaller({ OPENID: 'o-resident' })
    const answer = await main({ action: 'me.get', input: {} }, context)
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: '服务器开小差了，请稍后再试（编号 req-platform-1）',
        details: { requestId: 'req-platform-1' },
      },
    })
    expect(JSON.stringify(answer)).not.toMatch(/Table|exist|-50200|at /)
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
