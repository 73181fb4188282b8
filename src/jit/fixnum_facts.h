// Fixnums proven by the program's own logic, so that machine code tests a
// value's tag, or an addition's overflow, only where it could fail.
//
// A fixnum check in machine code has a slow path that rejoins (a flonum
// sum, a bignum on overflow), so a check made once proves nothing after
// it: the code's type facts (type_facts.cpp) cannot learn "fixnum" from
// arithmetic. What proves it instead, whichever tier computed the values:
//  - an index that `vector-ref` or `vector-set!` accepted is a fixnum in
//    [0, length), and a length (`vector-length`, `string-length`,
//    `bytevector-length`) is one in [0, 2^48]: *small* values, from every
//    point the access or the length dominates on;
//  - a sum or difference of two small values (a fixnum constant of at most
//    2^40 counts as one) cannot overflow, nor can `x + 1` where a branch
//    proved `x < n` for a fixnum n, nor `x - 1` where one proved `n < x`,
//    nor `x + k` where one proved `x <= c` (`x - k`, `x >= c`) for a
//    constant c with c + k (c - k) a fixnum;
//    such an operation on fixnums is a fixnum (its `exact` bit: machine
//    code omits its overflow test, which could never be taken). Operands
//    small wherever the result is used count too: `(loop (+ i 1))` after
//    `(vector-ref v i)` has its bits unused unless the access accepted i;
//  - a block parameter is a fixnum if every jump to it passes one (an
//    optimistic fixed point, so a loop's counter qualifies);
//  - and, by speculation, an argument a fixnum guard checks at the top of
//    the entry header (jit/fixnum_guards.h).
// Every other fact is about what the program computes, not about how: the
// VM computes the same values. What follows from a guard holds only past
// it, so an OSR entry, which brings the VM's values into a loop header
// past the guard, checks the values these facts call fixnums that it
// brings, and is made only where it brings every `bound` its loop's exact
// additions rely on (osr.cpp).
#pragma once

#include <vector>

#include "ir/ir.h"

namespace kiln::jit {

struct FixnumFacts {
  std::vector<ir::BlockId> idom;  // block -> its immediate dominator (the entry: itself; unreachable: kNone)
  /// block -> the block of the one edge into it from a reachable block, or
  /// kNone (several edges, both of a branch's included, or none)
  std::vector<ir::BlockId> single_pred;
  std::vector<uint8_t> fixnum;    // value -> a fixnum, wherever it is defined
  std::vector<uint8_t> exact;     // value of an add or sub -> it cannot overflow
  /// exact add or sub -> the value n its bound `x < n` (or `n < x`) needs
  /// to be a fixnum, else kNoValue; an OSR entry must check it (osr.cpp)
  std::vector<ir::ValueId> bound;
  static constexpr ir::BlockId kNone = UINT32_MAX;
};

/// The facts of `f` (the JIT's lowered form); `def` is ir::definitions(f).
FixnumFacts infer_fixnum_facts(const ir::Function& f, const std::vector<const ir::Inst*>& def);

}  // namespace kiln::jit
