#include "runtime/proto.h"

#include "runtime/heap.h"

namespace kiln {

SrcLoc proto_loc_at(const Proto* p, const void* pc, bool native) {
  const auto* base = static_cast<const char*>(native ? p->native_entry : static_cast<const void*>(p->code));
  const auto* at = static_cast<const char*>(pc);
  if (!pc || !base || at <= base) return p->loc;
  uint32_t offset = static_cast<uint32_t>(native ? at - base : (at - base) / sizeof(uint32_t));
  const PcLoc* locs = native ? p->native_locs : p->pc_locs;
  // The last entry starting strictly before `pc`.
  uint32_t lo = 0, hi = native ? p->num_native_locs : p->num_pc_locs;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (locs[mid].pc < offset)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo == 0 ? p->loc : locs[lo - 1].loc;
}

std::string proto_display_name(const Proto* p) {
  if (is_symbol(p->name)) return symbol_to_utf8(p->name);
  return "<lambda>";
}

}  // namespace kiln
