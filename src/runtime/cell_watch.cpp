#include "runtime/cell_watch.h"

#include <cstring>

#include "runtime/gc.h"
#include "runtime/tier.h"

namespace kiln {

void watch_cell(Cell* c, const WatchSite& site) {
  CellWatch* w = c->watch;
  if (!w || w->count == w->capacity) {
    uint32_t capacity = w ? 2 * w->capacity : 4;
    auto* grown = static_cast<CellWatch*>(gc_alloc_atomic(sizeof(CellWatch) + capacity * sizeof(WatchSite)));
    grown->count = w ? w->count : 0;
    grown->capacity = capacity;
    if (w) std::memcpy(grown->sites, w->sites, w->count * sizeof(WatchSite));
    c->watch = w = grown;
  }
  w->sites[w->count++] = site;
}

void invalidate_cell(Cell* c) {
  CellWatch* w = c->watch;
  c->watch = nullptr;
  if (!w) return;
  for (uint32_t i = 0; i < w->count; ++i) g_tier.invalidate_site(w->sites[i]);
  g_tier.stats.invalidations += w->count;
}

}  // namespace kiln
