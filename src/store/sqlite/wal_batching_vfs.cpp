#include "store/sqlite/wal_batching_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <new>
#include <string>

namespace fangkong::sqlite {

namespace {

constexpr int kFrameHeaderBytes = 24;  // WAL_FRAME_HDRSIZE in SQLite's wal.c
constexpr size_t kMaxBuffered = size_t{4} << 20;
constexpr size_t kReserved = size_t{512} << 10;  // a commit of ~120 pages, reserved by writers only

sqlite3_vfs* root = nullptr;  // the default VFS, set once before registering

// A WAL file: the real (default VFS) file, and writes not yet passed to it.
struct WalFile {
  sqlite3_file base;  // first: SQLite sees a WalFile as a sqlite3_file
  sqlite3_file* real;
  std::string* pending;  // bytes for the file at pending_at (heap: WalFile is raw memory)
  sqlite3_int64 pending_at;
  bool commit_frame_next;  // the last write was a commit frame's header
};

WalFile* Wal(sqlite3_file* f) { return reinterpret_cast<WalFile*>(f); }

// The unix VFS writes at most 128 KiB - 1 per call (it masks larger sizes
// and then reports a short write as a full disk), so large buffers go in
// pieces.
constexpr size_t kMaxWrite = 0x1f000;

int Flush(WalFile* w) {
  int rc = SQLITE_OK;
  for (size_t done = 0; done < w->pending->size() && rc == SQLITE_OK; done += kMaxWrite) {
    size_t n = std::min(kMaxWrite, w->pending->size() - done);
    rc = w->real->pMethods->xWrite(w->real, w->pending->data() + done, static_cast<int>(n),
                                   w->pending_at + static_cast<sqlite3_int64>(done));
  }
  w->pending->clear();
  return rc;
}

// A frame header whose second word (the database size after the commit) is
// not zero starts a commit frame.
bool IsCommitFrameHeader(const void* data, int amount, sqlite3_int64 offset) {
  if (amount != kFrameHeaderBytes || offset < 32) return false;
  const auto* b = static_cast<const unsigned char*>(data);
  return (b[4] | b[5] | b[6] | b[7]) != 0;
}

int WalWrite(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  WalFile* w = Wal(f);
  auto end = w->pending_at + static_cast<sqlite3_int64>(w->pending->size());
  if (!w->pending->empty() && offset != end) {
    if (int rc = Flush(w); rc != SQLITE_OK) return rc;
  }
  if (w->pending->empty()) {
    w->pending_at = offset;
    if (w->pending->capacity() < kReserved) w->pending->reserve(kReserved);  // no regrowth copies
  }
  w->pending->append(static_cast<const char*>(data), static_cast<size_t>(amount));
  bool commit_complete = w->commit_frame_next;
  w->commit_frame_next = IsCommitFrameHeader(data, amount, offset);
  if (commit_complete || w->pending->size() >= kMaxBuffered) return Flush(w);
  return SQLITE_OK;
}

int WalClose(sqlite3_file* f) {
  WalFile* w = Wal(f);
  int flushed = Flush(w);
  int rc = w->real->pMethods ? w->real->pMethods->xClose(w->real) : SQLITE_OK;
  delete w->pending;
  w->pending = nullptr;
  return flushed != SQLITE_OK ? flushed : rc;
}

// The other methods flush first, then do what the real file does.
int WalRead(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  WalFile* w = Wal(f);
  if (int rc = Flush(w); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xRead(w->real, out, amount, offset);
}
int WalTruncate(sqlite3_file* f, sqlite3_int64 size) {
  WalFile* w = Wal(f);
  if (int rc = Flush(w); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xTruncate(w->real, size);
}
int WalSync(sqlite3_file* f, int flags) {
  WalFile* w = Wal(f);
  if (int rc = Flush(w); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xSync(w->real, flags);
}
int WalFileSize(sqlite3_file* f, sqlite3_int64* size) {
  WalFile* w = Wal(f);
  if (int rc = Flush(w); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xFileSize(w->real, size);
}
int WalFileControl(sqlite3_file* f, int op, void* arg) {
  WalFile* w = Wal(f);
  if (int rc = Flush(w); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xFileControl(w->real, op, arg);
}
int WalLock(sqlite3_file* f, int level) {
  return Wal(f)->real->pMethods->xLock(Wal(f)->real, level);
}
int WalUnlock(sqlite3_file* f, int level) {
  return Wal(f)->real->pMethods->xUnlock(Wal(f)->real, level);
}
int WalCheckReservedLock(sqlite3_file* f, int* out) {
  return Wal(f)->real->pMethods->xCheckReservedLock(Wal(f)->real, out);
}
int WalSectorSize(sqlite3_file* f) { return Wal(f)->real->pMethods->xSectorSize(Wal(f)->real); }
int WalDeviceCharacteristics(sqlite3_file* f) {
  return Wal(f)->real->pMethods->xDeviceCharacteristics(Wal(f)->real);
}

// Version 1: SQLite uses shared memory and memory maps of the database file
// only, never of its WAL.
const sqlite3_io_methods kWalMethods = {
    1,
    WalClose,
    WalRead,
    WalWrite,
    WalTruncate,
    WalSync,
    WalFileSize,
    WalLock,
    WalUnlock,
    WalCheckReservedLock,
    WalFileControl,
    WalSectorSize,
    WalDeviceCharacteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

// The real file sits after the WalFile, aligned as malloc would align it.
constexpr size_t kRealOffset = (sizeof(WalFile) + alignof(std::max_align_t) - 1) /
                               alignof(std::max_align_t) * alignof(std::max_align_t);

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  if (!(flags & SQLITE_OPEN_WAL)) return root->xOpen(root, name, f, flags, out_flags);
  WalFile* w = Wal(f);
  w->base.pMethods = nullptr;  // until the real file is open: no xClose
  w->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + kRealOffset);
  int rc = root->xOpen(root, name, w->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (w->real->pMethods) w->real->pMethods->xClose(w->real);
    return rc;
  }
  w->pending = new (std::nothrow) std::string();
  if (!w->pending) {
    w->real->pMethods->xClose(w->real);
    return SQLITE_NOMEM;
  }
  w->pending_at = 0;
  w->commit_frame_next = false;
  w->base.pMethods = &kWalMethods;
  return SQLITE_OK;
}

// Everything else is the default VFS's.
int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return root->xDelete(root, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return root->xAccess(root, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return root->xFullPathname(root, name, n, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return root->xDlOpen(root, name); }
void DlError(sqlite3_vfs*, int n, char* out) { root->xDlError(root, n, out); }
void (*DlSym(sqlite3_vfs*, void* lib, const char* symbol))(void) {
  return root->xDlSym(root, lib, symbol);
}
void DlClose(sqlite3_vfs*, void* lib) { root->xDlClose(root, lib); }
int Randomness(sqlite3_vfs*, int n, char* out) { return root->xRandomness(root, n, out); }
int Sleep(sqlite3_vfs*, int micros) { return root->xSleep(root, micros); }
int CurrentTime(sqlite3_vfs*, double* out) { return root->xCurrentTime(root, out); }
int GetLastError(sqlite3_vfs*, int n, char* out) { return root->xGetLastError(root, n, out); }
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return root->xCurrentTimeInt64(root, out);
}

sqlite3_vfs vfs;

}  // namespace

const char* WalBatchingVfs() {
  static std::once_flag once;
  std::call_once(once, [] {
    root = sqlite3_vfs_find(nullptr);
    vfs.iVersion = 2;
    vfs.szOsFile = static_cast<int>(kRealOffset) + root->szOsFile;
    vfs.mxPathname = root->mxPathname;
    vfs.zName = "fangkong-wal-batching";
    vfs.xOpen = Open;
    vfs.xDelete = Delete;
    vfs.xAccess = Access;
    vfs.xFullPathname = FullPathname;
    vfs.xDlOpen = DlOpen;
    vfs.xDlError = DlError;
    vfs.xDlSym = DlSym;
    vfs.xDlClose = DlClose;
    vfs.xRandomness = Randomness;
    vfs.xSleep = Sleep;
    vfs.xCurrentTime = CurrentTime;
    vfs.xGetLastError = GetLastError;
    vfs.xCurrentTimeInt64 = CurrentTimeInt64;
    sqlite3_vfs_register(&vfs, 0);
  });
  return vfs.zName;
}

}  // namespace fangkong::sqlite
