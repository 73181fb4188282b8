// The one allocation interface. Everything that allocates Scheme objects
// goes through these functions, so the collector behind them (Boehm today)
// can be replaced without touching the compiler or the VM.
//
// The collector sees the C stacks and registers, its own heap, the VM's
// value stack and registered roots. It does NOT see malloc/new memory: a
// Value kept only there will be freed. Containers that hold Values use
// `gc_vector` (traceable_allocator) or live in GC memory.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

#include <gc/gc_allocator.h>

#include "runtime/object.h"

namespace kiln {

void gc_init();

/// Memory the collector scans for pointers. Zero-filled.
void* gc_alloc(size_t bytes);
/// Memory the collector never scans (no Values inside). Not zero-filled.
void* gc_alloc_atomic(size_t bytes);
/// Scanned and never freed: for global tables of roots.
void* gc_alloc_root(size_t bytes);

/// Small scanned objects (up to kSmallMax bytes: pairs, which have no
/// header and fill list 0's 16-byte slots, boxes, closures,
/// short vectors, the chunks of continuations) come from per-size free
/// lists that are refilled a batch at a time, so allocating one is an
/// inline pop; machine code pops them itself. The list heads live in
/// uncollectable memory, so the collector sees the objects not handed out
/// yet as reachable (each links to the next through its first word; the
/// rest is zeroed).
///
/// g_small_free[c] heads the list of (c + 1) * 16-byte objects, which hold
/// objects of (c * 16, (c + 1) * 16] bytes: an object fills its slot. The
/// slots come from a collector kind of Kiln's own (gc.cpp) that scans every
/// word of an object. The collector's NORMAL kind, under all-interior-
/// pointers, adds a spare byte past every object and never scans the last
/// word of a slot (the word that holds that byte), so a 16-byte flonum took
/// 32 bytes and a 32-byte closure 48. Without the spare byte a pointer just
/// past an object's end points at the next object, not into this one;
/// Kiln keeps no such end-only pointers, and KILN_GC_NO_SPARE below checks
/// that.
///
/// Flonums have a list of their own, g_small_free[kFlonumList], of 16-byte
/// slots of which the collector scans only the first word: the header, or
/// the link while the slot is on the list. A double's bits are never taken
/// for a pointer, and marking never reads them.
constexpr size_t kSmallMax = 256;
constexpr size_t kSmallClasses = kSmallMax / 16;
constexpr size_t kFlonumList = kSmallClasses;
extern void** g_small_free;
/// Moves the list heads to `heads` (kSmallClasses + 1 words: the
/// Thread's, see runtime/thread.h), where g_small_free points from then on.
void gc_move_small_free_heads(void** heads);
/// The slow path: refills list `list` (a class, or kFlonumList) and pops
/// one object (of `exact` bytes).
void* gc_refill_small(size_t list, size_t exact);

/// The list for a scanned object of 1..kSmallMax bytes.
inline size_t gc_small_class(size_t bytes) { return (bytes - 1) / 16; }

/// Pops an object off list `list`; zero-filled past its first word unless
/// it is kFlonumList's.
inline void* gc_alloc_from(size_t list, size_t bytes) {
  void* p = g_small_free[list];
  if (__builtin_expect(p == nullptr, 0)) return gc_refill_small(list, bytes);
  g_small_free[list] = *static_cast<void**>(p);
  *static_cast<void**>(p) = nullptr;
  return p;
}

/// Scanned, zero-filled memory of at most kSmallMax bytes.
inline void* gc_alloc_small(size_t bytes) { return gc_alloc_from(gc_small_class(bytes), bytes); }

/// The list an object of type `t` and `bytes` (<= kSmallMax) comes from.
inline size_t gc_small_list(Type t, size_t bytes) {
  return t == Type::Flonum ? kFlonumList : gc_small_class(bytes);
}

/// Allocate an object with header `t`/`size` and `bytes` in total.
template <class T>
T* gc_new(Type t, size_t bytes, uint64_t size = 0) {
  T* o = static_cast<T*>(bytes <= kSmallMax ? gc_alloc_from(gc_small_list(t, bytes), bytes) : gc_alloc(bytes));
  o->header = Object::make_header(t, size);
  return o;
}
template <class T>
T* gc_new_atomic(Type t, size_t bytes, uint64_t size = 0) {
  T* o = static_cast<T*>(gc_alloc_atomic(bytes));
  o->header = Object::make_header(t, size);
  return o;
}

/// A std::vector whose buffer the collector scans, for vectors that live on
/// the C++ stack or in malloc memory (the buffer is uncollectable and freed
/// by the vector's destructor).
template <class T>
using gc_vector = std::vector<T, traceable_allocator<T>>;

/// A std::vector for members of objects that themselves live in GC memory
/// and are never destroyed: the buffer is collectable and scanned, and is
/// kept alive by the object that points to it.
template <class T>
using gc_member_vector = std::vector<T, gc_allocator<T>>;

/// Constructs a T in scanned GC memory. Its destructor never runs, so T's
/// members must own nothing but GC memory.
template <class T, class... Args>
T* gc_make(Args&&... args) {
  return new (gc_alloc(sizeof(T))) T(static_cast<Args&&>(args)...);
}

/// Registers [lo, hi) to be scanned at every collection, for stacks that
/// grow and shrink (the VM's value stack): the range is re-read each time.
using RootRangeFn = void (*)(void*** lo, void*** hi);
void gc_add_dynamic_roots(RootRangeFn fn);

/// KILN_GC_STRESS=N: a full collection every N allocations (0: off),
/// counted from the end of kiln_init (gc_begin_stress), or from process
/// start with KILN_GC_STRESS_STARTUP=1. Startup is the same in every run:
/// stressing it once per test made a stress-1 test spend minutes under
/// ASan before its first line, and scripts/test's stress pass covers it.
extern unsigned gc_stress_interval;
/// Starts the stress KILN_GC_STRESS asked for, if it has not started.
void gc_begin_stress();
/// KILN_GC_NO_SPARE=1: a debugging mode without the spare byte. The
/// collector runs without all-interior-pointers (so it scans every word of
/// an object) but accepts any offset below its 4 KB block size, and every
/// object is placed to end exactly where the next block starts: code that
/// keeps only a pointer just past a live object's end (which the spare byte
/// would hide) loses the object at the next collection. The free lists stay
/// empty. Objects no longer start at their block, so finalizers are
/// registered on GC_base of them (port.cpp). Slower; for tests and
/// debugging (tests/scheme/gc/no-spare-byte).
extern bool gc_no_spare;

void gc_collect();
size_t gc_heap_size();

}  // namespace kiln
