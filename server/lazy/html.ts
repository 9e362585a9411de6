// Loaded on first use (server/lazy/load.ts): the rich-text sanitiser and the 广播稿 script.
export { plainText, sanitizeBody } from '../bulletin/rich-text'
export { readingSeconds, scriptOf } from '../broadcast/script.rules'
