// Saves an ExcelJS workbook as a download named `filename`.
export async function saveWorkbook(wb, filename) {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(new Blob([await wb.xlsx.writeBuffer()]))
  a.download = filename
  a.click()
}
