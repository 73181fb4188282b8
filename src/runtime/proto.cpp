#include "runtime/proto.h"

#include "runtime/heap.h"

namespace kiln {

CallStubs g_call_stubs;

void set_call_entries(Proto* p) {
  p->tail_call_entry = p->native_entry ? p->native_entry : g_call_stubs.interp_tail_call;
  if (p->native_lazy_entry)
    p->call_entry = p->native_lazy_entry;
  else
    p->call_entry = p->native_entry ? g_call_stubs.call_with_record : g_call_stubs.interp_call;
}

void retire_native_code(Proto* p) {
  auto* r = static_cast<RetiredCode*>(gc_alloc(sizeof(RetiredCode)));
  *r = RetiredCode{p->native_entry, p->native_size, p->native_locs, p->num_native_locs, p->retired_code};
  p->retired_code = r;
  p->native_entry = nullptr;
  p->native_lazy_entry = nullptr;
  set_call_entries(p);
  p->native_osr = nullptr;
  p->num_native_osr = 0;
}

SrcLoc proto_loc_at(const Proto* p, const void* pc, bool native) {
  const auto* base = static_cast<const char*>(native ? p->native_entry : static_cast<const void*>(p->code));
  const auto* at = static_cast<const char*>(pc);
  const PcLoc* locs = native ? p->native_locs : p->pc_locs;
  uint32_t count = native ? p->num_native_locs : p->num_pc_locs;
  if (native && base && !(at > base && at <= base + p->native_size)) {
    // Not the current code: a retired version that contains pc, if any.
    for (const RetiredCode* r = p->retired_code; r; r = r->older) {
      const auto* entry = static_cast<const char*>(r->entry);
      if (at > entry && at <= entry + r->size) {
        base = entry;
        locs = r->locs;
        count = r->num_locs;
        break;
      }
    }
  }
  if (!pc || !base || at <= base) return p->loc;
  uint32_t offset = static_cast<uint32_t>(native ? at - base : (at - base) / sizeof(uint32_t));
  // The last entry starting strictly before `pc`.
  uint32_t lo = 0, hi = count;
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
