// Accumulator introduction: a linear recursion that adds small constants on
// its way out becomes a loop.
//
//   (define (len l) (if (null? l) 0 (+ 1 (len (cdr l)))))
//
// returns `1 + len(m)` on its recursive path. With an accumulator `acc` (0
// on entry) that return becomes `acc := acc + 1; l := m; loop`, and every
// other return `r` becomes `return acc + r`. C compilers do this for
// integers, whose addition is associative; Scheme's `+` is associative on
// exact numbers only (a flonum rounds at every step, and a non-number's
// error would come at another point). So the function is rewritten only
// where every value added is known to be an exact integer:
//
//  - It calls nothing but itself (through its global, which the entry
//    checks holds the running closure) and runs no code but its own: its
//    operations are primitives that only read, allocate or raise (and a
//    raise from them is never continued), with no set! of a global. So
//    while an activation runs, the global stays what the entry saw, and
//    every call is a call of this same code.
//  - Its returns are exact integers when the parameters that reach them are
//    (constants, sums, differences and products of those, results of its
//    own calls with such arguments): the entry checks `exact-integer?` of
//    those parameters, and the calls it makes pass exact integers in them.
//    By induction on the calls, every result added is exact.
//  - Every call is one that becomes the loop: a tree recursion (fib) would
//    keep a call, and the entry's checks and the loop's bookkeeping then
//    cost machine code more than the calls saved (docs/performance.md).
//
// The entry then chooses: the checks hold, the accumulating copy of the
// body; any fails, the body as it was, unchanged. Both tiers run the
// rewritten IR, so they agree on everything, backtraces and recursion depth
// included.
//
// The recursion would have overflowed the stack where the loop runs on: an
// endless one must still end in that error, not run forever. The loop
// counts its iterations and raises it past kStackValues (runtime/thread.h),
// deeper than the recursion could ever have gone. Those are millions of
// additions the recursion never made (an overflow comes before any of
// them), so each must cost a few instructions, not grow: every summand is a
// fixnum constant small enough that kStackValues of them sum to a fixnum
// (len, count-if). A product, or a sum of a parameter, is left as written:
// (fact -1) would build k! for k up to 16M before its error
// (tests/scheme/core/accumulated-recursion-endless.scm).
//
// The function's global must be bound whenever it runs: it is rewritten only
// as the value of a `define` of that global (the closure made and stored
// with nothing between), so the entry's read of it cannot trap.
#pragma once

#include "ir/ir.h"

namespace kiln::ir {

/// Rewrites the children of `f` that are defined as globals by `f` and fit
/// the description above. Returns how many were rewritten.
int accumulate_defined_children(Function& f);

}  // namespace kiln::ir
