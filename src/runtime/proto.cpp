#include "runtime/proto.h"

#include "runtime/heap.h"

namespace kiln {

SrcLoc proto_loc_at(const Proto* p, const uint32_t* pc) {
  if (!pc || pc <= p->code) return p->loc;
  uint32_t offset = static_cast<uint32_t>(pc - p->code);
  // The last entry starting strictly before `pc`.
  uint32_t lo = 0, hi = p->num_pc_locs;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (p->pc_locs[mid].pc < offset)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo == 0 ? p->loc : p->pc_locs[lo - 1].loc;
}

std::string proto_display_name(const Proto* p) {
  if (is_symbol(p->name)) return symbol_to_utf8(p->name);
  return "<lambda>";
}

}  // namespace kiln
