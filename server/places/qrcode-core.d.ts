// qrcode's encoder alone (no PNG/SVG/terminal renderers, no pngjs): the server only needs the
// module matrix, and the cloud function's bundle stays smaller. Typed like the package's create.
declare module 'qrcode/lib/core/qrcode' {
  import type { QRCode, QRCodeOptions } from 'qrcode'
  export function create(text: string, options?: QRCodeOptions): QRCode
}
