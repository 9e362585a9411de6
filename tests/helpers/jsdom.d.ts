// The one jsdom entry point the tests use (jsdom ships no types of its own and @types/jsdom is
// not installed): parse an HTML fragment as a browser's body would, with the spec's tree builder.
declare module 'jsdom' {
  export class JSDOM {
    static fragment(html: string): DocumentFragment
  }
}
