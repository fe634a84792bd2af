// The offline verifier of a vaccination record's QR text, on any text, with
// a real key: nothing but a text the key signed may verify.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "vaccination/certificate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string public_key = [] {
    std::string path = "/tmp/fk-fuzz-key-" + std::to_string(::getpid());
    auto key = fangkong::SigningKey::LoadOrCreate(path);
    ::unlink(path.c_str());
    return key ? key->PublicKeyBase64() : std::string();
  }();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)fangkong::VerifyCertificate(text, public_key);
  (void)fangkong::VerifyCertificate(text, text);
  return 0;
}
