// Raw returns for a function's direct calls of itself: jit/raw_returns.h.
#include "jit/raw_returns.h"

#include <algorithm>
#include <map>

#include "ir/regalloc.h"
#include "jit/raw_self_calls.h"

namespace kiln::jit {

using ir::BlockId;
using ir::Function;
using ir::Inst;
using ir::Op;
using ir::ValueId;

namespace {

/// The split may at most double a function and add this many instructions
/// more: fibfp's two calls take it from 12 instructions to 26.
constexpr size_t kGrowthSlack = 64;

size_t instruction_count(const Function& f) {
  size_t n = 0;
  for (const ir::Block& b : f.blocks) n += b.insts.size();
  return n;
}

class Splitter {
 public:
  Splitter(Function& f, const Proto* p) : f_(f), own_ref_(f.num_values, false) {
    for (const ir::Block& b : f.blocks)
      for (const Inst& inst : b.insts)
        if (inst.result != ir::kNoValue && holds_own_closure(f, p, inst)) own_ref_[inst.result] = true;
  }

  /// Splits every self call's continuation in the blocks worth it; false
  /// if there was none or f grew past the bound.
  bool run() {
    const size_t limit = 2 * instruction_count(f_) + kGrowthSlack;
    std::vector<BlockId> work;
    for (BlockId b = 0; b < f_.blocks.size(); ++b) work.push_back(b);
    bool any = false;
    for (size_t w = 0; w < work.size(); ++w) {
      BlockId b = work[w];
      if (f_.blocks[b].cold) continue;  // a boxed side: after a boxed return only
      const auto& insts = f_.blocks[b].insts;
      for (size_t i = 0; i + 1 < insts.size(); ++i) {
        if (!self_call(insts[i]) || insts[i + 1].op == Op::RawResult) continue;
        split(b, i, &work);
        any = true;
        if (instruction_count(f_) > limit) return false;
        break;  // the rest of b moved into the new blocks, which the work list has
      }
    }
    return any;
  }

  /// Whether the function has a block the split cannot copy.
  static bool has_callcc(const Function& f) {
    for (const ir::Block& b : f.blocks)
      for (const Inst& inst : b.insts)
        if (inst.op == Op::CallCC || inst.op == Op::CallCCTail) return true;
    return false;
  }

 private:
  Function& f_;
  std::vector<bool> own_ref_;  // value -> a global-ref of the function's own closure
  std::map<ValueId, ValueId> renamed_;  // in the copy being made: original -> copy
  std::map<BlockId, BlockId> copies_;   // likewise for blocks

  bool self_call(const Inst& inst) const {
    return inst.op == Op::Call && inst.args.size() == f_.nreq + 1 && own_ref_[inst.args[0]] &&
           inst.result != ir::kNoValue;
  }

  ValueId fresh_copy(ValueId v) {
    ValueId c = f_.new_value();
    own_ref_.push_back(own_ref_[v]);
    renamed_[v] = c;
    return c;
  }

  std::vector<Inst> copy_insts(std::vector<Inst> insts, std::vector<BlockId>* work) {
    for (Inst& inst : insts) {
      for (ValueId& a : inst.args)
        if (auto it = renamed_.find(a); it != renamed_.end()) a = it->second;
      if (inst.result != ir::kNoValue) inst.result = fresh_copy(inst.result);
      int targets = inst.op == Op::Jump ? 1 : inst.op == Op::Branch || inst.op == Op::RawResult ? 2 : 0;
      for (int k = 0; k < targets; ++k) inst.target[k] = copy_block(inst.target[k], work);
    }
    return insts;
  }

  /// The copy of block t in the region being copied, made on first need
  /// (a join reached twice is copied once).
  BlockId copy_block(BlockId t, std::vector<BlockId>* work) {
    if (auto it = copies_.find(t); it != copies_.end()) return it->second;
    BlockId c = f_.new_block();
    copies_[t] = c;
    std::vector<ValueId> params = f_.blocks[t].params;
    for (ValueId& p : params) p = fresh_copy(p);
    f_.blocks[c].params = std::move(params);
    f_.blocks[c].cold = f_.blocks[t].cold;
    std::vector<Inst> insts = copy_insts(f_.blocks[t].insts, work);
    f_.blocks[c].insts = std::move(insts);
    work->push_back(c);
    return c;
  }

  /// Block b's call at i: its continuation becomes the boxed side, and a
  /// copy of it (with the blocks it reaches) the raw side.
  void split(BlockId b, size_t i, std::vector<BlockId>* work) {
    std::vector<Inst> rest(f_.blocks[b].insts.begin() + static_cast<long>(i) + 1, f_.blocks[b].insts.end());
    f_.blocks[b].insts.resize(i + 1);
    const Inst& call = f_.blocks[b].insts[i];
    ValueId v = call.result;
    SrcLoc loc = call.loc;
    BlockId boxed = f_.new_block();
    f_.blocks[boxed].cold = true;
    f_.blocks[boxed].insts = rest;
    BlockId raw = f_.new_block();
    ValueId d = f_.new_value();
    own_ref_.push_back(false);
    f_.blocks[raw].params = {d};
    renamed_ = {{v, d}};
    copies_.clear();
    std::vector<Inst> copy = copy_insts(std::move(rest), work);
    f_.blocks[raw].insts = std::move(copy);
    work->push_back(raw);
    Inst test;
    test.op = Op::RawResult;
    test.args = {v};
    test.target[0] = raw;
    test.target[1] = boxed;
    test.loc = loc;
    f_.blocks[b].insts.push_back(std::move(test));
  }
};

}  // namespace

std::optional<Function> split_raw_results(const Function& f, const Proto* p, const std::vector<bool>& speculate) {
  // raw_self_arguments's conditions that can be known before lowering: a
  // guarded argument, and the shape.
  if (std::find(speculate.begin(), speculate.end(), true) == speculate.end()) return std::nullopt;
  if (!raw_entry_shape(f)) return std::nullopt;
  std::vector<const Inst*> defs = ir::definitions(f);
  bool any = false;
  for (const ir::Block& b : f.blocks)
    for (const Inst& inst : b.insts) any = any || calls_own_closure(f, p, inst, defs);
  if (!any || Splitter::has_callcc(f)) return std::nullopt;
  Function g = ir::copy_without_children(f);
  if (!Splitter(g, p).run()) return std::nullopt;
  return g;
}

bool returns_raw(const Inst& box, const Inst& ret) {
  return ret.op == Op::Return && ret.args.size() == 2 && (box.op == Op::FlBox || box.op == Op::FlRebox) &&
         box.result == ret.args[0] && &box + 1 == &ret;
}

void finish_raw_results(Function& f) {
  bool any = false;
  for (const ir::Block& b : f.blocks) any = any || b.insts.back().op == Op::RawResult;
  if (!any) return;
  if (f.raw_entry.empty()) {
    for (ir::Block& b : f.blocks) {
      Inst& t = b.insts.back();
      if (t.op != Op::RawResult) continue;
      t.op = Op::Jump;
      t.args.clear();
      t.target[0] = t.target[1];
      f.blocks[t.target[0]].cold = false;  // the only way on now
    }
    return;
  }
  // The flag: the first argument's box, #f on the raw entry only (the
  // ordinary entry's argument passed its guard, so it is a flonum).
  const auto& params1 = f.blocks[1].params;
  auto first_box = std::find(f.raw_entry.begin(), f.raw_entry.end(), -1);
  if (first_box == f.raw_entry.end()) return;
  ValueId flag = params1[static_cast<size_t>(first_box - f.raw_entry.begin())];
  std::vector<uint32_t> uses = ir::use_counts(f);
  for (ir::Block& b : f.blocks) {
    if (b.insts.size() < 2) continue;
    Inst& ret = b.insts.back();
    const Inst& box = b.insts[b.insts.size() - 2];
    if (ret.op != Op::Return || ret.args.size() != 1 || uses[ret.args[0]] != 1) continue;
    ret.args.push_back(flag);
    if (!returns_raw(box, ret)) ret.args.pop_back();
  }
}

}  // namespace kiln::jit
