#include "campaign/task_book_xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fangkong {

namespace {

const char* GrainZh(PlanGrain g) {
  switch (g) {
    case PlanGrain::kMonth:
      return "月";
    case PlanGrain::kWeek:
      return "周";
    case PlanGrain::kDay:
      return "日";
  }
  return "月";
}

struct Formats {
  lxw_format *title, *note, *head, *cell, *number, *total, *total_number;
};

Formats MakeFormats(lxw_workbook* wb) {
  Formats f{};
  auto make = [&](bool bold, bool border, bool center) {
    lxw_format* x = workbook_add_format(wb);
    if (bold) format_set_bold(x);
    if (border) format_set_border(x, LXW_BORDER_THIN);
    if (center) format_set_align(x, LXW_ALIGN_CENTER);
    format_set_align(x, LXW_ALIGN_VERTICAL_CENTER);
    return x;
  };
  f.title = make(true, false, true);
  format_set_font_size(f.title, 16);
  f.note = make(false, false, false);
  f.head = make(true, true, true);
  format_set_text_wrap(f.head);
  format_set_bg_color(f.head, 0xDDEBF7);
  f.cell = make(false, true, false);
  f.number = make(false, true, false);
  format_set_num_format(f.number, "#,##0");
  f.total = make(true, true, true);
  f.total_number = make(true, true, false);
  format_set_num_format(f.total_number, "#,##0");
  return f;
}

void WriteRow(lxw_worksheet* ws, lxw_row_t r, const TaskBookRow& row, const Formats& f,
              bool total) {
  worksheet_write_string(ws, r, 0, total ? "合计" : row.name.c_str(), total ? f.total : f.cell);
  worksheet_write_string(ws, r, 1, row.code.c_str(), total ? f.total : f.cell);
  lxw_format* n = total ? f.total_number : f.number;
  worksheet_write_number(ws, r, 2, static_cast<double>(row.weight), n);
  worksheet_write_number(ws, r, 3, static_cast<double>(row.target), n);
  for (size_t i = 0; i < row.periods.size(); ++i) {
    auto col = static_cast<lxw_col_t>(4 + 2 * i);
    worksheet_write_number(ws, r, col, static_cast<double>(row.periods[i].people), n);
    worksheet_write_number(ws, r, col + 1, static_cast<double>(row.periods[i].doses), n);
  }
}

}  // namespace

Result<std::string> TaskBookToXlsx(const TaskBook& book) {
  char name[] = "/tmp/fangkong-taskbook-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0) return Fail(Error::Internal("cannot create a temporary file for the task book"));
  close(fd);
  std::string path = std::string(name) + ".xlsx";
  std::filesystem::rename(name, path);
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Fail(Error::Internal("cannot create the workbook"));
  lxw_worksheet* ws = workbook_add_worksheet(wb, "任务书");
  Formats f = MakeFormats(wb);
  auto last = static_cast<lxw_col_t>(3 + 2 * book.periods.size());
  std::string title = book.campaign.name + " " + book.phase.name + " 任务书";
  if (book.version > 0) title += "（第" + std::to_string(book.version) + "版）";
  worksheet_merge_range(ws, 0, 0, 0, last, title.c_str(), f.title);
  std::string note = "计数剂次：" + std::string(CountingDoseZh(book.phase.dose)) + "；时间：" +
                     book.phase.start.Iso() + " 至 " + book.phase.end.Iso() + "；按" +
                     book.series.product + "安排剂次";
  if (book.series.primary_doses > 1)
    note += "（基础免疫" + std::to_string(book.series.primary_doses) + "剂，间隔" +
            std::to_string(book.series.interval_days) + "天）";
  worksheet_merge_range(ws, 1, 0, 1, last, note.c_str(), f.note);
  const char* heads[] = {"单位", "代码", book.phase.EveryResident() ? "常住人口" : "目标人群",
                         "任务数"};
  for (lxw_col_t c = 0; c < 4; ++c) worksheet_merge_range(ws, 2, c, 3, c, heads[c], f.head);
  for (size_t i = 0; i < book.periods.size(); ++i) {
    auto col = static_cast<lxw_col_t>(4 + 2 * i);
    worksheet_merge_range(ws, 2, col, 2, col + 1, book.periods[i].c_str(), f.head);
    worksheet_write_string(ws, 3, col, "人数", f.head);
    worksheet_write_string(ws, 3, col + 1, "剂次", f.head);
  }
  worksheet_set_column(ws, 0, 0, 18, nullptr);
  worksheet_set_column(ws, 1, 1, 14, nullptr);
  worksheet_set_column(ws, 2, last, 10, nullptr);
  lxw_row_t r = 4;
  for (const auto& u : book.units) WriteRow(ws, r++, u, f, false);
  WriteRow(ws, r, book.total, f, !book.units.empty());
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, 0, 3);
  worksheet_freeze_panes(ws, 4, 2);
  std::string footer = std::string("&L按") + GrainZh(book.grain) + "分解&R第 &P 页，共 &N 页";
  worksheet_set_footer(ws, footer.c_str());
  if (workbook_close(wb) != LXW_NO_ERROR) {
    std::filesystem::remove(path);
    return Fail(Error::Internal("cannot write the task book workbook"));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

}  // namespace fangkong
