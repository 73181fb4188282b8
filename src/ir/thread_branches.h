// Jump threading for tests built from `and`, `or`, `case` and `cond`.
//
// The builder compiles an expression whose value is a boolean, such as
// (and (> x 0) (< x 10)), into blocks that each jump to a join with their
// result, and the join branches on it:
//
//   b2():  v7 = lt v3 v6;  jump v7 -> b4
//   b3():  v8 = const #f;  jump v8 -> b4
//   b4(v9): branch v9 ? b5 : b6
//
// so every test materializes a boolean and tests it again. This pass makes
// each such jump go where the join would send it: straight to b6 when the
// value is known (a constant, or the condition the jumping block was
// branched to on), else a branch of its own (`branch v7 ? b5 : b6`, which
// code generation fuses with the compare). Forwarding blocks (`b8(v): jump
// v -> b9`, from nested tests) are threaded through likewise. Joins left
// with no predecessor stay in the function, unreachable: every consumer
// lays blocks out from the entry and never sees them.
#pragma once

#include "ir/ir.h"

namespace kiln::ir {

/// Threads the jumps into boolean joins of `f` (not of its children);
/// returns whether anything changed.
bool thread_branches(Function& f);

}  // namespace kiln::ir
