// H5 only: index.html paints a read-only preview of 首页's first notices before the app's code
// has arrived. The early requests (h5-early-requests.ts) bring their answers at about a third of
// the time the JS takes on a weak signal; this script draws the pinned and first feed notices
// from them (or at once from the feed the app stored last time) into a container outside
// Taro's #app, with the cards' own class names and the few rules they need inlined, so React's
// list takes over without a jump. The app removes the container when 首页 shows its own list
// (src/lib/home-preview.ts), and the script does when the address leaves 首页.
//
// Taro loads this config without compiling src/, so the names below are copies of the app's
// (storage keys, classes, the notice route, the date label); tests/unit/config keeps them equal.
// The script is ES5 and builds every node with createElement/textContent: nothing from an
// answer is ever parsed as markup.

import { EARLY_REQUESTS_GLOBAL } from './h5-early-requests'

/** The preview's container, a child of <body> beside Taro's own. */
export const HOME_PREVIEW_ID = 'hemei-home-preview'
/** Set by the app once it has taken over: an answer arriving later paints nothing. */
export const HOME_PREVIEW_DONE_GLOBAL = '__hemeiHomePreviewDone'
/** The app's stored first pages of the feed (offline cache `hemei.offline.feed`: all, pinned). */
export const FEED_CACHE_NAME = 'hemei.offline.feed'
/** 长辈模式's stored choice (src/lib/elder-mode.ts) and its classes. */
export const ELDER_STORAGE_KEY = 'elderMode'
export const ELDER_CLASS = 'elder-mode'
/** WeChat's or the browser's font enlarged past this scale turns 长辈模式 on, until one chooses. */
export const ENLARGED_FONT_SCALE = 1.15
/** The notice page, as residentUrl('notice') builds it. */
export const NOTICE_PAGE_PATH = '/packages/resident/pages/notice/index'
/** The township's fixed offset from UTC (contract/time.ts). */
export const SHANGHAI_OFFSET_MINUTES = 480

/**
 * The card's date label (src/lib/dayjs.ts fromNow, for the zoned ISO times the server sends):
 * 刚刚 / 5分钟前 / 3小时前 / 11月26日 / 2025年11月26日; '' for a time it cannot read.
 */
export const FROM_NOW_SOURCE =
  `function(iso,now){var at=Date.parse(iso);if(at!==at)return "";var m=60000,ago=now-at;` +
  `if(ago<m)return "刚刚";if(ago<60*m)return Math.floor(ago/m)+"分钟前";` +
  `if(ago<1440*m)return Math.floor(ago/(60*m))+"小时前";` +
  `var w=new Date(at+${SHANGHAI_OFFSET_MINUTES}*m),d=(w.getUTCMonth()+1)+"月"+w.getUTCDate()+"日";` +
  `if(w.getUTCFullYear()===new Date(now+${SHANGHAI_OFFSET_MINUTES}*m).getUTCFullYear())return d;` +
  `var y=String(w.getUTCFullYear());while(y.length<4)y="0"+y;return y+"年"+d}`

/** 首页 above its list (search bar, column tabs, the 长辈模式 chip), measured at 375 wide. */
const HEAD_REM = {
  plain: { search: 2.1, tabs: 2.2, chip: 2.4 },
  elder: { search: 3.2, tabs: 3, chip: 3.6 },
}
/** The tab bar under the page. */
const TAB_BAR_REM = { plain: 2.5, elder: 3.4 }

/**
 * The rules the preview needs before app.css arrives, scoped to its container: the app's tokens
 * (app.scss, at 375 wide: 1rem = 20px), 长辈模式's, and those of the cards (notice-card.scss,
 * pinned-notices.scss, NutUI's Tag). The same values as the app's, so nothing moves when app.css
 * lands and when React's cards replace these.
 */
export function homePreviewStyle(): string {
  const p = `#${HOME_PREVIEW_ID}`
  const e = `${p}.${ELDER_CLASS}`
  const scales: string[] = []
  for (let step = 11; step <= 20; step++)
    scales.push(`${e}.elder-scale-${step}{--app-font-scale:${step / 10}}`)
  const elder = (rem: number) => `calc(${rem}rem*var(--app-font-scale, 1))`
  return [
    `${p}{position:fixed;top:0;left:0;right:0;bottom:0;z-index:1000;overflow:hidden;` +
      `--app-primary:#c8161d;--app-text:#1f1f1f;--app-text-secondary:#595959;--app-surface:#fff;` +
      `--app-background:#f4f4f4;--app-font-small:0.65rem;--app-font-body:0.75rem;` +
      `--app-font-title:0.85rem;--nutui-tag-font-size:0.6rem;--nutui-tag-padding:0.05rem 0.2rem;` +
      `background:var(--app-background);color:var(--app-text);font-size:var(--app-font-body);` +
      // Taro's body rule, which its runtime injects with the app's code.
      `font-family:-apple-system-font,Helvetica Neue,sans-serif;line-height:1.6}`,
    ...scales,
    `${e}{--app-text:#111;--app-text-secondary:#333;--app-font-small:${elder(0.9)};` +
      `--app-font-body:${elder(0.9)};--app-font-title:${elder(1)};` +
      `--nutui-tag-font-size:min(${elder(0.9)},1.2rem);--nutui-tag-padding:0.1rem 0.4rem;line-height:1.5}`,
    `${p} .hemei-preview__search{height:${HEAD_REM.plain.search}rem;background:#f5f6fa;` +
      `padding:1px 8px;box-sizing:border-box}`,
    `${p} .hemei-preview__search>div{height:100%;box-sizing:border-box;background:#fff;` +
      `border:.5px solid #ff5c67;border-radius:8px}`,
    `${p} .hemei-preview__tabs{height:${HEAD_REM.plain.tabs}rem;background:#f2f3f7}`,
    `${p} .hemei-preview__chip{height:${HEAD_REM.plain.chip}rem}`,
    `${e} .hemei-preview__search{height:${HEAD_REM.elder.search}rem}`,
    `${e} .hemei-preview__tabs{height:${HEAD_REM.elder.tabs}rem}`,
    `${e} .hemei-preview__chip{height:${HEAD_REM.elder.chip}rem}`,
    `${p} .hemei-preview__tab-bar{position:absolute;left:0;right:0;bottom:0;` +
      `height:${TAB_BAR_REM.plain}rem;background:#fff}`,
    `${e} .hemei-preview__tab-bar{height:${TAB_BAR_REM.elder}rem}`,
    `${p} .pinned-notices{padding-top:.2rem;border-bottom:.4rem solid var(--app-background)}`,
    `${p} .pinned-notices__heading{margin:.2rem .8rem .4rem;font-size:var(--app-font-body);` +
      `font-weight:600;color:var(--app-primary)}`,
    `${p} .pinned-notices__more{min-height:2.2rem;line-height:2.2rem;margin-bottom:.2rem;` +
      `text-align:center;font-size:var(--app-font-body);color:var(--app-primary)}`,
    `${p} .notice-card{margin:0 .6rem .6rem;padding:.7rem .8rem;border-radius:.4rem;` +
      `background:var(--app-surface);display:flex;align-items:flex-start;gap:.6rem;` +
      `color:inherit;text-decoration:none;-webkit-tap-highlight-color:transparent}`,
    `${p} .notice-card__main{flex:1;min-width:0}`,
    `${p} .notice-card__cover{flex:none;width:4.8rem;height:3.6rem;border-radius:.3rem;` +
      `background:var(--app-background);object-fit:cover}`,
    `${p} .notice-card__title{font-size:var(--app-font-title);font-weight:600;line-height:1.4;` +
      `color:var(--app-text)}`,
    `${p} .notice-card .nut-tag.notice-card__pin{display:inline-flex;margin-right:.3rem;` +
      `vertical-align:middle;align-items:center;justify-content:center;` +
      `border:1px solid transparent;border-radius:2px;color:#fff;background:var(--app-primary);` +
      `font-size:var(--nutui-tag-font-size);padding:var(--nutui-tag-padding)}`,
    `${e} .notice-card .nut-tag{line-height:1.4}`,
    `${p} .nut-tag-text{color:#fff;font-size:var(--nutui-tag-font-size)}`,
    `${p} .notice-card__summary{margin-top:.3rem;font-size:var(--app-font-body);line-height:1.5;` +
      `color:var(--app-text-secondary)}`,
    `${p} .notice-card__meta{display:flex;flex-wrap:wrap;gap:.6rem;margin-top:.4rem;` +
      `font-size:var(--app-font-small);color:var(--app-text-secondary)}`,
  ].join('')
}

/**
 * The script's statements (ES5), run on 首页's address after the early requests were sent.
 * Paints the stored feed as soon as <body> is parsed, then the fresh answers once both the pinned
 * and the feed answers are in (an error answer paints nothing). Removes the preview when the
 * address leaves 首页, and never paints once the app has set HOME_PREVIEW_DONE_GLOBAL.
 */
export function homePreviewScript(): string {
  const str = JSON.stringify
  return (
    `!function(){var W=window,D=document,ID=${str(HOME_PREVIEW_ID)},fromNow=${FROM_NOW_SOURCE};` +
    `if(!D.createElement||!W.JSON)return;` +
    `var onHome=function(){var r=location.hash.replace(/^#\\/?/,"").split("?")[0];` +
    `return !r||r==="pages/index/index"};` +
    `var read=function(k){try{var v=JSON.parse(localStorage.getItem(k)||"null");return v?v.data:null}catch(e){return null}};` +
    // 长辈模式 as src/lib/elder-mode.ts works it out: the stored choice, else an enlarged font.
    `var cls=function(){var c=read(${str(ELDER_STORAGE_KEY)}),s=1;try{var p=D.createElement("div");` +
    `p.style.cssText="position:absolute;visibility:hidden;font-size:medium";D.body.appendChild(p);` +
    `s=parseFloat(getComputedStyle(p).fontSize)/16||1;D.body.removeChild(p)}catch(e){}` +
    `var on=c==="on"||c!=="off"&&s>${ENLARGED_FONT_SCALE},t=Math.min(20,Math.max(10,Math.round(s*10)));` +
    `return on?${str(ELDER_CLASS)}+(t>10?" elder-scale-"+t:""):""};` +
    `var el=function(t,c,x){var n=D.createElement(t);if(c)n.className=c;if(x!=null)n.textContent=String(x);return n};` +
    `var items=function(p){return p&&Object.prototype.toString.call(p.items)==="[object Array]"?p.items:null};` +
    `var card=function(n,now){var a=el("a","notice-card"),m=el("div","notice-card__main"),` +
    `t=el("div","notice-card__title"),x=el("div","notice-card__meta"),v=n.villages||[],s=[];` +
    `a.href="#"+${str(NOTICE_PAGE_PATH)}+"?id="+encodeURIComponent(n.id);` +
    `if(n.pinned){var g=el("div","nut-tag nut-tag-danger notice-card__pin");g.appendChild(el("div","nut-tag-text","置顶"));t.appendChild(g)}` +
    `t.appendChild(el("span","",n.title));m.appendChild(t);m.appendChild(el("div","notice-card__summary",n.summary));` +
    `for(var i=0;i<v.length;i++)s.push(v[i].name);` +
    `x.appendChild(el("span","",n.column&&n.column.name));x.appendChild(el("span","",s.length?s.join("、"):"全镇"));` +
    `x.appendChild(el("span","",fromNow(n.publishedAt,now)));x.appendChild(el("span","","阅读 "+n.viewCount));` +
    `m.appendChild(x);a.appendChild(m);` +
    `if(typeof n.cover==="string"&&n.cover){var c=el("img","notice-card__cover");c.alt="";c.src=n.cover;a.appendChild(c)}` +
    `return a};` +
    `var remove=function(){var o=D.getElementById(ID);if(o&&o.parentNode)o.parentNode.removeChild(o)};` +
    `var paint=function(pinned,feed){if(W[${str(HOME_PREVIEW_DONE_GLOBAL)}]||!onHome()||!D.body)return;` +
    `var ps=items(pinned),fs=items(feed);if(!ps||!fs)return;remove();var now=Date.now(),b=el("div",cls()),h=el("div","hemei-preview__head"),i;` +
    `b.id=ID;h.appendChild(el("div","hemei-preview__search")).appendChild(el("div"));h.appendChild(el("div","hemei-preview__tabs"));` +
    `h.appendChild(el("div","hemei-preview__chip"));b.appendChild(h);` +
    `if(ps.length){var r=el("div","pinned-notices");r.appendChild(el("div","pinned-notices__heading","置顶公告"));` +
    `for(i=0;i<ps.length;i++)r.appendChild(card(ps[i],now));` +
    // More pinned than the first five: the block's 更多置顶公告 row (a tap on it waits for the app).
    `if(pinned.nextCursor)r.appendChild(el("div","pinned-notices__more","更多置顶公告"));b.appendChild(r)}` +
    `for(i=0;i<fs.length;i++)b.appendChild(card(fs[i],now));b.appendChild(el("div","hemei-preview__tab-bar"));` +
    `D.body.insertBefore(b,D.body.firstChild)};` +
    `var stored=function(k){var s=read(${str(`${FEED_CACHE_NAME}:`)}+k);return s&&s.data};` +
    // The fresh answers once in, else the stored feed; painted when <body> exists.
    `var fresh=null,early=W[${str(EARLY_REQUESTS_GLOBAL)}];` +
    `var first=function(){if(fresh)paint(fresh[0],fresh[1]);else paint(stored("pinned"),stored("all"))};` +
    // Not DOMContentLoaded: it waits for the app's deferred scripts; "interactive" does not.
    `var ready=function(){if(!D.body)return;D.removeEventListener("readystatechange",ready);first()};` +
    `if(D.body)first();else D.addEventListener("readystatechange",ready);` +
    `if(early&&early.pinned&&early.feed)Promise.all([early.pinned,early.feed]).then(function(a){` +
    `if(a[0]&&a[0].ok&&a[1]&&a[1].ok){fresh=[a[0].data,a[1].data];if(D.body)first()}},function(){});` +
    `W.addEventListener("hashchange",function(){if(!onHome())remove()})}();`
  )
}
