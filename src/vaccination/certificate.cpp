#include "vaccination/certificate.h"

#include <sodium.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/id_number.h"

namespace fangkong {

namespace {

constexpr std::string_view kPrefix = "FK1.";

void InitSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

Error BadCertificate(std::string_view value, std::string en, std::string zh) {
  return Error::Invalid("invalid_certificate", "certificate", value.substr(0, 40), std::move(en), std::move(zh));
}

}  // namespace

Result<SigningKey> SigningKey::LoadOrCreate(const std::string& path) {
  InitSodium();
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::stringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    if (bytes.size() != crypto_sign_SECRETKEYBYTES + crypto_sign_PUBLICKEYBYTES) {
      return Fail(Error::Internal("the signing key file " + path + " is damaged (wrong size)"));
    }
    return SigningKey(bytes.substr(0, crypto_sign_SECRETKEYBYTES), bytes.substr(crypto_sign_SECRETKEYBYTES));
  }
  std::string secret(crypto_sign_SECRETKEYBYTES, '\0'), pub(crypto_sign_PUBLICKEYBYTES, '\0');
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(pub.data()), reinterpret_cast<unsigned char*>(secret.data()));
  // A server on PostgreSQL may have no data directory yet.
  std::error_code ignored;
  auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ignored);
  // Created readable by the owner only from the start (no moment with the
  // default permissions), and never over a key another process just wrote.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    return Fail(Error::Internal((errno == EEXIST ? "the signing key file cannot be read: "
                                                 : "cannot create the signing key file ") + path));
  }
  std::string bytes = secret + pub;
  bool written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  if (::close(fd) != 0 || !written) {
    return Fail(Error::Internal("cannot write the signing key file " + path));
  }
  return SigningKey(std::move(secret), std::move(pub));
}

std::string SigningKey::Sign(std::string_view message) const {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(secret_.data()));
  return sig;
}

std::string SigningKey::PublicKeyBase64() const { return Base64UrlEncode(public_); }

std::string Base64UrlEncode(std::string_view bytes) {
  InitSodium();
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), variant);
  out.resize(std::strlen(out.c_str()));
  return out;
}

Result<std::string> Base64UrlDecode(std::string_view text, std::string_view field) {
  InitSodium();
  std::string out(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return Fail(Error::Invalid("invalid_base64", std::string(field), text.substr(0, 40),
                               "not URL-safe base64", "不是有效的base64编码"));
  }
  out.resize(len);
  return out;
}

std::string CertificatePayload(const Person& p, const std::vector<DoseRecord>& doses,
                               const std::string& issuer, int64_t issued_at) {
  boost::json::array ds;
  for (const auto& d : doses) {
    ds.push_back(boost::json::object{{"p", d.product}, {"n", d.dose_number}, {"d", d.date.Iso()}, {"lot", d.lot}});
  }
  boost::json::object o;
  o["v"] = 1;
  o["name"] = p.name;
  o["id"] = MaskIdentityNumber(p.doc_number);
  o["birth"] = p.birth_date.Iso();
  o["doses"] = std::move(ds);
  o["iss"] = issuer;
  o["iat"] = issued_at;
  return boost::json::serialize(o);
}

std::string CertificateQrText(const std::string& payload, const SigningKey& key) {
  return std::string(kPrefix) + Base64UrlEncode(payload) + "." + Base64UrlEncode(key.Sign(payload));
}

Result<std::string> VerifyCertificate(std::string_view qr, std::string_view public_key) {
  InitSodium();
  if (qr.substr(0, kPrefix.size()) != kPrefix) {
    return Fail(BadCertificate(qr, "not a Fangkong vaccination record (it should start with FK1.)",
                               "不是防控平台的接种凭证（应以FK1.开头）"));
  }
  std::string_view rest = qr.substr(kPrefix.size());
  size_t dot = rest.find('.');
  if (dot == std::string_view::npos) {
    return Fail(BadCertificate(qr, "the record has no signature part", "凭证缺少签名部分"));
  }
  auto payload = Base64UrlDecode(rest.substr(0, dot), "certificate");
  if (!payload) return Fail(BadCertificate(qr, "the record part is not valid base64", "凭证内容编码无效"));
  auto sig = Base64UrlDecode(rest.substr(dot + 1), "certificate");
  if (!sig || sig->size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return Fail(BadCertificate(qr, "the signature or the public key has the wrong length", "签名或公钥长度错误"));
  }
  if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                  reinterpret_cast<const unsigned char*>(payload->data()), payload->size(),
                                  reinterpret_cast<const unsigned char*>(public_key.data())) != 0) {
    return Fail(BadCertificate(qr, "the signature does not match: the record was altered or signed by another key",
                               "签名不符：凭证被篡改或非本机构签发"));
  }
  return *payload;
}

}  // namespace fangkong
