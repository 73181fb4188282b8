// Small rewrites of the lowered IR that let code generation fuse more, and
// lower(), which chains the JIT's passes: see jit/unbox.h.
#include <map>
#include <numeric>
#include <optional>
#include <utility>

#include "ffi/procedure.h"
#include "jit/codegen.h"
#include "jit/fixnum_guards.h"
#include "jit/int_shadow.h"
#include "jit/raw_returns.h"
#include "jit/raw_self_calls.h"
#include "jit/unbox.h"

namespace kiln::jit {

using ir::Function;
using ir::Inst;
using ir::Op;
using ir::ValueId;

void fold_negated_branches(Function& f) {
  std::vector<uint32_t> uses = ir::use_counts(f);
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

void known_branch_conditions(Function& f) {
  // A block entered only from one side of `branch v` where v is a
  // predicate's boolean knows v: #t on the true side, #f on the other. Its
  // uses there become that constant, so v need not be materialized when
  // the branch is its only other use: (or (null? l) ...) returns #t from
  // an immediate instead of keeping null?'s result in a register.
  std::vector<uint32_t> preds(f.blocks.size(), 0);
  for (const ir::Block& b : f.blocks)
    for (ir::BlockId s : ir::successors(b)) ++preds[s];
  // Which values are predicates' booleans, decided before any change:
  // the insertions below move instructions (so pointers to them dangle),
  // and the constants made here (new values, beyond this vector) are no
  // predicate's, though a nested branch on v now tests one.
  std::vector<bool> boolean(f.num_values, false);
  for (const ir::Block& b : f.blocks)
    for (const Inst& inst : b.insts)
      switch (inst.op) {
        case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: case Op::NumEq:
        case Op::Eq: case Op::Not: case Op::IsNull: case Op::IsPair:
          if (inst.result != ir::kNoValue) boolean[inst.result] = true;
          break;
        default:
          break;
      }
  for (ir::BlockId b = 0; b < f.blocks.size(); ++b) {
    const Inst br = f.blocks[b].insts.back();
    if (br.op != Op::Branch || br.target[0] == br.target[1] || br.args[0] >= boolean.size() ||
        !boolean[br.args[0]])
      continue;
    for (int side = 0; side < 2; ++side) {
      auto& insts = f.blocks[br.target[side]].insts;
      if (preds[br.target[side]] != 1) continue;
      ValueId known = ir::kNoValue;
      for (Inst& inst : insts)
        for (ValueId& a : inst.args)
          if (a == br.args[0]) {
            if (known == ir::kNoValue) known = f.new_value();
            a = known;
          }
      if (known == ir::kNoValue) continue;
      Inst k;
      k.op = Op::Const;
      k.result = known;
      k.imm = f.constant(side == 0 ? kTrue : kFalse);
      k.loc = br.loc;
      insts.insert(insts.begin(), k);
    }
  }
}

void share_free_refs(Function& f) {
  // A closure's free variable slots never change once it can run: an
  // assigned variable is a box (read through it), and letrec patches a
  // slot (closure-set!) before the closure is called (reading one earlier
  // is an error in R7RS). So a second free-ref of the same slot of the same
  // closure value in a block is the first one's value: what is known of it
  // (a vector, checked) carries over, and the load goes.
  std::vector<ValueId> same(f.num_values);
  std::iota(same.begin(), same.end(), ValueId{0});
  bool any = false;
  for (ir::Block& b : f.blocks) {
    std::map<std::pair<ValueId, uint32_t>, ValueId> seen;
    for (size_t i = 0; i < b.insts.size();) {
      Inst& inst = b.insts[i];
      for (ValueId& a : inst.args) a = same[a];
      if (inst.op == Op::FreeRef) {
        auto [it, fresh] = seen.try_emplace({inst.args[0], inst.imm}, inst.result);
        if (!fresh) {
          same[inst.result] = it->second;
          b.insts.erase(b.insts.begin() + static_cast<long>(i));
          any = true;
          continue;
        }
      }
      ++i;
    }
  }
  // Uses in later blocks: the first free-ref dominates every use of the
  // second, since it comes before it in the second's block.
  if (any)
    for (ir::Block& b : f.blocks)
      for (Inst& inst : b.insts)
        for (ValueId& a : inst.args) a = same[a];
}

Function lower(const Proto* p, bool speculate, const Value* sample, uint32_t nsample, InlinedCallees* inlined) {
  std::vector<bool> args, free;
  if (speculate) speculation(p, &args, &free);
  const Function& source = *static_cast<const Function*>(p->ir);
  std::optional<Function> split = split_raw_results(source, p, args);
  Function f = unbox_flonums(split ? *split : source, args, free, !p->jit_no_speculation);
  if (speculate) guard_fixnum_arguments(f, p->jit_speculated_fixnums);
  fold_negated_branches(f);
  known_branch_conditions(f);
  share_free_refs(f);
  raw_self_arguments(f, p);
  finish_raw_results(f);
  std::vector<const Inst*> defs;
  auto definition = [&](ValueId v) -> const Inst* {
    if (defs.empty()) defs = ir::definitions(f);
    return v < defs.size() ? defs[v] : nullptr;
  };
  // (A split moves instructions: `defs` is found again after one.)
  if (size_t n = inline_sampled_primitives(f, p, definition, sample, nsample)) {
    defs.clear();
    if (inlined) inlined->primitives += n;
  }
  if (size_t n = inline_record_calls(f, p, definition, sample, nsample)) {
    defs.clear();
    if (inlined) inlined->records += n;
  }
  // The direct foreign calls code generation will make: the same lookup
  // on the same IR (shadow_ints adds no call and changes no callee).
  shadow_ints(f, [&](const Inst& call) -> const ffi::FfiSignature* {
    const ffi::ForeignProcedure* fp = foreign_target(p, f, definition, call, sample, nsample);
    return fp ? &fp->sig : nullptr;
  });
  // Last: the region it works in is that of the code as generated.
  if (speculate) restart_on_overflow(f);
  return f;
}

}  // namespace kiln::jit
