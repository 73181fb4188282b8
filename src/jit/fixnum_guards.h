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

#include <cstdint>

#include "ir/ir.h"

namespace kiln::jit {

/// Adds the guard for the arguments that `fixnums` (bit i: argument i, as
/// in Proto::jit_speculated_fixnums) allows and that pay for one; the
/// lowered form, after unbox_flonums. Whether it added one.
bool guard_fixnum_arguments(ir::Function& f, uint64_t fixnums);

/// The arguments the guard of lowered `f` checks (bit i: argument i), or 0.
uint64_t guarded_fixnum_arguments(const ir::Function& f);

}  // namespace kiln::jit
