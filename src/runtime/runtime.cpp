#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "runtime/env.h"
#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/port.h"
#include "runtime/primitive.h"
#include "runtime/proto.h"
#include "runtime/thread.h"

namespace kiln {

Thread* g_thread = nullptr;

// The value stack holds up to 16M registers (128 MiB of address space,
// committed only as it is touched). Deep recursion beyond it raises "stack
// overflow" (vm/interp.cpp).
//
// The control stack has room for a frame record per register, and more:
// every record belongs to a frame whose first register lies above the
// previous record's (a callee's frame starts past its caller's registers,
// and a C++ entry's at the caller's stack top), so the records never
// outnumber the registers below the value stack's limit, and the frame
// stack cannot fill up first. Machine code relies on that and checks only
// the value stack; the interpreter checks both. A guard page past each
// stack turns a broken promise into a crash rather than a silent overwrite.
static constexpr size_t kMaxFrames = kStackValues + (size_t{64} << 10);
// Beyond those limits, a reserve in which a handler for "stack overflow" runs.
static constexpr size_t kReserveValues = size_t{1} << 20;
static constexpr size_t kReserveFrames = kReserveValues + (size_t{64} << 10);

static void* reserve(size_t bytes) {
  constexpr size_t kGuard = 4096;
  void* p = mmap(nullptr, bytes + kGuard, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED || mprotect(static_cast<char*>(p) + bytes, kGuard, PROT_NONE) != 0) {
    std::perror("kiln: cannot reserve the VM stack");
    std::exit(70);
  }
  return p;
}

Value* live_stack_top(const Thread& t) {
  for (const Frame* f = t.frames_top; f > t.frames_base;) {
    --f;
    if (!f->proto) continue;  // pushed, not yet claimed: its caller's frame holds the arguments
    if (!(f->flags & kFrameNative)) break;  // the VM's: sp is exact for it
    // Machine code's frame: its slots and its outgoing area, where it
    // stages arguments. A C call that knows how many it staged says so in
    // result_reg (n + 1; jit/codegen.h, CodeGen::call): the rest of the
    // area is dead then, whatever it holds.
    Value* end = f->result_reg ? f->fp + f->proto->native_slots + (f->result_reg - 1)
                               : f->fp + f->proto->native_frame_size;
    return end > t.sp ? end : t.sp;
  }
  return t.sp;
}

static void value_stack_roots(void*** lo, void*** hi) {
  if (!g_thread) return;
  *lo = reinterpret_cast<void**>(g_thread->stack_base);
  *hi = reinterpret_cast<void**>(live_stack_top(*g_thread));
}

// The frame stack holds each active frame's Proto (and a pc into its code):
// a running function's closure may be gone from its registers, so this is
// what keeps its Proto, constants and bytecode alive.
static void frame_stack_roots(void*** lo, void*** hi) {
  if (!g_thread) return;
  *lo = reinterpret_cast<void**>(g_thread->frames_base);
  *hi = reinterpret_cast<void**>(g_thread->frames_top);
}

std::vector<PrimitiveDef>& primitive_registry() {
  static std::vector<PrimitiveDef> registry;
  return registry;
}

/// Every registered Primitive object, in registry order: the prelude may
/// rebind a builtin name to a Scheme procedure wrapping the primitive
/// (`member` with a predicate), and builtin_primitive still finds it.
static gc_vector<Value>& primitive_objects() {
  static gc_vector<Value>* objects = new gc_vector<Value>();
  return *objects;
}

Value builtin_primitive(const char* name) {
  for (Value p : primitive_objects())
    if (std::strcmp(p.as<Primitive>()->name, name) == 0) return p;
  std::fprintf(stderr, "kiln: internal error: no primitive named %s\n", name);
  std::abort();
}

void runtime_init() {
  if (g_thread) return;
  gc_init();
  Thread* t = static_cast<Thread*>(gc_alloc_root(sizeof(Thread)));
  static_assert(sizeof t->small_free == (kSmallClasses + 1) * sizeof(void*), "one head per free list");
  gc_move_small_free_heads(t->small_free);
  t->stack_base = static_cast<Value*>(reserve((kStackValues + kReserveValues) * sizeof(Value)));
  t->stack_limit = t->stack_base + kStackValues - 4096;  // headroom for one frame's registers
  t->stack_alt_limit = t->stack_limit + kReserveValues;
  t->small_frame_fp_limit = t->stack_limit - kSmallFrameValues;
  t->sp = t->stack_base;
  t->frames_base = static_cast<Frame*>(reserve((kMaxFrames + kReserveFrames) * sizeof(Frame)));
  t->frames_top = t->frames_base;
  t->frames_limit = t->frames_base + kMaxFrames - 16;
  t->frames_alt_limit = t->frames_limit + kReserveFrames;
  t->seal_chunk = kFalse;
  t->seal_count = 0;
  t->seal_limit = t->frames_base;
  t->seal_intact = t->frames_base;
  t->left_chunk = kFalse;
  t->left_count = 0;
  t->left_intact = t->frames_base;
  t->written_floor = t->frames_base;
  t->written_fp = t->stack_base;
  t->return_floor = t->frames_base;
  t->pending = kFalse;
  t->pending_fatal = false;
  t->callback_failed = false;
  t->pending_backtrace = kNil;
  t->handlers = kNil;
  t->winders = kNil;
  t->parameterization = kNil;
  t->current_input_cell = kFalse;
  t->current_output_cell = kFalse;
  t->current_error_cell = kFalse;
  g_thread = t;
  gc_add_dynamic_roots(value_stack_roots);
  gc_add_dynamic_roots(frame_stack_roots);
  ports_init(*g_thread);

  for (const PrimitiveDef& def : primitive_registry()) {
    Primitive* p = gc_new<Primitive>(Type::Primitive, sizeof(Primitive));
    p->fn = def.fn;
    p->name = def.name;
    p->doc = def.doc;
    p->min_args = def.min_args;
    p->max_args = def.max_args;
    p->builtin = true;
    define_builtin(def.name, Value::object(p), true);
    primitive_objects().push_back(Value::object(p));
  }
}

}  // namespace kiln
