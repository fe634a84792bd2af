#include "arrivals/arrival_imports.h"

#include <charconv>
#include <deque>
#include <future>

#include "core/date.h"

namespace fangkong {

namespace {

std::optional<size_t> ColumnOf(const std::vector<std::string>& header, const ArrivalColumn& c) {
  for (size_t i = 0; i < header.size(); ++i) {
    std::string h = header[i];
    while (!h.empty() && (h.back() == ' ' || h.back() == '*')) h.pop_back();
    if (h == c.zh || h == c.field) return i;
  }
  return std::nullopt;
}

int ToInt(std::string_view s) {
  int v = -1;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() ? v : -1;
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  size_t start = s.find_first_not_of(" \t");
  return start == std::string::npos ? std::string() : s.substr(start);
}

}  // namespace

Status CheckArrivalHeader(const std::vector<std::string>& header) {
  std::string missing_zh, missing_en;
  for (const auto& c : kArrivalColumns) {
    if (!c.required || ColumnOf(header, c)) continue;
    missing_zh += (missing_zh.empty() ? "" : "、") + std::string(c.zh);
    missing_en += (missing_en.empty() ? "" : ", ") + std::string(c.field);
  }
  if (missing_zh.empty()) return {};
  return Fail(Error::Invalid("missing_columns", "header", missing_en,
                             "the list lacks required columns: " + missing_en,
                             "名单缺少必填列：" + missing_zh));
}

std::optional<Date> ParseListDate(std::string_view text) {
  if (auto d = Date::Parse(text)) return d;
  if (text.size() == 8 && ToInt(text) > 0) {
    return Date::FromYmd(ToInt(text.substr(0, 4)), ToInt(text.substr(4, 2)),
                         ToInt(text.substr(6, 2)));
  }
  size_t a = text.find('/'), b = text.rfind('/');
  if (a != std::string_view::npos && b != a) {
    int y = ToInt(text.substr(0, a)), m = ToInt(text.substr(a + 1, b - a - 1)),
        d = ToInt(text.substr(b + 1));
    if (y > 0 && m > 0 && d > 0) return Date::FromYmd(y, m, d);
  }
  // Excel counts days from 1899-12-30; lists are from this century.
  if (int serial = ToInt(text); serial > 36526 && serial < 73051)
    return Date::Parse("1899-12-30")->AddDays(serial);
  return std::nullopt;
}

ArrivalImports::ArrivalImports(ArrivalService& service, ArrivalRepository& repo)
    : service_(service), repo_(repo) {
  (void)repo_.InterruptRunningImports();
}

ArrivalImports::~ArrivalImports() { queue_.WaitIdle(); }

void ArrivalImports::WaitAll() { queue_.WaitIdle(); }

Result<ArrivalImport> ArrivalImports::Start(const User& u, const ArrivalImportInput& in,
                                            std::vector<std::string> header, RowSource rows,
                                            int64_t total, int64_t now) {
  if (auto s = CheckMayImportArrivals(u); !s) return Fail(s.error());
  if (auto s = CheckDeadlineHours(in.deadline_hours); !s) return Fail(s.error());
  if (auto s = CheckArrivalHeader(header); !s) return Fail(s.error());
  ArrivalImport job;
  job.file_name = in.file_name;
  job.source_name = in.source_name.empty() ? in.file_name : in.source_name;
  job.user_id = u.id;
  job.region_code = u.region_code;
  job.created_at = now;
  job.rows = total;
  auto id = repo_.InsertImport(job);
  if (!id) return Fail(id.error());
  job.id = *id;
  Publish(job);
  int hours = in.deadline_hours;
  bool queued =
      queue_.Submit([this, id = *id, u, hours, header = std::move(header), rows = std::move(rows),
                     now] { Run(id, u, hours, header, rows, now); });
  if (!queued) {
    job.state = "failed";
    job.finished_at = now;
    (void)repo_.SaveImport(job);
    std::lock_guard lock(mu_);
    running_.erase(job.id);
    return Fail(Error::TooMany("imports_busy", "too many lists are being taken in; try later",
                               "正在导入的名单过多，请稍后再试"));
  }
  return job;
}

void ArrivalImports::Publish(const ArrivalImport& job) {
  std::lock_guard lock(mu_);
  running_[job.id] = job;
}

Result<std::optional<ArrivalImport>> ArrivalImports::Find(int64_t id) const {
  {
    std::lock_guard lock(mu_);
    if (auto it = running_.find(id); it != running_.end()) return std::optional(it->second);
  }
  return repo_.FindImport(id);
}

void ArrivalImports::Run(int64_t id, const User& u, int deadline_hours,
                         const std::vector<std::string>& header, const RowSource& rows,
                         int64_t now) {
  ArrivalImport job;
  {
    std::lock_guard lock(mu_);
    job = running_[id];
  }
  std::vector<std::optional<size_t>> at;
  for (const auto& c : kArrivalColumns) at.push_back(ColumnOf(header, c));
  auto cell = [&](const std::vector<std::string>& f, size_t column) {
    auto i = at[column];
    return i && *i < f.size() ? Trimmed(f[*i]) : std::string();
  };
  auto fault = [&](int64_t line, const ArrivalColumn& c, const std::string& value,
                   const std::string& code, const std::string& en, const std::string& zh) {
    if (job.errors.size() < ImportReport::kMaxReportedErrors)
      job.errors.push_back(ImportRowError{line, c.zh, c.field, value, code, en, zh});
  };

  // Batches are matched ahead on other threads (reads only) while the
  // earlier ones are folded and written here, in order: on two cores a
  // list of 100,000 takes about half the time (bench/RESULTS.md).
  std::deque<std::future<Result<MatchedBatch>>> matching;
  auto fold_oldest = [&]() -> Status {
    auto matched = matching.front().get();
    matching.pop_front();
    if (!matched) return Fail(matched.error());
    auto counts = service_.Fold(job.region_code, std::move(*matched), deadline_hours, now);
    if (!counts) return Fail(counts.error());
    job.by_id_number += counts->by_id_number;
    job.linked += counts->linked;
    job.uncertain += counts->uncertain;
    job.unmatched += counts->unmatched;
    job.merged += counts->merged;
    job.out_of_county += counts->out_of_county;
    Publish(job);
    return repo_.SaveImport(job);
  };
  std::vector<ArrivalReport> batch;
  auto flush = [&]() -> Status {
    if (!batch.empty()) {
      matching.push_back(
          std::async(std::launch::async, [this, b = std::move(batch), now]() mutable {
            return service_.Match(std::move(b), now);
          }));
      batch.clear();
    }
    if (matching.size() > kBatchesMatchedAhead) return fold_oldest();
    return {};
  };

  std::vector<std::string> fields;
  int64_t line = 0;
  Status ok;
  while (ok && rows(line, fields)) {
    bool blank = true;
    for (const auto& f : fields) blank = blank && Trimmed(f).empty();
    if (blank) continue;
    ++job.processed;
    ArrivalReport r;
    r.source = ArrivalSource::kPush;
    r.source_name = job.source_name;
    r.name = cell(fields, 0);
    r.id_number = cell(fields, 1);
    r.phone = cell(fields, 2);
    std::string date = cell(fields, 3);
    r.origin = cell(fields, 4);
    r.destination_code = cell(fields, 5);
    r.reported_at = now;
    r.user_id = u.id;
    r.import_id = id;
    r.line = line;
    if (r.name.empty() && r.id_number.empty() && r.phone.empty()) {
      ++job.failed;
      fault(line, kArrivalColumns[0], "", "nobody_named",
            "the row has no name, identity number or phone", "该行没有姓名、身份证号或手机号");
      continue;
    }
    r.arrival_date = ParseListDate(date);
    if (!r.arrival_date) {
      // Kept: the day of the push stands in, and the report says so.
      fault(line, kArrivalColumns[3], date, "invalid_arrival_date",
            "not a date; the day of the push is used", "日期无法识别，按推送当日处理");
    }
    batch.push_back(std::move(r));
    if (batch.size() >= kBatchRows) ok = flush();
  }
  if (ok) ok = flush();
  while (ok && !matching.empty()) ok = fold_oldest();
  matching.clear();  // after a failure: waits for the batches still being matched
  job.state = ok ? "done" : "failed";
  if (!ok) {
    fault(0, kArrivalColumns[0], "", ok.error().code, ok.error().message, ok.error().message_zh);
  }
  job.finished_at = NowUnixSeconds();
  (void)repo_.SaveImport(job);
  std::lock_guard lock(mu_);
  running_.erase(id);
}

}  // namespace fangkong
