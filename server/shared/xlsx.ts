// The .xlsx exports' common shape: a workbook signed 和美村宣, and sheets whose first row is a
// bold header that stays in view while scrolling.
import ExcelJS from 'exceljs'

export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '和美村宣'
  return workbook
}

/** A sheet with `columns` as its bold, frozen header row. */
export function tableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: Partial<ExcelJS.Column>[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns
  sheet.getRow(1).font = { bold: true }
  return sheet
}
