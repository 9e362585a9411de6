// The jsdom entry points the tests use (jsdom ships no types of its own and @types/jsdom is
// not installed): parse an HTML fragment as a browser's body would, with the spec's tree
// builder; and a page of its own, whose scripts run in its own window (a sandbox).
declare module 'jsdom' {
  export class JSDOM {
    constructor(
      html?: string,
      options?: { url?: string; runScripts?: 'outside-only' | 'dangerously' },
    )
    static fragment(html: string): DocumentFragment
    readonly window: Window & typeof globalThis & { eval(code: string): unknown }
  }
}
