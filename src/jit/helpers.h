// The runtime routines machine code calls: allocation, the generic
// (non-fixnum) arithmetic paths, and the error paths.
//
// They are plain C calls (System V ABI) and never throw: every C++
// SchemeRaise is caught here and turned into a kRaise return, so no C++
// exception ever unwinds through machine code (which has no unwind
// information).
#pragma once

#include "runtime/proto.h"
#include "runtime/thread.h"

namespace kiln::jit {

Value helper_add(Value a, Value b);
Value helper_sub(Value a, Value b);
Value helper_mul(Value a, Value b);
Value helper_lt(Value a, Value b);
Value helper_le(Value a, Value b);
Value helper_gt(Value a, Value b);
Value helper_ge(Value a, Value b);
Value helper_num_eq(Value a, Value b);
Value helper_cons(Value a, Value d);
Value helper_box_flonum(double d);
/// The generic routine for `op` (an ir::Op: + - * or a compare) on a and b,
/// where bit 0 / bit 1 of `raw_mask` says a / b holds a raw double's bits.
Value helper_mixed_binary(uint64_t op, uint64_t a, uint64_t b, uint64_t raw_mask);
/// Calls `prim` on one or two arguments (a, b), boxing those marked raw in
/// bits 0 and 1 of `shape` as helper_mixed_binary does; bits 8 and up hold
/// the argument count. Its result or kRaise. (Four arguments: r8 and r9
/// hold machine code's values.)
Value helper_call_boxing(Primitive* prim, uint64_t a, uint64_t b, uint64_t shape);
/// The bits of the double nearest the real number v (never raises: v is a
/// result of the generic arithmetic).
uint64_t helper_real_bits(Value v);
/// A guard failed, or an add that restarts on overflow overflowed:
/// recompiles p without speculation -- on fixnums only, when
/// `fixnums_only` (an fx-guard, an add) -- and returns its new entry.
const void* helper_despecialize(Proto* p, uint64_t fixnums_only);
Value helper_make_box(Value v);
Value helper_alloc_closure(Proto* p, uint64_t nfree);
/// Builds the rest list of a variadic function entered with `nargs`.
Value helper_build_rest(Thread* t, Value* fp, uint64_t nargs, uint64_t nreq);
/// These raise (set t.pending) and return kRaise.
Value helper_unbound(Value cell);
Value helper_set_unbound(Value cell);
/// `cell` := v through assign_cell, invalidating the code that watches it
/// (runtime/cell_watch.h). Never raises.
void helper_assign_cell(Value cell, Value v);
Value helper_car_error(Value v);
Value helper_cdr_error(Value v);
Value helper_vector_ref(Value v, Value i);            // full checks; the value or kRaise
Value helper_vector_set(Value v, Value i, Value x);   // full checks; kUnspecified or kRaise
Value helper_arity_error(Value callee, uint64_t nargs);
/// Also moves into the stack reserve (vm::enter_stack_reserve), as the VM
/// does, so a handler can run; inside the reserve the error is fatal.
Value helper_stack_overflow(Thread* t);

}  // namespace kiln::jit
