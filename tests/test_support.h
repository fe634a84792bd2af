// Helpers shared by the test programs.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "core/id_number.h"

namespace fangkong::testing {

// A TCP port on 127.0.0.1 that was free a moment ago (for a test server).
inline unsigned short FreePort() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  unsigned short port = ntohs(a.sin_port);
  close(s);
  return port;
}

// A valid identity number for region `prefix`, birth date and sequence (odd = male).
inline std::string MakeId(const std::string& prefix, const std::string& yyyymmdd, int seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%s%03d", prefix.c_str(), yyyymmdd.c_str(), seq % 1000);
  std::string id = buf;
  id.push_back(IdentityCheckCharacter(id));
  return id;
}

// Engines to run contract tests on: always SQLite, PostgreSQL when
// FANGKONG_TEST_PG holds a server URL (./test starts one).
inline std::string PostgresUrl() {
  const char* url = std::getenv("FANGKONG_TEST_PG");
  return url ? url : "";
}

}  // namespace fangkong::testing
