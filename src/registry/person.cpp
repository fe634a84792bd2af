#include "registry/person.h"

#include <algorithm>

#include "core/text.h"

namespace fangkong {

namespace {

Error Invalid(std::string field, std::string_view value, std::string en, std::string zh,
              std::string code = "invalid_value") {
  return Error::Invalid(std::move(code), std::move(field), value, std::move(en), std::move(zh));
}

std::optional<std::string_view> MatchCode(const std::vector<Code>& codes, std::string_view s) {
  for (const auto& c : codes)
    if (s == c.code || s == c.zh || s == c.en) return c.code;
  return std::nullopt;
}

uint64_t Fnv1a(uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return (h ^ 0x1f) * 1099511628211ULL;  // field separator
}

Result<std::vector<std::string>> ParseTags(std::string_view text) {
  std::vector<std::string> tags;
  std::string current;
  auto flush = [&]() -> Status {
    std::string t = Trim(current);
    current.clear();
    if (t.empty()) return {};
    auto code = MatchCode(HealthTags(), t);
    if (!code) {
      return Fail(Invalid("tags", t, "unknown health tag (see the template's list)",
                          "未知的健康标签（见模板说明）"));
    }
    tags.emplace_back(*code);
    return {};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool sep = c == ',' || c == ';' || c == '|' || c == ' ';
    // Chinese comma "，" (EF BC 8C) and enumeration comma "、" (E3 80 81).
    if (!sep && i + 2 < text.size()) {
      auto t3 = text.substr(i, 3);
      if (t3 == "，" || t3 == "、" || t3 == "；") {
        sep = true;
        i += 2;
      }
    }
    if (sep) {
      if (auto s = flush(); !s) return Fail(s.error());
    } else {
      current.push_back(c);
    }
  }
  if (auto s = flush(); !s) return Fail(s.error());
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  return tags;
}

Status ApplyIdentity(const PersonInput& in, Person& p, Date today) {
  if (in.doc_type) {
    auto t = ParseDocumentType(Trim(*in.doc_type));
    if (!t) {
      return Fail(Invalid("doc_type", *in.doc_type, "unknown document type",
                          "未知的证件类型"));
    }
    p.doc_type = *t;
  }
  if (in.doc_number) {
    if (p.doc_type == DocumentType::kResidentId) {
      auto id = ParseIdentityNumber(*in.doc_number, today, "id_number");
      if (!id) return Fail(id.error());
      p.doc_number = id->value;
    } else {
      std::string n = NormalizeAsciiWidth(*in.doc_number);
      bool ok = n.size() >= 5 && n.size() <= 32;
      for (char c : n) ok = ok && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
      if (!ok) {
        return Fail(Invalid("doc_number", *in.doc_number,
                            "document number must be 5-32 letters or digits",
                            "证件号码应为5至32位字母或数字", "invalid_doc_number"));
      }
      p.doc_number = n;
    }
  }
  if (p.doc_number.empty()) {
    return Fail(Invalid("id_number", "", "identity or document number is required",
                        "证件号码不能为空", "required"));
  }
  return {};
}

Status ApplyBirthAndSex(const PersonInput& in, Person& p, Date today) {
  std::optional<IdentityNumber> id;
  if (p.doc_type == DocumentType::kResidentId) {
    auto parsed = ParseIdentityNumber(p.doc_number, today);
    if (parsed) id = *parsed;
  }
  if (in.birth_date && !Trim(*in.birth_date).empty()) {
    auto d = Date::Parse(Trim(*in.birth_date));
    if (!d) {
      return Fail(Invalid("birth_date", *in.birth_date,
                          "birth date must be a real date written YYYY-MM-DD or YYYYMMDD",
                          "出生日期应为真实日期，格式为YYYY-MM-DD或YYYYMMDD"));
    }
    if (*d > today) {
      return Fail(Invalid("birth_date", *in.birth_date, "birth date is in the future",
                          "出生日期晚于今天"));
    }
    if (id && id->birth_date != *d) {
      return Fail(Invalid("birth_date", *in.birth_date,
                          "birth date differs from the one in the identity number (" +
                              id->birth_date.Iso() + ")",
                          "出生日期与身份证号中的出生日期（" + id->birth_date.Iso() + "）不一致"));
    }
    p.birth_date = *d;
  } else if (id) {
    p.birth_date = id->birth_date;
  } else if (p.birth_date == Date()) {
    return Fail(Invalid("birth_date", "", "birth date is required for this document type",
                        "非身份证人员必须填写出生日期", "required"));
  }
  if (id) p.birth_date = id->birth_date;
  if (in.sex && !Trim(*in.sex).empty()) {
    Sex s = ParseSex(Trim(*in.sex));
    if (s == Sex::kUnknown) {
      return Fail(Invalid("sex", *in.sex, "sex must be 男/女 (M/F)", "性别应为男或女"));
    }
    if (id && id->sex != s) {
      return Fail(Invalid("sex", *in.sex, "sex differs from the one in the identity number",
                          "性别与身份证号不一致"));
    }
    p.sex = s;
  }
  if (id) p.sex = id->sex;
  return {};
}

Status ApplyContact(const PersonInput& in, Person& p) {
  if (in.name) {
    std::string name = Trim(*in.name);
    size_t len = Utf8Length(name);
    if (name.empty()) return Fail(Invalid("name", *in.name, "name is required", "姓名不能为空", "required"));
    if (!IsValidUtf8(name) || len > 50) {
      return Fail(Invalid("name", *in.name, "name must be at most 50 characters of valid text",
                          "姓名不能超过50个字符"));
    }
    for (unsigned char c : name) {
      if (c < 0x20) return Fail(Invalid("name", *in.name, "name contains control characters", "姓名包含控制字符"));
    }
    p.name = name;
  }
  if (p.name.empty()) return Fail(Invalid("name", "", "name is required", "姓名不能为空", "required"));
  if (in.phone) {
    if (Trim(*in.phone).empty()) {
      p.phone.clear();
    } else {
      auto phone = ParseMobilePhone(*in.phone);
      if (!phone) return Fail(phone.error());
      p.phone = *phone;
    }
  }
  if (in.household) {
    std::string h = Trim(*in.household);
    if (Utf8Length(h) > 40) return Fail(Invalid("household", h, "household number must be at most 40 characters", "户号不能超过40个字符"));
    p.household = h;
  }
  return {};
}

Status ApplyPlace(const PersonInput& in, Person& p, const RegionDirectory& regions) {
  if (in.region_code) {
    std::string code = NormalizeAsciiWidth(*in.region_code);
    if (code.size() != 12 && code.size() != 15) {
      return Fail(Invalid("region_code", *in.region_code,
                          "place of residence must be a 12-digit village/community or 15-digit grid code",
                          "居住地应为12位村（社区）或15位网格代码", "invalid_region_code"));
    }
    if (!regions.IsResidentialPlace(code)) {
      return Fail(Invalid("region_code", *in.region_code, "unknown region code",
                          "行政区划代码不存在", "unknown_region"));
    }
    p.region_code = code;
  }
  if (p.region_code.empty()) {
    return Fail(Invalid("region_code", "", "place of residence is required", "居住地区划代码不能为空", "required"));
  }
  if (in.residency && !Trim(*in.residency).empty()) {
    auto r = ParseResidency(Trim(*in.residency));
    if (!r) return Fail(Invalid("residency", *in.residency, "residency must be 常住, 流动 or 人户分离", "居住类型应为常住、流动或人户分离"));
    p.residency = *r;
  }
  return {};
}

Status ApplyWork(const PersonInput& in, Person& p) {
  if (in.employer_id) {
    std::string e = Trim(*in.employer_id);
    if (e.empty()) {
      p.employer_id = 0;
    } else {
      int64_t v = 0;
      bool ok = e.size() <= 18;
      for (char c : e) {
        ok = ok && c >= '0' && c <= '9';
        if (ok) v = v * 10 + (c - '0');
      }
      if (!ok) return Fail(Invalid("employer_id", e, "employer must be an organisation id (digits)", "工作单位编号应为数字"));
      p.employer_id = v;
    }
  }
  if (in.occupation) {
    std::string o = Trim(*in.occupation);
    if (o.empty()) {
      p.occupation.clear();
    } else {
      auto code = MatchCode(OccupationCategories(), o);
      if (!code) return Fail(Invalid("occupation", o, "unknown occupation category", "未知的职业类别"));
      p.occupation = std::string(*code);
    }
  }
  if (in.tags) {
    auto tags = ParseTags(*in.tags);
    if (!tags) return Fail(tags.error());
    p.tags = std::move(*tags);
  }
  return {};
}

}  // namespace

const std::vector<Code>& DocumentTypes() {
  static const std::vector<Code> v = {
      {"resident_id", "Resident identity card", "居民身份证"},
      {"passport", "Passport", "护照"},
      {"hk_macao_permit", "Mainland travel permit for HK/Macao residents", "港澳居民来往内地通行证"},
      {"taiwan_permit", "Mainland travel permit for Taiwan residents", "台湾居民来往大陆通行证"},
      {"foreign_permanent", "Foreign permanent resident ID", "外国人永久居留身份证"},
      {"other", "Other", "其他"}};
  return v;
}
const std::vector<Code>& ResidencyTypes() {
  static const std::vector<Code> v = {{"usual", "Usual resident", "常住"},
                                      {"floating", "Floating", "流动"},
                                      {"away", "Registered here, living elsewhere", "人户分离"}};
  return v;
}
const std::vector<Code>& OccupationCategories() {
  static const std::vector<Code> v = {
      {"cold_chain", "Cold-chain worker", "冷链从业人员"},
      {"port", "Port worker", "口岸人员"},
      {"transport", "Transport worker", "交通运输人员"},
      {"medical", "Medical worker", "医务人员"},
      {"public_servant", "Public servant", "机关事业单位人员"},
      {"service", "Service industry", "服务行业人员"},
      {"labour_intensive", "Labour-intensive industry", "劳动密集型行业人员"},
      {"courier", "Courier", "快递外卖人员"},
      {"teacher", "Teacher", "教师"},
      {"student", "Student", "学生"},
      {"farmer", "Farmer", "农民"},
      {"going_abroad", "Going abroad", "出国人员"},
      {"retired", "Retired", "离退休人员"},
      {"other", "Other", "其他"}};
  return v;
}
const std::vector<Code>& HealthTags() {
  static const std::vector<Code> v = {
      {"chronic", "Chronic disease", "慢性病"},
      {"hypertension", "Hypertension", "高血压"},
      {"diabetes", "Diabetes", "糖尿病"},
      {"heart_disease", "Heart disease", "心脏病"},
      {"copd", "Chronic respiratory disease", "慢性呼吸系统疾病"},
      {"cancer", "Cancer", "肿瘤"},
      {"immunocompromised", "Immunocompromised", "免疫缺陷"},
      {"pregnant", "Pregnant", "孕妇"},
      {"disabled", "Disabled", "残疾"},
      {"bedridden", "Bedridden", "卧床"}};
  return v;
}

const char* DocumentTypeCode(DocumentType t) { return DocumentTypes()[static_cast<int>(t)].code.data(); }
const char* ResidencyCode(ResidencyType r) { return ResidencyTypes()[static_cast<int>(r)].code.data(); }

std::optional<DocumentType> ParseDocumentType(std::string_view s) {
  if (s.empty() || s == "身份证") return DocumentType::kResidentId;
  const auto& v = DocumentTypes();
  for (size_t i = 0; i < v.size(); ++i)
    if (s == v[i].code || s == v[i].zh || s == v[i].en) return static_cast<DocumentType>(i);
  return std::nullopt;
}

std::optional<ResidencyType> ParseResidency(std::string_view s) {
  const auto& v = ResidencyTypes();
  for (size_t i = 0; i < v.size(); ++i)
    if (s == v[i].code || s == v[i].zh || s == v[i].en) return static_cast<ResidencyType>(i);
  if (s == "常住人口" || s == "户籍") return ResidencyType::kUsual;
  if (s == "流动人口") return ResidencyType::kFloating;
  return std::nullopt;
}

uint64_t Person::ContentHash() const {
  uint64_t h = 1469598103934665603ULL;
  h = Fnv1a(h, DocumentTypeCode(doc_type));
  h = Fnv1a(h, doc_number);
  h = Fnv1a(h, name);
  h = Fnv1a(h, SexCode(sex));
  h = Fnv1a(h, birth_date.Iso());
  h = Fnv1a(h, phone);
  h = Fnv1a(h, region_code);
  h = Fnv1a(h, ResidencyCode(residency));
  h = Fnv1a(h, household);
  h = Fnv1a(h, std::to_string(employer_id));
  h = Fnv1a(h, occupation);
  for (const auto& t : tags) h = Fnv1a(h, t);
  return h;
}

Result<Person> IdentityOf(const PersonInput& in, Date today) {
  Person p;
  if (auto s = ApplyIdentity(in, p, today); !s) return Fail(s.error());
  return p;
}

Result<Person> ApplyPersonInput(const PersonInput& in, Person p, Date today,
                                const RegionDirectory& regions) {
  if (auto s = ApplyIdentity(in, p, today); !s) return Fail(s.error());
  if (auto s = ApplyBirthAndSex(in, p, today); !s) return Fail(s.error());
  if (auto s = ApplyContact(in, p); !s) return Fail(s.error());
  if (auto s = ApplyPlace(in, p, regions); !s) return Fail(s.error());
  if (auto s = ApplyWork(in, p); !s) return Fail(s.error());
  return p;
}

}  // namespace fangkong
