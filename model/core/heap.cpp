#include "core/heap.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace campdesk {

void keepFreedHeapForReuse()
{
#if defined(__GLIBC__)
    // Setting one threshold stops glibc from moving both by itself; blocks up to 4 MiB (a page of rows, an export's
    // buffer) come from the heap too, instead of a mapping made and unmade for each.
    mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
#endif
}

} // namespace campdesk
