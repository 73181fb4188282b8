// Watchpoints on global cells: machine code that assumes a global's value.
//
// A compiled function may specialize on what a global holds when it is
// compiled: a call of a global that holds a compiled closure enters that
// closure's code directly, and a call of a global that holds a foreign
// procedure calls the C function itself (jit/README.md). Instead of
// checking the global on every call, such code registers a *site* on the
// cell: a 5-byte no-op that falls through to the specialized path. Any
// store to a watched cell first *invalidates* every site (the JIT
// overwrites each no-op with a `jmp rel32` to its out-of-line generic path)
// and then stores; so code only ever runs its specialized path while the
// cell still holds the value it specialized on. Patching the code in place
// is what keeps activations already running it (frames that will return
// into it, loops in it) correct: they run the patched bytes.
//
// Invariants: every store to `Cell::value` of an existing cell goes through
// assign_cell (the VM's global-set and global-define, machine code's store,
// which tests `watch` inline and calls a helper when it is set, C++);
// a site is registered only after its code is installed, and once patched
// it stays generic (invalidation empties the cell's list; code compiled
// later may watch the cell again, specializing on its new value).
#pragma once

#include <cstdint>

#include "runtime/object.h"

namespace kiln {

/// A patchable site: the 5 bytes at `code + at` are a no-op; invalidated,
/// they become a jump to `code + target`. `code` is the start of the
/// function's machine code (as CodeMemory handed it out).
struct WatchSite {
  const void* code;
  uint32_t at;
  uint32_t target;
};

/// A cell's sites. GC memory holding no Scheme value (allocated atomic),
/// reachable only from its cell; grown by copying.
struct CellWatch {
  uint32_t count;
  uint32_t capacity;
  WatchSite sites[];
};

/// Adds `site` to the sites that assume `c`'s current value.
void watch_cell(Cell* c, const WatchSite& site);

/// Patches every site watching `c` (through TierConfig::invalidate_site)
/// and forgets them. Counted in TierStats::invalidations.
void invalidate_cell(Cell* c);

/// The only way to change a cell's value once it exists. A store of the
/// value the cell already holds invalidates nothing.
inline void assign_cell(Cell* c, Value v) {
  if (c->watch && c->value != v) [[unlikely]]
    invalidate_cell(c);
  c->value = v;
}

}  // namespace kiln
