// H5 only: 首页's chunks (its own JS and CSS, and those it shares with other pages) start downloading
// while the app's entry is still arriving, instead of after the entry has run and the router has
// asked for them. At low priority: at high priority it took bandwidth from the entry and put off
// the first paint (measured with npm run bench -- h5: FCP 1.9 s instead of 1.6 s at 1.6 Mbps). An
// inline script in index.html adds the preload links when the address is 首页's (a shared link to
// another page does not pay for 首页's chunk). The same script first sends 首页's own requests (the
// `early` statements, h5-early-requests.ts), so their answers travel alongside the code instead of
// after it has run, and paint a preview of 首页's first notices from them (h5-home-preview.ts, styled
// by an inline <style>). The server's CSP allows that script by its hash.
import type { Compilation, Compiler } from 'webpack'

interface HtmlTag {
  tagName: string
  voidTag: boolean
  attributes: Record<string, string | boolean>
  innerHTML?: string
}

interface HtmlHooks {
  alterAssetTagGroups: {
    tap(
      name: string,
      fn: (data: { headTags: HtmlTag[]; bodyTags: HtmlTag[] }) => {
        headTags: HtmlTag[]
        bodyTags: HtmlTag[]
      },
    ): void
  }
}

/** The html-webpack-plugin Taro's runner registered (found, not imported: it is the runner's). */
function htmlPluginOf(compiler: Compiler): { getHooks(c: Compilation): HtmlHooks } | null {
  for (const plugin of compiler.options.plugins) {
    const ctor = (plugin as { constructor?: { name?: string } } | null)?.constructor
    if (ctor?.name === 'HtmlWebpackPlugin')
      return ctor as unknown as { getHooks(c: Compilation): HtmlHooks }
  }
  return null
}

export class PreloadHomePlugin {
  constructor(
    private readonly page = 'pages/index/index',
    /** ES5 statements run first when the address is the page's (its early requests). */
    private readonly early = '',
    /** CSS for what `early` paints before app.css arrives (h5-home-preview.ts), or ''. */
    private readonly style = '',
  ) {}

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap('PreloadHomePlugin', (compilation) => {
      const Html = htmlPluginOf(compiler)
      if (!Html) return
      Html.getHooks(compilation).alterAssetTagGroups.tap('PreloadHomePlugin', (data) => {
        const group = [...compilation.chunkGroups].find((g) =>
          g.origins.some((o) => (o.request ?? '').replace(/\\/g, '/').endsWith(this.page)),
        )
        if (!group) return data
        const publicPath = String(compilation.outputOptions.publicPath ?? '/')
        const files = group
          .getFiles()
          .filter((f) => /\.(js|css)$/.test(f))
          .map((f) => ({ href: publicPath + f, as: f.endsWith('.css') ? 'style' : 'script' }))
        if (files.length === 0) return data
        // The app's stylesheets move to the end of <body>: a <link rel=stylesheet> in <head>
        // holds back the script below it (scripts wait for the stylesheets before them) and
        // every paint until it has arrived, so the early requests and the preview waited for
        // app.css. At the end of <body> it still holds back the app's deferred scripts until it
        // has arrived (they never run unstyled), but not the paint of what comes before it:
        // the preview. A preload link in <head> lets the browser find it as early as before.
        const sheets = data.headTags.filter(
          (t) => t.tagName === 'link' && t.attributes.rel === 'stylesheet',
        )
        data.headTags = data.headTags.filter((t) => !sheets.includes(t))
        data.bodyTags.push(...sheets)
        const script =
          `!function(){var r=location.hash.replace(/^#\\/?/,"").split("?")[0];` +
          `if(r&&r!==${JSON.stringify(this.page)})return;` +
          this.early +
          `${JSON.stringify(files)}.forEach(function(f){var l=document.createElement("link");` +
          `l.rel="preload";l.fetchPriority="low";l.as=f.as;l.href=f.href;document.head.appendChild(l)})}();`
        data.headTags.unshift(
          ...(this.style
            ? [{ tagName: 'style', voidTag: false, attributes: {}, innerHTML: this.style }]
            : []),
          { tagName: 'script', voidTag: false, attributes: {}, innerHTML: script },
          ...sheets.map((t) => ({
            tagName: 'link',
            voidTag: true,
            attributes: { rel: 'preload', as: 'style', href: String(t.attributes.href) },
          })),
        )
        return data
      })
    })
  }
}
