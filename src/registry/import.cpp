#include "registry/import.h"

#include <algorithm>

#include "core/csv.h"
#include "core/date.h"
#include "core/text.h"

namespace fangkong {

namespace {

constexpr size_t kMaxFieldBytes = 1000;

struct ColumnBinding {
  size_t index;
  const TemplateColumn* column;
};

// Maps a header cell (Chinese or English name) to a template column.
const TemplateColumn* MatchColumn(std::string_view name) {
  static const std::map<std::string_view, std::string_view> kAliases = {
      {"身份证号", "doc_number"},  {"身份证号码", "doc_number"},
      {"id_number", "doc_number"}, {"居住地区划代码", "region_code"},
      {"区划代码", "region_code"}, {"手机", "phone"},
      {"联系电话", "phone"},       {"人员类型", "residency"}};
  std::string_view field;
  if (auto it = kAliases.find(name); it != kAliases.end()) field = it->second;
  for (const auto& c : PersonTemplateColumns()) {
    if (name == c.zh || name == c.field || field == c.field) return &c;
  }
  return nullptr;
}

std::optional<std::string>* FieldOf(PersonInput& in, std::string_view field) {
  if (field == "doc_type") return &in.doc_type;
  if (field == "doc_number") return &in.doc_number;
  if (field == "name") return &in.name;
  if (field == "sex") return &in.sex;
  if (field == "birth_date") return &in.birth_date;
  if (field == "phone") return &in.phone;
  if (field == "region_code") return &in.region_code;
  if (field == "residency") return &in.residency;
  if (field == "household") return &in.household;
  if (field == "employer_id") return &in.employer_id;
  if (field == "occupation") return &in.occupation;
  if (field == "tags") return &in.tags;
  return nullptr;
}

std::string ColumnNameFor(const std::vector<ColumnBinding>& bindings, std::string_view field) {
  // Errors about the identity number name the field id_number; map it back to the column.
  std::string_view wanted = field == "id_number" ? "doc_number" : field;
  for (const auto& b : bindings)
    if (b.column->field == wanted) return std::string(b.column->zh);
  return std::string(field);
}

bool AllEmpty(const std::vector<std::string>& fields) {
  for (const auto& f : fields)
    if (!Trim(f).empty()) return false;
  return true;
}

struct HeaderBinding {
  std::vector<ColumnBinding> bindings;
  std::vector<std::string> ignored;
};

Result<HeaderBinding> BindHeader(const std::vector<std::string>& header) {
  HeaderBinding out;
  std::vector<bool> seen(PersonTemplateColumns().size(), false);
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name = NormalizeAsciiWidth(std::string(StripBom(header[i])));
    if (auto* c = MatchColumn(name)) {
      size_t k = static_cast<size_t>(c - PersonTemplateColumns().data());
      if (seen[k]) continue;  // a repeated column: the first one counts
      seen[k] = true;
      out.bindings.push_back({i, c});
    } else if (!name.empty()) {
      out.ignored.push_back(name);
    }
  }
  std::string missing_zh, missing_en;
  for (size_t k = 0; k < seen.size(); ++k) {
    const auto& c = PersonTemplateColumns()[k];
    if (c.required && !seen[k]) {
      missing_zh += (missing_zh.empty() ? "" : "、") + std::string(c.zh);
      missing_en +=
          (missing_en.empty() ? "" : ", ") + std::string(c.zh) + " (" + std::string(c.field) + ")";
    }
  }
  if (!missing_zh.empty()) {
    return Fail(Error::Invalid("missing_columns", "header", missing_en,
                               "the file lacks required columns: " + missing_en,
                               "文件缺少必填列：" + missing_zh));
  }
  return out;
}

class Importer {
  struct PendingRow {
    int64_t row;  // its line in the file
    PersonInput in;
  };

 public:
  Importer(const User& user, PersonRepository& repo, const RegionDirectory& regions,
           ImportProgress* progress, size_t batch_size, const ImportCheckpoint* checkpoint)
      : user_(user),
        repo_(repo),
        regions_(regions),
        progress_(progress),
        batch_size_(batch_size),
        checkpoint_(checkpoint) {}

  void SetHeader(HeaderBinding h) {
    bindings_ = std::move(h.bindings);
    report_.ignored_columns = std::move(h.ignored);
  }

  // A column the file lacks, or an empty cell, leaves the stored value as
  // it is; a cell of just "-" clears it (kClearCell).
  Status AddRow(int64_t row, const std::vector<std::string>& fields) {
    if (AllEmpty(fields)) return {};
    ++report_.rows;
    PersonInput in;
    for (const auto& b : bindings_) {
      if (b.index >= fields.size()) continue;
      const std::string& v = fields[b.index];
      if (v.size() > kMaxFieldBytes) {
        RecordError(row, Error::Invalid("value_too_long", std::string(b.column->field), v,
                                        "value is longer than 1000 bytes", "内容超过1000字节"));
        return {};
      }
      std::string cell = Trim(v);
      if (cell.empty()) continue;
      *FieldOf(in, b.column->field) = cell == kClearCell ? "" : v;
    }
    pending_.push_back({row, std::move(in)});
    if (pending_.size() >= batch_size_) return Flush();
    return {};
  }

  // Applies the pending rows over the stored people they name (read in one
  // query), checks them, and writes them.
  Status Flush() {
    if (auto s = Resolve(); !s) return s;
    return Write();
  }

  ImportReport& report() { return report_; }

 private:
  Status Resolve() {
    std::vector<std::optional<Person>> ids(pending_.size());
    std::vector<std::string> docs;
    for (size_t i = 0; i < pending_.size(); ++i) {
      auto id = IdentityOf(pending_[i].in, today_);
      if (!id) {
        RecordError(pending_[i].row, id.error());
        continue;
      }
      docs.push_back(id->doc_number);
      ids[i] = std::move(*id);
    }
    // In index order: each probe then lands next to the one before.
    std::sort(docs.begin(), docs.end());
    docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
    auto stored = repo_.FindByDocuments(docs);
    if (!stored) return Fail(stored.error());
    std::map<std::pair<std::string, DocumentType>, const Person*> by_doc;
    for (const auto& p : *stored) by_doc[{p.doc_number, p.doc_type}] = &p;
    for (size_t i = 0; i < pending_.size(); ++i) {
      if (!ids[i]) continue;
      auto found = by_doc.find({ids[i]->doc_number, ids[i]->doc_type});
      const Person* base = found == by_doc.end() ? nullptr : found->second;
      Take(pending_[i], base);
    }
    pending_.clear();
    return {};
  }

  void Take(const PendingRow& p, const Person* stored) {
    if (stored && !CheckJurisdiction(user_, stored->region_code)) {
      RecordError(p.row, RegisteredElsewhere(stored->doc_number, stored->region_code));
      return;
    }
    auto person = ApplyPersonInput(p.in, stored ? *stored : Person{}, today_, regions_);
    if (!person) {
      RecordError(p.row, person.error());
      return;
    }
    if (auto s = CheckJurisdiction(user_, person->region_code); !s) {
      Error e = s.error();
      e.field = "region_code";
      e.value = person->region_code;
      RecordError(p.row, e);
      return;
    }
    batch_.push_back(std::move(*person));
    batch_rows_.push_back(p.row);
  }

  // Writes in the parsing thread. Handing batches to a writer thread made the
  // import slower on the 2-core machine: the write slowed by more than the
  // parsing it overlapped (bench/RESULTS.md).
  Status Write() {
    if (batch_.empty()) return {};
    auto s = checkpoint_ ? checkpoint_->unit.Atomically([this] { return WriteBatch(); }) : WriteBatch();
    batch_.clear();
    batch_rows_.clear();
    return s;
  }

  Status WriteBatch() {
    auto outcomes = repo_.UpsertBatch(batch_, user_.region_code);
    if (!outcomes) return Fail(outcomes.error());
    for (size_t i = 0; i < outcomes->size(); ++i) {
      switch ((*outcomes)[i]) {
        case UpsertOutcome::kInserted:
          ++report_.inserted;
          break;
        case UpsertOutcome::kUpdated:
          ++report_.updated;
          break;
        case UpsertOutcome::kUnchanged:
          ++report_.unchanged;
          break;
        case UpsertOutcome::kOutsideScope: {  // moved away since Resolve read it
          auto now = repo_.FindByDocument(batch_[i].doc_number);
          RecordError(batch_rows_[i], RegisteredElsewhere(batch_[i].doc_number,
                                                          now && *now ? (*now)->region_code : ""));
          break;
        }
      }
    }
    return checkpoint_ ? checkpoint_->record(report_) : Status{};
  }

  // A row naming a person registered outside the importer's jurisdiction:
  // only a transfer moves them (迁入/迁出), so the row changes nothing.
  Error RegisteredElsewhere(const std::string& doc_number, const std::string& region_code) {
    std::string place = regions_.PlaceName(region_code);
    Error e = Error::Forbidden("registered in " + place + ": ask them to transfer the person",
                               "该人员登记在" + place + "，不能通过导入修改，请联系对方办理迁出");
    e.code = "registered_elsewhere";
    e.field = "id_number";
    e.value = doc_number;
    return e;
  }

  void RecordError(int64_t row, const Error& e) {
    ++report_.failed;
    if (report_.errors.size() >= ImportReport::kMaxReportedErrors) return;
    report_.errors.push_back(ImportRowError{row, ColumnNameFor(bindings_, e.field), e.field,
                                            e.value, e.code, e.message, e.message_zh});
  }

  const User& user_;
  PersonRepository& repo_;
  const RegionDirectory& regions_;
  ImportProgress* progress_;
  size_t batch_size_;
  const ImportCheckpoint* checkpoint_;
  Date today_ = Date::TodayBeijing();
  std::vector<ColumnBinding> bindings_;
  std::vector<PendingRow> pending_;
  std::vector<Person> batch_;
  std::vector<int64_t> batch_rows_;  // each batch row's line in the file
  ImportReport report_;
};

}  // namespace

std::optional<TextEncoding> ParseEncoding(std::string_view s) {
  if (s.empty() || s == "auto") return TextEncoding::kAuto;
  if (s == "utf-8" || s == "utf8" || s == "UTF-8") return TextEncoding::kUtf8;
  if (s == "gbk" || s == "GBK" || s == "gb18030" || s == "GB18030" || s == "gb2312") {
    return TextEncoding::kGb18030;
  }
  return std::nullopt;
}

Result<std::string> DecodeUpload(std::string_view bytes, TextEncoding declared) {
  std::string_view body = StripBom(bytes);
  bool utf8 = IsValidUtf8(body);
  if (declared == TextEncoding::kUtf8 && !utf8) {
    size_t ok = 0;
    while (ok < body.size() && IsValidUtf8(body.substr(0, ok + 1))) ++ok;
    bool gbk = Gb18030ToUtf8(body).has_value();
    return Fail(Error::Invalid("invalid_encoding", "encoding", "utf-8",
                               "the file is not valid UTF-8 (first bad byte at offset " +
                                   std::to_string(ok) + ")" +
                                   (gbk ? "; it looks like GBK: choose the GBK encoding" : ""),
                               "文件不是有效的UTF-8编码（第" + std::to_string(ok) + "字节处出错）" +
                                   (gbk ? "，看起来是GBK编码，请选择GBK编码后重新导入" : "")));
  }
  if (declared == TextEncoding::kUtf8 || (declared == TextEncoding::kAuto && utf8)) {
    return std::string(body);
  }
  auto converted = Gb18030ToUtf8(body);
  if (!converted) {
    return Fail(Error::Invalid("invalid_encoding", "encoding", "gbk",
                               "the file is neither valid UTF-8 nor GBK/GB18030 text",
                               "文件既不是UTF-8也不是GBK编码的文本"));
  }
  return std::string(StripBom(*converted));
}

const std::vector<TemplateColumn>& PersonTemplateColumns() {
  static const std::vector<TemplateColumn> v = {
      {"证件类型", "doc_type", false, "居民身份证（默认）、护照、港澳居民来往内地通行证等"},
      {"证件号码", "doc_number", true, "18位身份证号，末位可为X"},
      {"姓名", "name", true, "不超过50个字"},
      {"性别", "sex", false, "男/女；身份证人员可不填，按证件号推算"},
      {"出生日期", "birth_date", false, "YYYY-MM-DD；身份证人员可不填"},
      {"手机号码", "phone", false, "11位手机号"},
      {"现住址区划代码", "region_code", true, "12位村（社区）代码或15位网格代码"},
      {"居住类型", "residency", false, "常住、流动、人户分离"},
      {"户号", "household", false, "同户人员填写相同户号"},
      {"工作单位编号", "employer_id", false, "系统中的单位编号"},
      {"职业类别", "occupation", false, "如：冷链从业人员、医务人员、学生"},
      {"健康标签", "tags", false, "多个用顿号分隔，如：高血压、糖尿病"},
  };
  return v;
}

namespace {

std::string_view ZhLabel(const std::vector<Code>& codes, std::string_view code) {
  for (const auto& c : codes)
    if (c.code == code) return c.zh;
  return code;
}

}  // namespace

std::string PersonTemplateHeaderCsv() {
  std::string out;
  for (const auto& c : PersonTemplateColumns()) {
    if (!out.empty()) out += ',';
    out += c.zh;
  }
  return out + "\r\n";
}

std::vector<std::string> PersonTemplateRow(const Person& p) {
  std::string tags;
  for (const auto& t : p.tags) {
    if (!tags.empty()) tags += "、";
    tags += ZhLabel(HealthTags(), t);
  }
  return {std::string(ZhLabel(DocumentTypes(), DocumentTypeCode(p.doc_type))),
          p.doc_number,
          p.name,
          p.sex == Sex::kMale     ? "男"
          : p.sex == Sex::kFemale ? "女"
                                  : "",
          p.birth_date.Iso(),
          p.phone,
          p.region_code,
          std::string(ZhLabel(ResidencyTypes(), ResidencyCode(p.residency))),
          p.household,
          p.employer_id ? std::to_string(p.employer_id) : "",
          std::string(ZhLabel(OccupationCategories(), p.occupation)),
          tags};
}

void AppendPersonCsvRow(const Person& p, std::string& out) {
  auto row = PersonTemplateRow(p);
  for (size_t i = 0; i < row.size(); ++i) {
    out += CsvEscape(row[i]);
    out += i + 1 < row.size() ? "," : "\r\n";
  }
}

RowSource CsvRowSource(std::shared_ptr<const std::string> text) {
  auto reader = std::make_shared<CsvReader>(*text);
  return [text, reader](int64_t& row, std::vector<std::string>& fields) {
    if (!reader->Next(fields)) return false;
    row = static_cast<int64_t>(reader->line());
    return true;
  };
}

Status CheckPersonHeader(const std::vector<std::string>& header) {
  auto bound = BindHeader(header);
  if (!bound) return Fail(bound.error());
  return {};
}

Result<ImportReport> ImportPersons(const std::vector<std::string>& header, const RowSource& rows,
                                   const User& user, PersonRepository& repo,
                                   const RegionDirectory& regions, ImportProgress* progress,
                                   size_t batch_size, const ImportCheckpoint* checkpoint) {
  if (!CanImport(user.role)) {
    return Fail(Error::Forbidden("your role may not import people", "您的角色无权导入人员"));
  }
  auto bound = BindHeader(header);
  if (!bound) return Fail(bound.error());
  Importer importer(user, repo, regions, progress, batch_size, checkpoint);
  importer.SetHeader(std::move(*bound));
  int64_t row = 0;
  std::vector<std::string> fields;
  while (rows(row, fields)) {
    if (auto s = importer.AddRow(row, fields); !s) return Fail(s.error());
    if (progress) progress->processed.fetch_add(1, std::memory_order_relaxed);
  }
  if (auto s = importer.Flush(); !s) return Fail(s.error());
  return std::move(importer.report());
}

ImportJobs::ImportJobs(PersonRepository& repo, const RegionDirectory& regions,
                       ImportJobRepository& jobs, UnitOfWork& unit)
    : repo_(repo), regions_(regions), jobs_store_(jobs), unit_(unit) {
  // A failure here only leaves stale states visible; it must not stop serving.
  (void)jobs_store_.InterruptUnfinishedImports();
}

ImportJobs::~ImportJobs() { WaitAll(); }

Result<int64_t> ImportJobs::Start(const User& user, std::string file_name,
                                  std::vector<std::string> header, RowSource rows,
                                  int64_t total_rows,
                                  std::function<void(const ImportJob&)> on_finish) {
  ImportJob job;
  job.file_name = std::move(file_name);
  job.user_id = user.id;
  job.username = user.username;
  job.region_code = user.region_code;
  job.created_at = NowUnixSeconds();
  job.progress->total = total_rows;
  auto id = jobs_store_.CreateImportJob(job);
  if (!id) return Fail(id.error());
  job.id = *id;
  std::lock_guard lock(mu_);
  running_.emplace(job.id, std::move(job));
  bool queued = queue_.Submit([this, id = *id, user, header = std::move(header), rows = std::move(rows),
                               on_finish = std::move(on_finish)] { Run(id, user, header, rows, on_finish); });
  if (!queued) {
    ImportJob refused = running_[*id];
    running_.erase(*id);
    refused.state = kImportFailed;
    refused.finished_at = NowUnixSeconds();
    refused.error = Error::Conflict("too_many_imports", "import", std::to_string(kMaxWaiting),
                                    "too many imports are waiting; try again in a few minutes",
                                    "等待中的导入任务过多，请几分钟后再试");
    (void)jobs_store_.FinishImportJob(refused);
    return Fail(*refused.error);
  }
  return *id;
}

void ImportJobs::Run(int64_t id, const User& user, const std::vector<std::string>& header,
                     const RowSource& rows, const std::function<void(const ImportJob&)>& on_finish) {
  std::shared_ptr<ImportProgress> progress;
  {
    std::lock_guard l(mu_);
    running_[id].state = kImportRunning;
    progress = running_[id].progress;
  }
  (void)jobs_store_.SetImportJobState(id, kImportRunning);
  ImportCheckpoint checkpoint{unit_, [&](const ImportReport& r) { return jobs_store_.RecordImportCounts(id, r); }};
  auto result = ImportPersons(header, rows, user, repo_, regions_, progress.get(), kImportBatchRows, &checkpoint);
  ImportJob finished;
  {
    std::lock_guard l(mu_);
    finished = running_[id];
  }
  finished.finished_at = NowUnixSeconds();
  if (result) {
    finished.state = kImportDone;
    finished.report = std::move(*result);
  } else {
    finished.state = kImportFailed;
    finished.error = result.error();
  }
  bool stored = static_cast<bool>(jobs_store_.FinishImportJob(finished));
  {
    // Kept in memory if the store could not take it, so the report is not lost.
    std::lock_guard l(mu_);
    if (stored)
      running_.erase(id);
    else
      running_[id] = finished;
  }
  if (on_finish) on_finish(finished);
}

Result<std::optional<ImportJob>> ImportJobs::Find(int64_t id, int64_t max_errors) const {
  {
    std::lock_guard lock(mu_);
    auto it = running_.find(id);
    if (it != running_.end()) return std::optional<ImportJob>(it->second);
  }
  return jobs_store_.FindImportJob(id, max_errors);
}

void ImportJobs::WaitAll() { queue_.WaitIdle(); }

}  // namespace fangkong
