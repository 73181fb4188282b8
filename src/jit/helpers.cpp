#include "jit/helpers.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "ir/ir.h"
#include "jit/jit.h"
#include "runtime/cell_watch.h"
#include "runtime/error.h"
#include "runtime/tier.h"
#include "runtime/heap.h"
#include "runtime/numbers.h"
#include "vm/interp.h"

namespace kiln::jit {

namespace {
/// Runs `body`, turning a raised Scheme exception into kRaise.
template <class Fn> Value guarded(Fn body) {
  try {
    return body();
  } catch (const SchemeRaise&) {
    return kRaise;
  }
}
}  // namespace

Value helper_add(Value a, Value b) { return guarded([&] { return num_add(a, b); }); }
Value helper_sub(Value a, Value b) { return guarded([&] { return num_sub(a, b); }); }
Value helper_mul(Value a, Value b) { return guarded([&] { return num_mul(a, b); }); }
Value helper_lt(Value a, Value b) { return guarded([&] { return Value::boolean(num_lt(a, b)); }); }
Value helper_le(Value a, Value b) { return guarded([&] { return Value::boolean(num_le(a, b)); }); }
Value helper_gt(Value a, Value b) { return guarded([&] { return Value::boolean(num_gt(a, b)); }); }
Value helper_ge(Value a, Value b) { return guarded([&] { return Value::boolean(num_ge(a, b)); }); }
Value helper_num_eq(Value a, Value b) { return guarded([&] { return Value::boolean(num_eq(a, b)); }); }

Value helper_cons(Value a, Value d) { return cons(a, d); }
Value helper_box_flonum(double d) { return make_flonum(d); }

namespace {
/// A machine word as a Scheme value: itself, or a new flonum for a raw double.
Value boxing(uint64_t bits, bool raw) {
  if (!raw) return Value::from_raw(bits);
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return make_flonum(d);
}
}  // namespace

Value helper_call_boxing(Primitive* prim, uint64_t a, uint64_t b, uint64_t shape) {
  uint32_t nargs = static_cast<uint32_t>(shape >> 8);
  Value args[2] = {boxing(a, shape & 1), kFalse};
  if (nargs > 1) args[1] = boxing(b, shape & 2);
  return prim->fn(*g_thread, args, nargs);
}

Value helper_mixed_binary(uint64_t op, uint64_t a, uint64_t b, uint64_t raw_mask) {
  Value x = boxing(a, raw_mask & 1), y = boxing(b, raw_mask & 2);
  switch (static_cast<ir::Op>(op)) {
    case ir::Op::Add: return helper_add(x, y);
    case ir::Op::Sub: return helper_sub(x, y);
    case ir::Op::Mul: return helper_mul(x, y);
    case ir::Op::Lt: return helper_lt(x, y);
    case ir::Op::Le: return helper_le(x, y);
    case ir::Op::Gt: return helper_gt(x, y);
    case ir::Op::Ge: return helper_ge(x, y);
    default: return helper_num_eq(x, y);
  }
}

uint64_t helper_real_bits(Value v) {
  double d = num_to_inexact(v).as<Flonum>()->value;
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return bits;
}

const void* helper_despecialize(Proto* p, uint64_t fixnums_only) {
  // Older code of p (still running, or reached by direct calls compiled
  // before) fails its guard again: the code without that speculation is
  // there.
  if ((p->jit_no_speculation || (fixnums_only && p->jit_no_fixnum_speculation)) && p->native_entry)
    return p->native_entry;
  if (fixnums_only)
    p->jit_no_fixnum_speculation = true;  // (compile keeps the flonum speculation)
  else
    p->jit_no_speculation = true;
  ++g_tier.stats.despecialized;
  retire_native_code(p);
  if (!compile(p)) {
    std::fprintf(stderr, "kiln: internal error: cannot recompile %s\n", proto_display_name(p).c_str());
    std::abort();
  }
  return p->native_entry;
}
Value helper_make_box(Value v) { return make_box(v); }

Value helper_alloc_closure(Proto* p, uint64_t nfree) {
  auto* c = gc_new<Closure>(Type::Closure, sizeof(Closure) + nfree * sizeof(Value), nfree);
  c->proto = p;
  return Value::object(c);
}

Value helper_build_rest(Thread* t, Value* fp, uint64_t nargs, uint64_t nreq) {
  // The arguments beyond the frame must stay visible while consing.
  Value* saved_sp = t->sp;
  if (t->sp < fp + nargs + 1) t->sp = fp + nargs + 1;
  Value rest = kNil;
  for (uint64_t i = nargs; i > nreq; --i) rest = cons(fp[i], rest);
  fp[nreq + 1] = rest;
  // No higher than the frame's fixed slots: the spread arguments (apply's,
  // maybe many) are dead now, and machine code never lowers sp itself
  // (the claimed record bounds the stack: live_stack_top).
  t->sp = std::min(saved_sp, fp + nreq + 2);
  return rest;
}

Value helper_unbound(Value cell) {
  return guarded([&]() -> Value { error("unbound variable", {cell.as<Cell>()->name}); });
}
Value helper_set_unbound(Value cell) {
  return guarded([&]() -> Value { error("set!: unbound variable", {cell.as<Cell>()->name}); });
}
void helper_assign_cell(Value cell, Value v) { assign_cell(as_cell(cell), v); }
Value helper_car_error(Value v) { return guarded([&]() -> Value { type_error("car", 1, "pair", v); }); }
Value helper_cdr_error(Value v) { return guarded([&]() -> Value { type_error("cdr", 1, "pair", v); }); }

Value helper_vector_ref(Value v, Value i) {
  return guarded([&]() -> Value {
    if (!is_vector(v)) type_error("vector-ref", 1, "vector", v);
    if (!i.is_fixnum() || static_cast<uint64_t>(i.as_fixnum()) >= static_cast<uint64_t>(vector_length(v)))
      index_error("vector-ref", 2, i, v);
    return vector_items(v)[i.as_fixnum()];
  });
}

Value helper_vector_set(Value v, Value i, Value x) {
  return guarded([&]() -> Value {
    if (!is_vector(v)) type_error("vector-set!", 1, "vector", v);
    if (!i.is_fixnum() || static_cast<uint64_t>(i.as_fixnum()) >= static_cast<uint64_t>(vector_length(v)))
      index_error("vector-set!", 2, i, v);
    if (v.as_object()->immutable()) error("vector-set!: cannot modify a literal constant", {v});
    vector_items(v)[i.as_fixnum()] = x;
    return kUnspecified;
  });
}

Value helper_arity_error(Value callee, uint64_t nargs) {
  return guarded([&]() -> Value {
    Proto* p = callee.as<Closure>()->proto;
    std::string expected = (p->rest ? "at least " : "") + std::to_string(p->nreq);
    error_of_kind("arity-error",
                  proto_display_name(p) + ": wrong number of arguments (expected " + expected + ", got " +
                      std::to_string(nargs) + ")",
                  {callee});
  });
}

Value helper_stack_overflow(Thread* t) {
  // Without the reserve the handler, called on top of the frame that
  // overflowed, would overflow in turn and its error would escape it.
  if (!vm::enter_stack_reserve(*t)) t->pending_fatal = true;
  return guarded([]() -> Value { error("stack overflow (recursion too deep)"); });
}

}  // namespace kiln::jit
