// H5 only: the statements of index.html's inline script that send 首页's first requests while
// the app's code is still downloading (src/lib/early-requests.ts takes them over). Taro loads
// this config without compiling src/, so the names and inputs are copies of the app's
// (SESSION_TOKEN_KEY, EARLY_REQUESTS_GLOBAL, homeRequests); tests/unit/config keeps them equal.

export const SESSION_TOKEN_KEY = 'hemei.session-token'
export const EARLY_REQUESTS_GLOBAL = '__hemeiEarlyRequests'
/** The same wait as api-client's Taro.request, after which a request counts as unanswered. */
export const EARLY_REQUEST_TIMEOUT_MS = 15_000

export interface EarlyRequest {
  action: string
  input: Record<string, unknown>
}

/** 首页's first requests: its columns, the first page of the feed and the pinned notices. */
export const HOME_EARLY_REQUESTS: Record<'columns' | 'feed' | 'pinned', EarlyRequest> = {
  columns: { action: 'columns.list', input: {} },
  feed: { action: 'notices.list', input: { pinned: false, limit: 10 } },
  pinned: { action: 'notices.list', input: { pinned: true, limit: 5 } },
}

/**
 * The script's statements (ES5, for the oldest phones): posts each request to /api/<action> as
 * api-client does (JSON body, an Idempotency-Key, the stored token, 15 s at most) and keeps the
 * promise of its parsed answer (null when the body is not JSON) under EARLY_REQUESTS_GLOBAL.
 * Does nothing without fetch or Promise; the app then asks itself.
 */
export function earlyRequestsScript(requests: Record<string, EarlyRequest>): string {
  return (
    `if(window.fetch&&window.Promise){var t=null;try{var s=JSON.parse(localStorage.getItem(` +
    `${JSON.stringify(SESSION_TOKEN_KEY)})||"null");if(s&&typeof s.data==="string"&&s.data)t=s.data}catch(e){}` +
    `var q=function(a,i){var p=function(){return Math.floor(Math.random()*4294967296).toString(36)},` +
    `h={"content-type":"application/json","Idempotency-Key":Date.now().toString(36)+"-"+p()+p()+p()},` +
    `o={method:"POST",headers:h,body:JSON.stringify(i)};if(t)h.Authorization="Bearer "+t;` +
    `if(window.AbortController){var c=new AbortController();o.signal=c.signal;` +
    `setTimeout(function(){c.abort()},${EARLY_REQUEST_TIMEOUT_MS})}` +
    `var r=fetch("/api/"+a,o).then(function(x){return x.json()["catch"](function(){return null})});` +
    `r["catch"](function(){});return r},g={},d=${JSON.stringify(requests)};` +
    `for(var k in d)g[k]=q(d[k].action,d[k].input);window[${JSON.stringify(EARLY_REQUESTS_GLOBAL)}]=g}`
  )
}
