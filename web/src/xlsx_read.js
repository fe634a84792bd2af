// Reads the first sheet of an .xlsx in the browser into the table an import
// takes as JSON: {file_name, header, rows}. ExcelJS loads only when a file
// is read.
export async function readXlsx(f) {
  const ExcelJS = (await import('exceljs')).default
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await f.arrayBuffer())
  const ws = wb.worksheets[0]
  const rows = []
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells = []
    for (let i = 1; i <= ws.columnCount; i++) {
      const v = row.getCell(i).value
      cells.push(v == null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'object' ? (v.text ?? v.result ?? String(v)) : String(v))
    }
    rows.push(cells)
  })
  return { file_name: f.name, header: rows[0] || [], rows: rows.slice(1) }
}
