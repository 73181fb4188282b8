// Splitting a call into paths that a guard chooses between: the lowering
// passes that run a call's callee inline when it is what it was as the
// function got hot (sampled_callees.cpp: builtin primitives; record_calls.cpp:
// define-record-type's procedures).
//
//   b:      ...  <guards>: branch g ? fast : slow
//   fast:   r1 = <the callee's work, inline>;  jump join(r1)
//   slow:   r2 = call callee args;  jump join(r2)
//   join(r): the rest of b, r in place of the call's result
//
// For a tail call the inline side returns its value and a call side keeps
// the tail call. When only b's terminator followed the call and nothing
// else reads the result, each side gets its own copy of the terminator
// instead of a join, so a test on the result (a predicate's, say) fuses
// with its branch on the inline side.
#pragma once

#include <vector>

#include "ir/ir.h"

namespace kiln::jit {

class CallSplit {
 public:
  /// Cuts call or tail call f.blocks[b].insts[index] out of its block, which
  /// keeps what came before and is left open for the guards; `uses` are the
  /// use counts of f's values (ir::use_counts).
  CallSplit(ir::Function& f, ir::BlockId b, size_t index, const std::vector<uint32_t>& uses);

  const ir::Inst& call() const { return call_; }
  /// The callee's arguments (the call's operands after the callee).
  std::vector<ir::ValueId> arguments() const { return {call_.args.begin() + 1, call_.args.end()}; }

  /// Appends `op` to block `to`, at the call's source location; returns its
  /// result (a new value) or kNoValue for an op without one.
  ir::ValueId emit(ir::BlockId to, ir::Op op, std::vector<ir::ValueId> args, uint32_t imm = 0);
  ir::ValueId constant(ir::BlockId to, Value v) { return emit(to, ir::Op::Const, {}, f_.constant(v)); }
  /// Ends block `from` with a branch on `cond`.
  void branch(ir::BlockId from, ir::ValueId cond, ir::BlockId yes, ir::BlockId no);

  /// Ends block `side` with `r` as the call's result: returned for a tail
  /// call, else passed to what followed the call.
  void end_with_value(ir::BlockId side, ir::ValueId r);
  /// Ends block `side` with the call itself, of `callee` (the call's own, or
  /// a value known to be the same procedure). The side is cold: its code
  /// goes after the function's other blocks, out of the inline side's way.
  void end_with_call(ir::BlockId side, ir::ValueId callee);
  /// Gives the join block (if some side jumps to it) what followed the
  /// call. Last.
  void finish();

 private:
  ir::Function& f_;
  ir::Inst call_;
  std::vector<ir::Inst> rest_;  // what followed the call in its block
  bool needs_join_ = false;
  ir::BlockId join_ = 0;        // made when a side first needs it
  /// Ends `side` with what followed the call, `r` standing for its result.
  void pass_on(ir::BlockId side, ir::ValueId r);
};

}  // namespace kiln::jit
