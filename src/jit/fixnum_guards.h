// Arguments speculated to be fixnums: one guard where the function's body
// starts, in place of a tag test at each of their uses.
//
// What the program's logic proves (jit/fixnum_facts.h) does not reach an
// argument: `(fib n)` tests n's tag in `(< n 2)`, again in `(- n 1)` and
// again in `(- n 2)`, since each test's slow path rejoins with n still
// unknown. When the frame that made the function hot had a fixnum there
// (Proto::jit_speculated_fixnums), lowering puts an `fx-guard` at the top
// of the entry header -- the block the entry jumps to, where self tail
// calls come back -- over the arguments that pay for it: those with two
// uses that test a fixnum tag (arithmetic, compares, indices), or one
// inside an inner loop. Past it they are fixnums for the whole activation
// (the header's parameters are what its blocks read), and fixnum_facts
// builds on them: `(- n 1)` past `(< n 2)` is then exact as well.
//
// A value that fails the guard recompiles the function without speculation
// and restarts the call with the header's values as its arguments: nothing
// visible has happened in this call yet, and a self tail call's arguments
// are the call's. An OSR entry (osr.cpp), which comes into an inner loop
// with the VM's values, checks that every value it brings that the code
// holds to be a fixnum is one, and declines otherwise; where an add it may
// run is exact by a bound n (FixnumFacts::bound) that it does not bring,
// there is no entry.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ir/ir.h"

namespace kiln::jit {

/// Adds the guard for the arguments that `fixnums` (bit i: argument i, as
/// in Proto::jit_speculated_fixnums) allows and that pay for one; the
/// lowered form, after unbox_flonums. Whether it added one.
bool guard_fixnum_arguments(ir::Function& f, uint64_t fixnums);

/// In a function with a guard: marks the adds and subs of fixnums that may
/// overflow, in the region where the call may restart (restartable.h),
/// and whose result, known to be a fixnum, saves a test -- a tag test
/// where an operation tests it, or the guard where a call passes it. The
/// header's parameters become their further arguments: an overflow then
/// restarts the call with them, as a failed guard does, instead of going
/// on with a bignum, so the result is a fixnum wherever it is used
/// (`(- n 1)` in `(ack m (- n 1))`). How many it marked.
size_t restart_on_overflow(ir::Function& f);

/// Where the restart values of a lowered instruction that may restart the
/// call begin -- an fx-guard's, or an add's or sub's that
/// restart_on_overflow marked -- or 0. The first of them is the header's
/// closure, which the restart passes on only where the code reads it
/// (CodeGen::restart_without_speculation).
inline size_t restart_values(const ir::Inst& inst) {
  if (inst.op == ir::Op::FxGuard) return inst.imm;
  if ((inst.op == ir::Op::Add || inst.op == ir::Op::Sub) && inst.imm == 1) return 2;
  return 0;
}

/// The arguments the guard of lowered `f` checks (bit i: argument i), or 0.
uint64_t guarded_fixnum_arguments(const ir::Function& f);

}  // namespace kiln::jit
