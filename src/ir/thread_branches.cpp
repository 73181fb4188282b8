#include "ir/thread_branches.h"

#include <vector>

#include "ir/regalloc.h"
#include "runtime/heap.h"

namespace kiln::ir {

namespace {

/// What a block does with its one parameter when it is nothing but a
/// branch on it or a jump passing it on.
struct Join {
  enum Kind { None, Branch, Forward } kind = None;
  BlockId to[2] = {0, 0};  // Branch: if true, if false; Forward: the next block
};

/// `uses`: ir::use_counts(f). The parameter must have no other use: a
/// block that reads it after the join (`(let ((v (and x y))) (if v (f v)
/// ...))`) needs it defined, so the jumps must go through the join.
Join join_of(const Function& f, BlockId b, const std::vector<uint32_t>& uses) {
  const Block& block = f.blocks[b];
  // Blocks 0 and 1 are the entry and the function's own loop header, which
  // calls, self tail calls and OSR enter by number.
  if (b <= 1 || block.params.size() != 1 || block.insts.size() != 1) return {};
  const Inst& t = block.insts[0];
  ValueId p = block.params[0];
  if (uses[p] != 1) return {};
  if (t.op == Op::Branch && t.args[0] == p) return {Join::Branch, {t.target[0], t.target[1]}};
  if (t.op == Op::Jump && t.args.size() == 1 && t.args[0] == p && t.target[0] != b)
    return {Join::Forward, {t.target[0], 0}};
  return {};
}

/// Removes the `const` instructions whose value no instruction uses any
/// more: the booleans that threaded jumps no longer pass.
void drop_unused_constants(Function& f) {
  std::vector<uint32_t> uses = use_counts(f);
  for (Block& b : f.blocks)
    std::erase_if(b.insts, [&](const Inst& inst) { return inst.op == Op::Const && uses[inst.result] == 0; });
}

}  // namespace

bool thread_branches(Function& f) {
  const size_t n = f.blocks.size();
  // Most functions have no block of a join's shape: then nothing is
  // allocated.
  bool any_join = false;
  for (BlockId b = 2; b < n && !any_join; ++b) {
    const Block& block = f.blocks[b];
    any_join = block.params.size() == 1 && block.insts.size() == 1 &&
               (block.insts[0].op == Op::Branch || block.insts[0].op == Op::Jump);
  }
  if (!any_join) return false;
  const std::vector<uint32_t> uses = use_counts(f);
  const std::vector<const Inst*> def = definitions(f);
  std::vector<uint32_t> preds(n, 0);
  std::vector<BlockId> pred(n, 0);  // the predecessor of a block that has one
  for (BlockId b = 0; b < n; ++b) {
    for (const Inst& inst : f.blocks[b].insts) {
      int targets = inst.op == Op::Jump ? 1 : inst.op == Op::Branch || inst.op == Op::CallCC ? 2 : 0;
      for (int i = 0; i < targets; ++i) {
        ++preds[inst.target[i]];
        pred[inst.target[i]] = b;
      }
    }
  }
  // Whether `v`'s truth is known at the end of block `b`: +1 true, -1 false,
  // 0 unknown.
  auto truth_in = [&](ValueId v, BlockId b) {
    if (const Inst* d = def[v]; d && d->op == Op::Const) return f.constants[d->imm] == kFalse ? -1 : 1;
    if (b == 0 || preds[b] != 1) return 0;
    const Inst& t = f.blocks[pred[b]].insts.back();
    if (t.op != Op::Branch || t.args[0] != v || t.target[0] == t.target[1]) return 0;
    return t.target[0] == b ? 1 : -1;
  };
  bool changed = false;
  for (BlockId b = 0; b < n; ++b) {
    Inst& jump = f.blocks[b].insts.back();
    // Each step moves the jump one join on; joins form no cycle that a
    // value passes through unchanged, but a bound keeps a malformed one
    // from looping.
    for (size_t steps = 0; steps < n && jump.op == Op::Jump && jump.args.size() == 1; ++steps) {
      Join j = join_of(f, jump.target[0], uses);
      if (j.kind == Join::None) break;
      ValueId v = jump.args[0];
      if (j.kind == Join::Forward) {
        jump.target[0] = j.to[0];
      } else if (int truth = truth_in(v, b); truth != 0) {
        jump.args.clear();
        jump.target[0] = j.to[truth > 0 ? 0 : 1];
      } else {
        jump.op = Op::Branch;
        jump.target[0] = j.to[0];
        jump.target[1] = j.to[1];
      }
      changed = true;
    }
  }
  if (changed) drop_unused_constants(f);
  return changed;
}

}  // namespace kiln::ir
