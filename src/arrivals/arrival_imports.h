// Uploads of pushed lists (推送名单), run as background jobs like person
// imports: the rows are read, matched and dispatched 5,000 at a time, the
// counts stored with each batch, so a report outlives the process. No row is
// dropped: a row whose identity number is invalid or missing is matched by
// name and phone, or waits for manual matching; only a row that names nobody
// (no identity number, name or phone) fails, and the report says which.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

#include "arrivals/arrival_service.h"
#include "core/job_queue.h"
#include "registry/import.h"

namespace fangkong {

// The columns of a pushed list; the first four are required (cells may be
// empty). English field names are accepted as well.
struct ArrivalColumn {
  const char* zh;
  const char* field;
  bool required;
};
inline constexpr ArrivalColumn kArrivalColumns[] = {
    {"姓名", "name", true},        {"身份证号", "id_number", true},
    {"手机号", "phone", true},     {"抵达日期", "arrival_date", true},
    {"来源地区", "origin", false}, {"目的地代码", "destination_code", false},
};
// 422 missing_column naming the first required column the header lacks.
Status CheckArrivalHeader(const std::vector<std::string>& header);

// "2022-04-01", "2022/4/1", "20220401", or an Excel day number (44652).
std::optional<Date> ParseListDate(std::string_view text);

struct ArrivalImportInput {
  std::string file_name;
  std::string source_name;  // the list's sender: "省大数据局 4月2日第3批"
  int deadline_hours = kDefaultDeadlineHours;
};

class ArrivalImports {
 public:
  static constexpr size_t kBatchRows = 5000;
  // Batches being matched while the one before them is folded: one per core
  // of a small county server.
  static constexpr size_t kBatchesMatchedAhead = 2;
  // `service` and `repo` must outlive this object. Marks jobs a previous
  // process left running as interrupted.
  ArrivalImports(ArrivalService& service, ArrivalRepository& repo);
  ~ArrivalImports();
  // Checks the header, stores the job and queues it; returns it at once.
  Result<ArrivalImport> Start(const User& u, const ArrivalImportInput& in,
                              std::vector<std::string> header, RowSource rows, int64_t total,
                              int64_t now);
  // A running job from memory, otherwise the stored one (any user's: the
  // caller checks jurisdiction).
  Result<std::optional<ArrivalImport>> Find(int64_t id) const;
  void WaitAll();

 private:
  void Run(int64_t id, const User& u, int deadline_hours, const std::vector<std::string>& header,
           const RowSource& rows, int64_t now);
  void Publish(const ArrivalImport& job);

  ArrivalService& service_;
  ArrivalRepository& repo_;
  mutable std::mutex mu_;
  std::map<int64_t, ArrivalImport> running_;
  JobQueue queue_{1, 8};  // last: its thread stops first
};

}  // namespace fangkong
