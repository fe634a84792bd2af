// Importing people from tables (CSV files, or rows read from .xlsx in the
// browser). Valid rows are stored in batches; invalid rows are reported with
// row, column, value and the rule broken; re-importing the same table changes
// nothing.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "access/user.h"
#include "core/job_queue.h"
#include "core/unit_of_work.h"
#include "registry/import_job.h"
#include "registry/repository.h"

namespace fangkong {

enum class TextEncoding { kAuto, kUtf8, kGb18030 };
std::optional<TextEncoding> ParseEncoding(std::string_view s);  // auto, utf-8, gbk, gb18030

// Decodes an uploaded file to UTF-8, dropping a BOM. With kAuto, text that is
// not valid UTF-8 is read as GB18030 (what Chinese Excel writes). A file
// declared UTF-8 that is not gets an error naming the byte offset.
Result<std::string> DecodeUpload(std::string_view bytes, TextEncoding declared);

// The import template: Chinese column names (with accepted English aliases).
struct TemplateColumn {
  std::string_view zh, field;
  bool required;
  std::string_view note_zh;
};
const std::vector<TemplateColumn>& PersonTemplateColumns();

// The template's header line, and one person as a template row with Chinese
// labels (what a clerk would type); both end in CRLF as Excel writes them.
std::string PersonTemplateHeaderCsv();
// One person in the template's columns, with Chinese labels and full values.
std::vector<std::string> PersonTemplateRow(const Person& p);
void AppendPersonCsvRow(const Person& p, std::string& out);

// Checks a header row against the template: a missing required column is an
// error naming the columns (before any row is read).
Status CheckPersonHeader(const std::vector<std::string>& header);

// A source of table rows: fills `fields` and the 1-based row number; false at end.
using RowSource = std::function<bool(int64_t& row, std::vector<std::string>& fields)>;
RowSource CsvRowSource(std::shared_ptr<const std::string> utf8_text);

// Rows per write transaction. Large batches matter on SQLite: each commit
// rewrites every index page it touched, and identity numbers land at random
// places in the unique index (see bench/RESULTS.md).
inline constexpr size_t kImportBatchRows = 100000;

// In an import, an empty cell (or a column the file lacks) leaves the stored
// value as it is; a cell holding just this clears the value.
inline constexpr std::string_view kClearCell = "-";

// The largest import file taken, and how long its upload may take: a
// county's whole registry as CSV (380,000 people, about 60 MiB) fits four
// times over.
inline constexpr uint64_t kImportMaxBytes = 256ull << 20;
inline constexpr int kImportUploadSeconds = 900;

// Where an import's running counts go with each batch: recorded by `record`
// in the same unit of work as the batch, so that the counts of an
// interrupted import are exactly its committed rows.
struct ImportCheckpoint {
  UnitOfWork& unit;
  std::function<Status(const ImportReport&)> record;
};

// Runs a whole import. A missing required column fails before anything is
// stored. Rows outside `user`'s jurisdiction are reported, not stored.
Result<ImportReport> ImportPersons(const std::vector<std::string>& header, const RowSource& rows,
                                   const User& user, PersonRepository& repo,
                                   const RegionDirectory& regions, ImportProgress* progress,
                                   size_t batch_size = kImportBatchRows,
                                   const ImportCheckpoint* checkpoint = nullptr);

// Runs imports in the background, kWorkers at a time with kMaxWaiting more
// queued. Jobs are stored through `jobs` when they start, with each
// committed batch and when they finish, so a report survives a restart;
// progress of a running job is read from memory.
class ImportJobs {
 public:
  static constexpr size_t kWorkers = 2;
  static constexpr size_t kMaxWaiting = 16;
  // The repositories and `unit` (their store's transactions) must outlive
  // this object. Marks jobs a previous process left unfinished as
  // interrupted.
  ImportJobs(PersonRepository& repo, const RegionDirectory& regions, ImportJobRepository& jobs,
             UnitOfWork& unit);
  ~ImportJobs();
  // Stores a job over a decoded table and queues it; returns its id at once,
  // or a conflict when kMaxWaiting jobs already wait.
  Result<int64_t> Start(const User& user, std::string file_name, std::vector<std::string> header,
                        RowSource rows, int64_t total_rows,
                        std::function<void(const ImportJob&)> on_finish = {});
  // A running job from memory, otherwise the stored job.
  Result<std::optional<ImportJob>> Find(int64_t id, int64_t max_errors) const;
  void WaitAll();

 private:
  void Run(int64_t id, const User& user, const std::vector<std::string>& header, const RowSource& rows,
           const std::function<void(const ImportJob&)>& on_finish);

  PersonRepository& repo_;
  const RegionDirectory& regions_;
  ImportJobRepository& jobs_store_;
  UnitOfWork& unit_;
  mutable std::mutex mu_;
  std::map<int64_t, ImportJob> running_;
  JobQueue queue_{kWorkers, kMaxWaiting};  // last: its threads stop first
};

}  // namespace fangkong
