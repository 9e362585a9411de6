// Loaded on first use (server/lazy/load.ts): the sensitive-word matcher (Aho–Corasick). The
// word list itself is read and saved by content-check.ts in the caller's code, which never
// touches the matcher, so the compiled matcher lives here only.
export { checkWords } from '../content/content-check'
