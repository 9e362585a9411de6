// H5: index.html's inline script paints a read-only preview of 首页's first notices before the
// app's code has arrived (config/h5-home-preview.ts, whose copies of these names a unit test
// keeps equal). The app takes over by removing it: 首页's feed once it shows its own list, and
// the app at start when it opens on another page.

/** The preview's container, a child of <body> outside Taro's #app. */
export const HOME_PREVIEW_ID = 'hemei-home-preview'

/** Set once the app has taken over, so an answer that arrives later paints nothing. */
export const HOME_PREVIEW_DONE_GLOBAL = '__hemeiHomePreviewDone'

/** Removes the preview for good (nothing when there is none, or outside H5). */
export function dismissHomePreview(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  ;(window as unknown as Record<string, unknown>)[HOME_PREVIEW_DONE_GLOBAL] = true
  document.getElementById(HOME_PREVIEW_ID)?.remove()
}
