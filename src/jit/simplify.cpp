// Small rewrites of the lowered IR that let code generation fuse more: see
// jit/unbox.h (lower).
#include "jit/unbox.h"

namespace kiln::jit {

using ir::Function;
using ir::Inst;
using ir::Op;
using ir::ValueId;

void fold_negated_branches(Function& f) {
  std::vector<uint32_t> uses(f.num_values, 0);
  for (const ir::Block& b : f.blocks)
    for (const Inst& inst : b.insts)
      for (ValueId a : inst.args) ++uses[a];
  for (ir::Block& b : f.blocks) {
    if (b.insts.size() < 2) continue;
    Inst& br = b.insts.back();
    if (br.op != Op::Branch) continue;
    // `v = not x` right before `branch v`, its only use: branch on x with
    // the targets swapped, so that a compare defining x fuses with it.
    Inst& neg = b.insts[b.insts.size() - 2];
    if (neg.op != Op::Not || neg.result != br.args[0] || uses[neg.result] != 1) continue;
    br.args[0] = neg.args[0];
    std::swap(br.target[0], br.target[1]);
    b.insts.erase(b.insts.end() - 2);
  }
}

Function lower(const Proto* p, bool speculate) {
  std::vector<bool> args, free;
  if (speculate) speculation(p, &args, &free);
  Function f = unbox_flonums(*static_cast<const Function*>(p->ir), args, free, !p->jit_no_speculation);
  fold_negated_branches(f);
  return f;
}

}  // namespace kiln::jit
