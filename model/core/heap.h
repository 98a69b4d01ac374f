#pragma once

namespace campdesk {

// Called first thing in main(): the process keeps up to 32 MiB of freed heap for its next allocations instead of
// handing it back to the kernel at once.
//
// SQLite gives every temporary B-tree (a sort, a UNION's rows) a page cache of its own, allocated and freed within
// the statement. With glibc's default (give back anything over 128 KiB), each such statement grew and shrank the
// heap again: a page fault for every page, and a TLB flush on every core the process runs on. bench_booking on the
// million-reservation SQLite set booked twice as fast with this (docs/performance.md, stop 26).
void keepFreedHeapForReuse();

} // namespace campdesk
