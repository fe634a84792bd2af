// A printable vaccination record whose QR code carries the record signed with
// an Ed25519 key (libsodium), so anyone holding the public key can check it
// offline (`fangkong verify`). The QR text is
//   FK1.<base64url(payload JSON)>.<base64url(signature of the payload bytes)>
// and the payload names the person (name, masked identity number, birth
// date), the doses (product, dose number, date, lot) and the issuer.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "registry/person.h"
#include "vaccination/dose.h"

namespace fangkong {

// An Ed25519 key pair kept in a file (secret key, then public key, 96 bytes);
// created there on first use with permissions 0600.
class SigningKey {
 public:
  // Fails (kInternal) if the file can be neither read nor created.
  static Result<SigningKey> LoadOrCreate(const std::string& path);
  static SigningKey FromBytes(std::string secret, std::string pub) { return SigningKey(std::move(secret), std::move(pub)); }
  std::string Sign(std::string_view message) const;  // 64-byte detached signature
  const std::string& public_key() const { return public_; }
  std::string PublicKeyBase64() const;

 private:
  SigningKey(std::string secret, std::string pub) : secret_(std::move(secret)), public_(std::move(pub)) {}
  std::string secret_, public_;
};

std::string Base64UrlEncode(std::string_view bytes);
Result<std::string> Base64UrlDecode(std::string_view text, std::string_view field);

// The payload of a person's record (compact JSON, stable key order).
std::string CertificatePayload(const Person& p, const std::vector<DoseRecord>& doses,
                               const std::string& issuer, int64_t issued_at);
std::string CertificateQrText(const std::string& payload, const SigningKey& key);

// Checks a QR text against a public key: the payload JSON when authentic and
// unaltered, otherwise an error saying what is wrong (format, signature).
Result<std::string> VerifyCertificate(std::string_view qr_text, std::string_view public_key);

}  // namespace fangkong
