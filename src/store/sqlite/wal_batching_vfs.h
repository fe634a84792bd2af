// A SQLite VFS that writes each commit's WAL frames with one system call.
//
// SQLite appends a commit to the write-ahead log frame by frame, each frame
// in two writes (its 24-byte header, then the page): a commit of 20 pages is
// 40 pwrite calls, and on a virtual machine each costs microseconds in the
// writer, which every queued write waits for (bench/RESULTS.md). This VFS
// wraps the default one and, for WAL files only, gathers writes that follow
// each other into a buffer which it writes out in one call:
//   - when the commit frame is complete (its header carries the database
//     size, which only a commit frame does), inside that xWrite, so a failed
//     write fails the commit. SQLite publishes the new frames to readers
//     (the wal-index header) only after that, so readers and checkpointers
//     never look for frames that are not in the file yet;
//   - before anything else touches the file: a write elsewhere, a read (the
//     writer re-reading a page it spilled mid-transaction), sync, truncate,
//     size, close, file controls;
//   - when the buffer passes 4 MiB (a huge transaction).
// Every other file (the database, its shared memory) is the default VFS's.
// Durability is unchanged: what returned from a commit is in the kernel
// either way, and with synchronous=FULL the sync comes after the flush.
#pragma once

namespace fangkong::sqlite {

// The VFS's name, registered (once, thread-safely) by the first call.
const char* WalBatchingVfs();

}  // namespace fangkong::sqlite
