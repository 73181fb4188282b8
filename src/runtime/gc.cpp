#include "runtime/gc.h"

#include "runtime/literal.h"

#include <gc/gc.h>
#include <gc/gc_inline.h>
#include <gc/gc_mark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

namespace kiln {

unsigned gc_stress_interval = 0;
bool gc_no_spare = false;
// The collector's heap block size: it accepts displacements below it only.
static constexpr size_t kNoSpareMaxOffset = 4096;
static unsigned stress_countdown = 0;
static unsigned stress_requested = 0;  // KILN_GC_STRESS, counted from gc_begin_stress
// The collector kinds of the small-object lists (gc.h).
static int exact_kind = -1;
static int header_only_kind = -1;

static constexpr int kMaxDynamicRoots = 8;
static RootRangeFn dynamic_roots[kMaxDynamicRoots];
static int dynamic_root_count = 0;
static GC_push_other_roots_proc previous_push_other_roots = nullptr;

static void push_dynamic_roots() {
  if (previous_push_other_roots) previous_push_other_roots();
  for (int i = 0; i < dynamic_root_count; ++i) {
    void** lo = nullptr;
    void** hi = nullptr;
    dynamic_roots[i](&lo, &hi);
    if (lo && hi > lo) GC_push_all_eager(lo, hi);
  }
}

void gc_add_dynamic_roots(RootRangeFn fn) {
  if (dynamic_root_count == kMaxDynamicRoots) {
    std::fprintf(stderr, "kiln: internal error: too many dynamic root ranges\n");
    std::abort();
  }
  dynamic_roots[dynamic_root_count++] = fn;
}

static inline void maybe_stress() {
  if (gc_stress_interval && --stress_countdown == 0) {
    stress_countdown = gc_stress_interval;
    GC_gcollect();
  }
}

/// `bytes` is 0 when the size is unknown (operator new's handler).
[[noreturn]] static void out_of_memory(size_t bytes) {
  if (bytes) std::fprintf(stderr, "kiln: out of memory (allocating %zu bytes)\n", bytes);
  else std::fprintf(stderr, "kiln: out of memory\n");
  std::exit(70);
}

// GMP's allocator, routed through the collector. Limbs are pointer-free,
// but GMP also takes its large temporaries from here (TMP_ALLOC beyond its
// alloca limit, in multiplications of numbers of some 100,000 bits and
// more) and chains those blocks through their first word, with only the
// newest on the C stack: with atomic blocks a collection in the middle of
// such a multiplication freed the rest of the chain and GMP crashed
// walking it. So every GMP block has its first word scanned (the kind
// flonums use): one word per block, never moved (no place()), and cleared
// here since that kind does not clear.
static void* gmp_alloc(size_t n) {
  maybe_stress();
  void* p = GC_generic_malloc(n < sizeof(void*) ? sizeof(void*) : n, header_only_kind);
  if (!p) out_of_memory(n);
  *static_cast<void**>(p) = nullptr;
  return p;
}
static void* gmp_realloc(void* p, size_t old_n, size_t n) {
  void* q = gmp_alloc(n);
  std::memcpy(q, p, old_n < n ? old_n : n);
  return q;
}
static void gmp_free(void*, size_t) {}

// The collector's warnings go to stderr, but not the one about repeated
// very large blocks: a program that catches several stack overflows
// captures a continuation of the whole deep stack each time, which is
// expected, and the warning would be the only output a user sees of it.
static void warn(char* msg, GC_word arg) {
  if (std::strstr(msg, "Repeated allocation of very large block")) return;
  std::fprintf(stderr, msg, static_cast<unsigned long>(arg));
}

void gc_init() {
  static bool done = false;
  if (done) return;
  done = true;
  // Interior pointers matter: tagged object words point one byte past the
  // object start, and the VM keeps pointers into the middle of its stack.
  //
  // KILN_GC_NO_SPARE (gc.h) turns them off instead: the collector then adds
  // no spare byte and scans every word of an object, and accepts a pointer
  // at any offset below a heap block's size (registered below), so a
  // pointer into a small object still keeps it alive but one just past its
  // end does not.
  if (const char* s = std::getenv("KILN_GC_NO_SPARE")) gc_no_spare = *s && *s != '0';
  GC_set_all_interior_pointers(gc_no_spare ? 0 : 1);
  // A larger heap between collections: allocation-heavy Scheme code spends
  // a third less time collecting, for a heap about a third larger. The
  // collector's own GC_FREE_SPACE_DIVISOR variable still overrides this.
  if (!std::getenv("GC_FREE_SPACE_DIVISOR")) GC_set_free_space_divisor(1);
  GC_INIT();
  GC_set_warn_proc(warn);
  // Every failed allocation ends the program the same way, with the message
  // and status 70: the collector's (its gc_allocator/traceable_allocator
  // containers, which the expander and compiler use, would otherwise throw
  // a std::bad_alloc that nothing catches: abort, status 134) and malloc's
  // for the C++ containers that live there (operator new).
  GC_set_oom_fn([](size_t bytes) -> void* { out_of_memory(bytes); });
  std::set_new_handler([] { out_of_memory(0); });
  if (gc_no_spare)
    for (size_t offset = 1; offset < kNoSpareMaxOffset; ++offset) GC_register_displacement(offset);
  // The runtime's own data (symbols, the prelude, the standard libraries)
  // is about 1 MB of pointers the collector marks at every collection; with
  // the default small heap a flonum- or cons-heavy loop collects every few
  // MB, and marking that megabyte dominates (nbody: 580 collections, half
  // its time). Starting at 16 MB cut the collections fourfold for about
  // 12 MB more resident memory in such programs; 32 MB halves them again
  // (generator's run: 39 -> 16 collections, 15% fewer instructions in
  // callgrind) for at most another 16 MB; small programs never touch the
  // pages. GC_INITIAL_HEAP_SIZE still overrides it. Under KILN_GC_STRESS
  // the heap stays small: each of its many collections sweeps all of it.
  if (!std::getenv("GC_INITIAL_HEAP_SIZE") && !std::getenv("KILN_GC_STRESS")) {
    constexpr size_t kInitialHeap = 32u << 20;
    size_t now = GC_get_heap_size();
    if (now < kInitialHeap) GC_expand_hp(kInitialHeap - now);
  }
  previous_push_other_roots = GC_get_push_other_roots();
  GC_set_push_other_roots(push_dynamic_roots);
  mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
  g_small_free = static_cast<void**>(gc_alloc_root((kSmallClasses + 1) * sizeof(void*)));
  // A length descriptor with the object's size added: every word. One
  // word, not grown with the size: the flonum's header.
  exact_kind = static_cast<int>(GC_new_kind(GC_new_free_list(), GC_DS_LENGTH, 1, 1));
  header_only_kind = static_cast<int>(GC_new_kind(GC_new_free_list(), sizeof(void*) | GC_DS_LENGTH, 0, 0));
  if (const char* s = std::getenv("KILN_GC_STRESS")) {
    stress_requested = static_cast<unsigned>(std::strtoul(s, nullptr, 10));
    const char* startup = std::getenv("KILN_GC_STRESS_STARTUP");
    if (startup && *startup && *startup != '0') gc_begin_stress();
  }
  literal_init();
}

void gc_begin_stress() {
  if (gc_stress_interval || !stress_requested) return;
  gc_stress_interval = stress_requested;
  stress_countdown = gc_stress_interval;
  // Every small allocation from here on goes through gc_refill_small,
  // which counts it: what the lists hold now is dropped.
  for (size_t i = 0; i <= kSmallClasses; ++i) g_small_free[i] = nullptr;
}

// Under KILN_GC_NO_SPARE the object is placed at the end of what the
// collector handed out (rounded up to a whole granule), so that it ends
// exactly where the next object starts.
static inline void* place(void* p, size_t bytes) {
  if (!gc_no_spare) return p;
  size_t used = (bytes + 7) & ~size_t{7};
  return static_cast<char*>(p) + GC_size(p) - used;
}

void* gc_alloc(size_t bytes) {
  maybe_stress();
  void* p = GC_MALLOC(bytes);
  if (!p) out_of_memory(bytes);
  return place(p, bytes);
}

void* gc_alloc_atomic(size_t bytes) {
  maybe_stress();
  void* p = GC_MALLOC_ATOMIC(bytes);
  if (!p) out_of_memory(bytes);
  return place(p, bytes);
}

void** g_small_free = nullptr;
void* gc_refill_small(size_t list, size_t exact) {
  bool flonum = list == kFlonumList;
  int kind = flonum ? header_only_kind : exact_kind;
  size_t slot = flonum ? 16 : (list + 1) * 16;
  // Under KILN_GC_STRESS every allocation is one call, which counts it;
  // the lists stay empty. Under KILN_GC_NO_SPARE each object is placed by
  // its exact size.
  if (gc_no_spare) return gc_alloc(exact);
  if (gc_stress_interval) {
    maybe_stress();
    // One byte less than the slot: the collector adds its spare byte to
    // what it is asked for and would round up to the next slot size.
    void* p = GC_generic_malloc(slot - 1, kind);
    if (!p) out_of_memory(exact);
    if (flonum) *static_cast<void**>(p) = nullptr;  // not cleared by its kind
    return p;
  }
  void* objects = nullptr;
  GC_generic_malloc_many(slot, kind, &objects);  // the slot size, spare byte included
  if (!objects) out_of_memory(exact);
  g_small_free[list] = GC_NEXT(objects);
  GC_NEXT(objects) = nullptr;
  return objects;
}

void gc_move_small_free_heads(void** heads) {
  for (size_t i = 0; i <= kSmallClasses; ++i) heads[i] = g_small_free[i];
  // The old heads would keep every object handed out since alive.
  GC_FREE(g_small_free);
  g_small_free = heads;
}

void* gc_alloc_root(size_t bytes) {
  void* p = GC_MALLOC_UNCOLLECTABLE(bytes);
  if (!p) out_of_memory(bytes);
  return p;
}

void gc_collect() { GC_gcollect(); }
size_t gc_heap_size() { return GC_get_heap_size(); }

}  // namespace kiln
