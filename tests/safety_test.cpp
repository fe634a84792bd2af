// Vaccine-safety rules that need no server: what makes a case serious, the
// code tables, and the one-SMS alert text.
#include <gtest/gtest.h>

#include "alerts/alert.h"
#include "vaccination/aefi.h"

namespace fangkong {
namespace {

TEST(Aefi, DeathAnaphylaxisOrSevereMakeACaseSeriousWhateverWasTicked) {
  AefiReport r;
  r.symptoms = {"fever"};
  EXPECT_FALSE(IsSerious(r));
  r.serious = true;
  EXPECT_TRUE(IsSerious(r));
  r.serious = false;
  r.severity = AefiSeverity::kSevere;
  EXPECT_TRUE(IsSerious(r));
  r.severity = AefiSeverity::kModerate;
  r.outcome = AefiOutcome::kDied;
  EXPECT_TRUE(IsSerious(r));
  r.outcome = AefiOutcome::kRecovered;
  r.symptoms = {"rash", "anaphylaxis"};
  EXPECT_TRUE(IsSerious(r));
}

TEST(Aefi, EveryCodeReadsBackAsItself) {
  for (auto c : {AefiClass::kPending, AefiClass::kCommonReaction, AefiClass::kRareReaction,
                 AefiClass::kQualityDefect, AefiClass::kProgrammeError, AefiClass::kCoincidental,
                 AefiClass::kAnxiety, AefiClass::kUndetermined}) {
    EXPECT_EQ(ParseAefiClass(AefiClassCode(c)), c);
    EXPECT_STRNE(AefiClassZh(c), "");
  }
  for (auto o : {AefiOutcome::kRecovering, AefiOutcome::kRecovered, AefiOutcome::kSequelae,
                 AefiOutcome::kDied, AefiOutcome::kUnknown}) {
    EXPECT_EQ(ParseAefiOutcome(AefiOutcomeCode(o)), o);
  }
  EXPECT_FALSE(ParseAefiSeverity("Severe"));
  EXPECT_FALSE(ParseAefiClass(""));
}

TEST(Alerts, TheTextMessageFitsOneSmsWithoutSplittingACharacter) {
  Alert a;
  a.title = "严重疑似预防接种异常反应";
  a.body = std::string(200, 'x') + "请立即组织调查诊断";
  std::string text = SmsNotifier::Text(a);
  size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  EXPECT_EQ(chars, 70u);
  EXPECT_EQ(text.rfind("【防控】", 0), 0u);
  a.body = "短";
  EXPECT_EQ(SmsNotifier::Text(a), "【防控】严重疑似预防接种异常反应：短");
}

struct FakeGateway : SmsGateway {
  std::vector<std::pair<std::string, std::string>> sent;
  Status Send(const std::string& phone, const std::string& text) override {
    sent.emplace_back(phone, text);
    if (phone == "000") return Fail(Error::Internal("gateway refused"));
    return {};
  }
};

TEST(Alerts, EveryDutyPhoneIsTextedEvenWhenOneFails) {
  auto gateway = std::make_shared<FakeGateway>();
  SmsNotifier sms(gateway, {"000", "13800000001"});
  Alert a;
  a.title = "测试";
  sms.Notify(a);
  ASSERT_EQ(gateway->sent.size(), 2u);
  EXPECT_EQ(gateway->sent[1].first, "13800000001");
}

}  // namespace
}  // namespace fangkong
