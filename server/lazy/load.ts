// Modules only some actions need — spreadsheets (.xlsx and the zip inside), QR codes, the
// rich-text sanitiser with its HTML parser, and the sensitive-word matcher of text writes —
// loaded on first use, so that a cold start (and a resident's read) never waits for them. Here they are ordinary dynamic imports; in the cloud function each is
// its own file next to index.js (lazy-xlsx.js, lazy-qr.js, lazy-html.js, lazy-words.js, lazy-dev.js), which
// scripts/build-functions.ts builds and turns each import() below into a require of.
/** .xlsx writing and reading, the zip and XML under it, and the roster file (csv too). */
export const loadXlsx = () => import('./xlsx')
/** QR codes: the modules of a code, drawn by the caller. */
export const loadQr = () => import('./qr')
/** The rich-text sanitiser (xss), plain text and the 广播稿 script (htmlparser2). */
export const loadHtml = () => import('./html')
/** The sensitive-word matcher every checked text goes through (modern-ahocorasick). */
export const loadWordMatcher = () => import('./words')
/** The demo accounts of the local server's dev mode (never served by the cloud function). */
export const loadDemoAccounts = () => import('./dev')
