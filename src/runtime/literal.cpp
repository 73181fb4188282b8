#include "runtime/literal.h"

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "runtime/c_stack.h"
#include "runtime/error.h"
#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/srcloc.h"

namespace kiln {

uint64_t g_literal_index = ~uint64_t{0};

namespace {

constexpr size_t kRangeSize = size_t{1} << kLiteralShift;
Pair* range_start = nullptr;
Pair* range_next = nullptr;  // the bump pointer
Pair* range_end = nullptr;

void literal_roots(void*** lo, void*** hi) {
  *lo = reinterpret_cast<void**>(range_start);
  *hi = reinterpret_cast<void**>(range_next);
}

Pair* new_literal_pair() {
  if (range_next == range_end) error("out of memory for literal constants (quoted data is never freed)", {});
  return range_next++;
}

// One freeze: `done` maps each pair and vector met so far (its raw word) to
// its frozen form, which is what keeps shared structure shared and cycles
// cycles. The originals are reachable from the datum being frozen, and the
// copies are literal pairs, which are never freed, so the map needs no
// GC-visible storage.
class Freezer {
 public:
  explicit Freezer(SrcLoc where) : where_(where) {}

  Value freeze(Value v) {
    if (c_stack_low()) nesting_error(where_, "literal");
    if (v.is_pair()) return freeze_pair(v);
    if (!v.is_object()) return v;
    switch (v.as_object()->type()) {
      case Type::Vector: {
        auto [it, fresh] = done_.emplace(v.raw, v);
        if (!fresh) return v;
        v.as_object()->set_immutable();
        for (int64_t i = 0; i < vector_length(v); ++i) vector_items(v)[i] = freeze(vector_items(v)[i]);
        return v;
      }
      case Type::String:
      case Type::Bytevector:
        v.as_object()->set_immutable();
        return v;
      default:
        return v;
    }
  }

 private:
  // Down the spine iteratively (long lists must not recurse deeply), into
  // the cars recursively.
  Value freeze_pair(Value v) {
    if (is_literal_pair(v)) return v;
    if (auto it = done_.find(v.raw); it != done_.end()) return it->second;
    Value head = copy_of(v);
    Value tail = head;
    for (;;) {
      tail.as_pair()->car = freeze(car(v));
      Value next = cdr(v);
      if (!next.is_pair() || is_literal_pair(next) || done_.count(next.raw)) {
        tail.as_pair()->cdr = freeze(next);
        return head;
      }
      Value cell = copy_of(next);
      tail.as_pair()->cdr = cell;
      tail = cell;
      v = next;
    }
  }

  // A new literal pair for the pair `v`, entered in `done_`, its fields
  // still to be filled (#f until then: the root scan may see it).
  Value copy_of(Value v) {
    Pair* p = new_literal_pair();
    p->car = kFalse;
    p->cdr = kFalse;
    Value copy = Value::pair(p);
    done_.emplace(v.raw, copy);
    SrcLoc loc = srcloc_of(v);
    if (loc.known()) srcloc_record(copy, loc);
    return copy;
  }

  std::unordered_map<uint64_t, Value> done_;
  SrcLoc where_;  // the quote, named when the datum is too deep
};

}  // namespace

void literal_init() {
  if (range_start) return;
  // Twice the size, then the unaligned ends given back: an aligned range.
  void* p = mmap(nullptr, 2 * kRangeSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    std::fprintf(stderr, "kiln: cannot reserve the literal range\n");
    std::exit(70);
  }
  uintptr_t base = reinterpret_cast<uintptr_t>(p);
  uintptr_t start = (base + kRangeSize - 1) & ~(kRangeSize - 1);
  if (start > base) munmap(p, start - base);
  uintptr_t end = start + kRangeSize;
  if (base + 2 * kRangeSize > end) munmap(reinterpret_cast<void*>(end), base + 2 * kRangeSize - end);
  range_start = range_next = reinterpret_cast<Pair*>(start);
  range_end = reinterpret_cast<Pair*>(end);
  g_literal_index = start >> kLiteralShift;
  gc_add_dynamic_roots(literal_roots);
}

bool is_literal(Value v) {
  if (v.is_pair()) return is_literal_pair(v);
  return v.is_object() && v.as_object()->immutable();
}

Value freeze_literal(Value datum, SrcLoc where) { return Freezer(where).freeze(datum); }

}  // namespace kiln
