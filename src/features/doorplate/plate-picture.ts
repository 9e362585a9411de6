// The weapp's print: a group's plates drawn on a canvas as A4-shaped pictures (8 a page) the
// staff save to the phone's album or send on, to print anywhere. WeChat only.
import Taro from '@tarojs/taro'
import type { Plate } from '@contract/doorplates'
import { PLATE_HINT, PLATES_PER_PAGE } from './components/plate-sheet'

/** An A4 page at 100 dpi-ish: 827 × 1170 canvas pixels. */
export const SHEET = { width: 827, height: 1170 }

/** Draws one page of plates on the canvas `canvasId` and answers the picture's temp path. */
export async function drawPlatePage(
  canvasId: string,
  place: string,
  plates: Plate[],
): Promise<string> {
  const ctx = Taro.createCanvasContext(canvasId)
  ctx.setFillStyle('#ffffff')
  ctx.fillRect(0, 0, SHEET.width, SHEET.height)
  const cellW = SHEET.width / 2
  const cellH = SHEET.height / 4
  const pictures = await Promise.all(
    plates.map((p) => (p.image ? Taro.getImageInfo({ src: p.image }) : Promise.resolve(null))),
  )
  plates.slice(0, PLATES_PER_PAGE).forEach((p, i) => {
    const x = (i % 2) * cellW
    const y = Math.floor(i / 2) * cellH
    ctx.setStrokeStyle('#666666')
    ctx.setLineDash([8, 6], 0)
    ctx.strokeRect(x + 8, y + 8, cellW - 16, cellH - 16)
    ctx.setFillStyle('#000000')
    ctx.setTextAlign('center')
    ctx.setFontSize(22)
    ctx.fillText(place, x + cellW / 2, y + 44)
    ctx.setFontSize(34)
    ctx.fillText(p.houseNo, x + cellW / 2, y + 86)
    const picture = pictures[i]
    if (picture) ctx.drawImage(picture.path, x + cellW / 2 - 80, y + 100, 160, 160)
    ctx.setFontSize(24)
    ctx.fillText(PLATE_HINT, x + cellW / 2, y + cellH - 20)
  })
  await new Promise<void>((resolve) => ctx.draw(false, () => resolve()))
  const { tempFilePath } = await Taro.canvasToTempFilePath({
    canvasId,
    width: SHEET.width,
    height: SHEET.height,
    destWidth: SHEET.width * 2,
    destHeight: SHEET.height * 2,
  })
  return tempFilePath
}

/** Offers the picture to save to the album or send to a chat (the printer's). */
export async function sharePicture(path: string): Promise<void> {
  await Taro.showShareImageMenu({ path })
}
