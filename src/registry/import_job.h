// What an import produced and the job that ran it: the values an import job
// store keeps, so a job's report outlives the process that ran it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace fangkong {

struct ImportRowError {
  int64_t row = 0;      // line in the file (header is line 1)
  std::string column;   // the template column's Chinese name
  std::string field;    // API field name
  std::string value;
  std::string code;
  std::string message;
  std::string message_zh;
};

struct ImportReport {
  int64_t rows = 0;  // data rows seen (empty lines excluded)
  int64_t inserted = 0, updated = 0, unchanged = 0, failed = 0;
  std::vector<std::string> ignored_columns;
  std::vector<ImportRowError> errors;  // the first kMaxReportedErrors
  static constexpr size_t kMaxReportedErrors = 10000;
};

struct ImportProgress {
  std::atomic<int64_t> processed{0};
  std::atomic<int64_t> total{0};  // estimate; 0 when unknown
};

// The states of a job. "interrupted" marks a job whose process stopped
// before it finished: its committed batches stay, and re-running the file
// completes it (imports are idempotent).
inline constexpr const char* kImportQueued = "queued";
inline constexpr const char* kImportRunning = "running";
inline constexpr const char* kImportDone = "done";
inline constexpr const char* kImportFailed = "failed";
inline constexpr const char* kImportInterrupted = "interrupted";

// Import jobs run in the background; their state is polled by id.
struct ImportJob {
  int64_t id = 0;
  std::string state = kImportQueued;
  std::string file_name;
  int64_t user_id = 0;
  std::string username;
  std::string region_code;  // the importing user's jurisdiction
  int64_t created_at = 0;
  int64_t finished_at = 0;
  ImportReport report;
  std::optional<Error> error;
  std::shared_ptr<ImportProgress> progress = std::make_shared<ImportProgress>();
};

struct ImportJobFilter {
  int64_t user_id = 0;        // 0: any user
  std::string region_prefix;  // jobs of users within this subtree
  int64_t limit = 50;
};

// Durable import jobs. Implementations are thread-safe; every method returns
// an Error of kind kInternal when the database fails.
class ImportJobRepository {
 public:
  virtual ~ImportJobRepository() = default;
  // Stores a new job and returns its id.
  virtual Result<int64_t> CreateImportJob(const ImportJob& job) = 0;
  virtual Status SetImportJobState(int64_t id, const std::string& state) = 0;
  // Stores the final state, counts, job error and reported error rows.
  virtual Status FinishImportJob(const ImportJob& job) = 0;
  // The job with at most `max_errors` of its error rows.
  virtual Result<std::optional<ImportJob>> FindImportJob(int64_t id, int64_t max_errors) = 0;
  // Newest first, without error rows.
  virtual Result<std::vector<ImportJob>> ListImportJobs(const ImportJobFilter& filter) = 0;
  // Marks jobs a stopped process left queued or running as interrupted;
  // returns how many.
  virtual Result<int64_t> InterruptUnfinishedImports() = 0;
  // The counts so far of a running job (written with each committed batch).
  virtual Status RecordImportCounts(int64_t id, const ImportReport& counts) = 0;
};

}  // namespace fangkong
