// What machine code already knows about a value's type, so that a check
// made once is not made again: `(car x)` then `(cdr x)` tests x once.
//
// A fact holds from the instruction that establishes it to every point it
// dominates (values are SSA: a value's type never changes). So a block
// starts with the facts its immediate dominator ends with: for a block
// with a single predecessor, that predecessor's (plus what its branch
// proved on the edge taken); for a join or a loop header, those of the
// block every path to it crosses (an OSR entry into a loop header brings
// the VM's values, which passed the same checks on the VM). Blocks are
// laid out in reverse postorder, so a dominator is emitted first; a cold
// block's dominatees, emitted before it, start with none. Fixnums the
// program's logic proves (fixnum_facts.h) hold everywhere.
#include <cstring>

#include "jit/codegen.h"
#include "jit/records.h"

namespace kiln::jit {

void CodeGen::begin_block_facts(BlockId b) {
  for (ValueId v : known_values_) known_[v] = 0;
  known_values_.clear();
  if (b == kNoBlock) return;
  BlockId pred = single_pred(b);
  BlockId dom = pred != kNoBlock ? pred : fixnum_facts_.idom[b];
  if (dom == FixnumFacts::kNone || dom == b || !block_facts_[dom].emitted) return;
  for (auto [v, kinds] : block_facts_[dom].facts) learn(v, kinds);
  for (auto [v, type] : block_facts_[dom].record_types) known_record_type_[v] = type;
  if (pred == kNoBlock) return;
  // The edge: a branch on (pair? v), (vector? v) or (%record? v type)
  // taken to its true side.
  const Inst& t = f_.blocks[pred].insts.back();
  if (t.op != Op::Branch || t.target[0] != b || t.target[1] == b) return;
  const Inst* test = def_[t.args[0]];
  if (!test) return;
  if (test->op == Op::IsPair) learn(test->args[0], kKnownPair);
  if (test->op != Op::CallPrim) return;
  const char* name = constant(test->imm).as<Primitive>()->name;
  if (test->args.size() == 1 && std::strcmp(name, "vector?") == 0) learn(test->args[0], kKnownVector);
  if (record_op(name, test->args.size()) == RecordOp::Is) learn_record(test->args[0], test->args[1]);
}

void CodeGen::end_block_facts(BlockId b) {
  BlockFacts& out = block_facts_[b];
  out.emitted = true;
  for (ValueId v : known_values_) {
    out.facts.push_back({v, known_[v]});
    if (known_[v] & kKnownRecord) out.record_types.push_back({v, known_record_type_[v]});
  }
}

void CodeGen::learn_record(ValueId v, ValueId type) {
  learn(v, kKnownRecord);
  known_record_type_[v] = type;
}

bool CodeGen::known_record(ValueId v, ValueId type) const {
  if (!known(v, kKnownRecord)) return false;
  ValueId k = known_record_type_[v];
  return k == type || (constant_value(k) != kUnbound && constant_value(k) == constant_value(type));
}

void CodeGen::learn(ValueId v, uint8_t kinds) {
  if (!known_[v]) known_values_.push_back(v);
  known_[v] |= kinds;
}

void CodeGen::init_facts() {
  fixnum_facts_ = infer_fixnum_facts(f_, def_);
  known_.assign(f_.num_values, 0);
  known_record_type_.assign(f_.num_values, ir::kNoValue);
  block_facts_.assign(f_.blocks.size(), BlockFacts{});
}

}  // namespace kiln::jit
