// Loaded on first use (server/lazy/load.ts): QR codes, by qrcode's core (no renderer).
import { create } from 'qrcode/lib/core/qrcode'

/** The QR code of `text` as rows of '1' (dark) and '0' (light) modules, error correction M. */
export function qrRows(text: string): string[] {
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  return Array.from({ length: modules.size }, (_, y) =>
    Array.from({ length: modules.size }, (_, x) => (modules.get(x, y) ? '1' : '0')).join(''),
  )
}
