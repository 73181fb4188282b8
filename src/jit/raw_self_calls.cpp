// Raw arguments for a function's direct calls of itself: jit/raw_self_calls.h.
#include "jit/raw_self_calls.h"

#include <algorithm>
#include <map>

#include "ir/regalloc.h"
#include "runtime/heap.h"

namespace kiln::jit {

using ir::BlockId;
using ir::Function;
using ir::Inst;
using ir::Op;
using ir::ValueId;

bool holds_own_closure(const Function& f, const Proto* p, const Inst& ref) {
  if (ref.op != Op::GlobalRef) return false;
  Value v = as_cell(f.constants[ref.imm])->value;
  return is_closure(v) && v.as<Closure>()->proto == p;
}

bool calls_own_closure(const Function& f, const Proto* p, const Inst& call, const std::vector<const Inst*>& defs) {
  if (call.op != Op::Call || call.args.size() != f.nreq + 1) return false;
  const Inst* ref = defs[call.args[0]];
  return ref && holds_own_closure(f, p, *ref);
}

namespace {

bool passes_fresh_boxes(const Inst& call, const std::vector<uint32_t>& raw_args, const std::vector<const Inst*>& defs,
                        const std::vector<uint32_t>& uses) {
  for (uint32_t k : raw_args) {
    const Inst* box = defs[call.args[k]];
    if (!box || box->op != Op::FlBox || uses[call.args[k]] != 1) return false;
  }
  return true;
}

}  // namespace

std::vector<uint32_t> raw_argument_indices(const Function& f) {
  std::vector<uint32_t> raw_args;
  if (f.raw_entry.empty()) return raw_args;
  const auto& params = f.blocks[1].params;
  for (size_t j = 0; j < params.size(); ++j)
    if (f.raw_entry[j] > 0 && params[j] < f.raw.size() && f.raw[params[j]])
      raw_args.push_back(static_cast<uint32_t>(f.raw_entry[j]));
  return raw_args;
}

bool raw_self_call(const Function& f, const Proto* p, const Inst& call, const std::vector<const Inst*>& defs,
                   const std::vector<uint32_t>& uses) {
  if (f.raw_entry.empty() || !calls_own_closure(f, p, call, defs)) return false;
  return passes_fresh_boxes(call, raw_argument_indices(f), defs, uses);
}

bool raw_entry_shape(const Function& f) {
  if (f.rest || f.blocks.size() < 2 || f.blocks[0].params.size() != f.nreq + 1) return false;
  const Inst& entry_jump = f.blocks[0].insts.back();
  if (entry_jump.op != Op::Jump || entry_jump.target[0] != 1) return false;
  // No loop, so no OSR entry (which would have to make the new parameters
  // from an interpreter frame), and block 1 entered from block 0 alone.
  std::vector<BlockId> order;
  std::vector<uint32_t> index;
  ir::layout_blocks(f, &order, &index);
  for (BlockId b : order)
    for (BlockId s : ir::successors(f.blocks[b]))
      if (index[b] >= index[s] || (s == 1 && b != 0)) return false;
  return true;
}

void raw_self_arguments(Function& f, const Proto* p) {
  if (!raw_entry_shape(f)) return;
  const Inst& entry_jump = f.blocks[0].insts.back();
  // Block 0: entry guards, then the jump; where block 1's parameters come
  // from, as slots of the frame the call made.
  std::vector<const Inst*> defs = ir::definitions(f);
  const auto& params0 = f.blocks[0].params;
  auto slot_of = [&](ValueId v) -> int32_t {
    auto it = std::find(params0.begin(), params0.end(), v);
    return it == params0.end() ? -1 : static_cast<int32_t>(it - params0.begin());
  };
  for (size_t i = 0; i + 1 < f.blocks[0].insts.size(); ++i)
    if (f.blocks[0].insts[i].op != Op::FlGuard) return;
  std::vector<int32_t> entry;
  std::vector<std::pair<ValueId, ValueId>> guarded;  // (the argument's box, block 1's raw parameter)
  const auto& params1 = f.blocks[1].params;
  for (size_t j = 0; j < entry_jump.args.size(); ++j) {
    ValueId a = entry_jump.args[j];
    if (int32_t k = slot_of(a); k >= 0) {
      entry.push_back(k);
    } else if (const Inst* g = defs[a]; g && g->op == Op::FlGuard && g->args.size() == 1 && slot_of(g->args[0]) > 0) {
      entry.push_back(slot_of(g->args[0]));
      guarded.push_back({g->args[0], params1[j]});
    } else {
      return;
    }
  }
  if (guarded.empty()) return;
  f.raw_entry = entry;  // (raw_self_call reads it)
  std::vector<uint32_t> uses = ir::use_counts(f);
  // The raw calls' boxes of raw arguments, each moved to right before its
  // call: the call reads the double the box would have boxed, which must
  // still be where it lives there. (Lowering boxes a value right after
  // its definition when it is not about to return.)
  std::map<ValueId, std::vector<ValueId>> boxes_of;  // call result -> its raw arguments' boxes
  std::vector<bool> sunk(f.num_values, false);
  std::vector<uint32_t> raw_args = raw_argument_indices(f);
  for (const ir::Block& b : f.blocks)
    for (const Inst& inst : b.insts)
      if (raw_self_call(f, p, inst, defs, uses))
        for (uint32_t k : raw_args) {
          boxes_of[inst.result].push_back(inst.args[k]);
          sunk[inst.args[k]] = true;
        }
  if (boxes_of.empty()) {
    f.raw_entry.clear();
    return;
  }
  std::map<ValueId, Inst> box_insts;
  for (ir::Block& b : f.blocks)
    std::erase_if(b.insts, [&](const Inst& inst) {
      if (inst.result == ir::kNoValue || !sunk[inst.result]) return false;
      box_insts[inst.result] = inst;
      return true;
    });
  for (ir::Block& b : f.blocks)
    for (size_t i = 0; i < b.insts.size(); ++i) {
      auto it = b.insts[i].result == ir::kNoValue ? boxes_of.end() : boxes_of.find(b.insts[i].result);
      if (it == boxes_of.end() || b.insts[i].op != Op::Call) continue;
      for (ValueId box : it->second) b.insts.insert(b.insts.begin() + static_cast<long>(i++), box_insts[box]);
    }

  // Each argument's box becomes a parameter of block 1 as well.
  std::vector<std::pair<ValueId, std::pair<ValueId, ValueId>>> rebox;  // box -> (its parameter, the raw one)
  for (auto [box, raw] : guarded) {
    ValueId param = f.new_value();
    f.blocks[1].params.push_back(param);
    f.blocks[0].insts.back().args.push_back(box);
    f.raw_entry.push_back(-1);
    rebox.push_back({box, {param, raw}});
  }
  // A box used in more than one block gets one fl-rebox, at block 1's
  // start (which dominates them all): one per block would make a raw
  // entry's argument two different flonums where the VM has one (the
  // value passed on to a join and read there again, then compared by eq?).
  std::vector<std::pair<ValueId, ValueId>> shared;  // box -> its one fl-rebox
  for (const auto& [box, unused] : rebox) {
    int blocks = 0;
    for (BlockId b = 1; b < f.blocks.size() && blocks < 2; ++b) {
      bool uses = false;
      for (const Inst& inst : f.blocks[b].insts)
        uses = uses || std::find(inst.args.begin(), inst.args.end(), box) != inst.args.end();
      blocks += uses;
    }
    if (blocks >= 2) shared.push_back({box, f.new_value()});
  }
  auto make_rebox = [](ValueId result, std::pair<ValueId, ValueId> with, SrcLoc loc) {
    Inst r;
    r.op = Op::FlRebox;
    r.result = result;
    r.args = {with.first, with.second};
    r.loc = loc;
    return r;
  };
  for (BlockId b = 1; b < f.blocks.size(); ++b) {
    std::vector<Inst> out;
    std::vector<std::pair<ValueId, ValueId>> here = shared;  // box -> its fl-rebox for this block
    if (b == 1)
      for (const auto& [box, result] : shared) {
        // (An init-capture: clang 14 cannot capture a structured binding.)
        auto it = std::find_if(rebox.begin(), rebox.end(), [key = box](const auto& x) { return x.first == key; });
        out.push_back(make_rebox(result, it->second, f.blocks[1].insts.front().loc));
      }
    for (Inst inst : f.blocks[b].insts) {
      for (ValueId& a : inst.args)
        for (const auto& [box, with] : rebox) {
          if (a != box) continue;
          auto it = std::find_if(here.begin(), here.end(), [key = box](const auto& h) { return h.first == key; });
          if (it == here.end()) {
            out.push_back(make_rebox(f.new_value(), with, inst.loc));
            here.push_back({box, out.back().result});
            it = here.end() - 1;
          }
          a = it->second;
        }
      out.push_back(std::move(inst));
    }
    f.blocks[b].insts = std::move(out);
  }
  f.raw.resize(f.num_values, false);
}

}  // namespace kiln::jit
