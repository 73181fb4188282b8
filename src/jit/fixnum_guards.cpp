// The entry header's fixnum guard: which arguments get one (fixnum_guards.h).
#include "jit/fixnum_guards.h"

#include <algorithm>
#include <cstring>

#include "ir/regalloc.h"
#include "jit/fixnum_facts.h"
#include "jit/restartable.h"
#include "runtime/object.h"

namespace kiln::jit {

using ir::BlockId;
using ir::Inst;
using ir::Op;
using ir::ValueId;

namespace {

// The arguments of `inst` that machine code tests for a fixnum tag before
// its fast path (emit_ops.cpp, emit_intrinsics.cpp), as a bit mask.
uint32_t tag_tested_arguments(const ir::Function& f, const Inst& inst) {
  switch (inst.op) {
    case Op::Add: case Op::Sub: case Op::Mul:
    case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: case Op::NumEq:
      return 0b11;
    case Op::VectorRef: case Op::VectorSet:
      return 0b10;
    case Op::CallPrim: {
      const char* name = f.constants[inst.imm].as<Primitive>()->name;
      for (const char* two : {"quotient", "remainder", "modulo"})
        if (std::strcmp(name, two) == 0 && inst.args.size() == 2) return 0b11;
      if (std::strcmp(name, "string-set!") == 0 && inst.args.size() == 3) return 0b10;
      for (const char* one : {"zero?", "even?", "odd?", "integer->char"})
        if (std::strcmp(name, one) == 0 && inst.args.size() == 1) return 0b1;
      for (const char* index : {"string-ref", "list-tail", "list-ref"})
        if (std::strcmp(name, index) == 0 && inst.args.size() == 2) return 0b10;
      return 0;
    }
    default:
      return 0;
  }
}

}  // namespace

bool guard_fixnum_arguments(ir::Function& f, uint64_t fixnums) {
  if (!fixnums || f.rest || f.blocks.empty()) return false;
  const ir::Block& entry = f.blocks[0];
  const Inst& jump = entry.insts.back();
  if (jump.op != Op::Jump || jump.target[0] == 0) return false;
  BlockId h = jump.target[0];
  const auto& params = f.blocks[h].params;
  if (params.size() != entry.params.size()) return false;
  auto raw = [&](ValueId v) { return v < f.raw.size() && f.raw[v]; };
  // Header parameter -> its argument's index + 1, for those that may be
  // guarded: passed straight from the entry (not a flonum guard's double).
  std::vector<uint32_t> argument(f.num_values, 0);
  bool any = false;
  for (uint32_t i = 0; i < f.nreq && i < 64; ++i)
    if ((fixnums >> i) & 1 && jump.args[1 + i] == entry.params[1 + i] && !raw(params[1 + i])) {
      argument[params[1 + i]] = i + 1;
      any = true;
    }
  if (!any) return false;
  // What a guard saves: a tag test per use, many per use inside an inner
  // loop. One use outside loops saves nothing: the guard is a test too,
  // and runs on paths that never reach the use.
  std::vector<std::vector<BlockId>> loops = ir::enclosing_loops(f);
  std::vector<uint32_t> worth(f.nreq, 0);
  for (BlockId b = 0; b < f.blocks.size(); ++b) {
    bool inner = std::any_of(loops[b].begin(), loops[b].end(), [&](BlockId l) { return l != h; });
    for (const Inst& inst : f.blocks[b].insts) {
      uint32_t tested = tag_tested_arguments(f, inst);
      for (size_t k = 0; tested >> k; ++k)
        if ((tested >> k) & 1 && k < inst.args.size())
          if (uint32_t a = argument[inst.args[k]]) worth[a - 1] += inner ? 2 : 1;
    }
  }
  Inst guard = ir::make_inst(Op::FxGuard, ir::kNoValue, {}, f.loc);
  for (uint32_t i = 0; i < f.nreq; ++i)
    if (worth[i] >= 2) guard.args.push_back(params[1 + i]);
  if (guard.args.empty()) return false;
  guard.imm = static_cast<uint32_t>(guard.args.size());
  guard.args.insert(guard.args.end(), params.begin(), params.end());
  auto& insts = f.blocks[h].insts;
  insts.insert(insts.begin(), std::move(guard));
  return true;
}

size_t restart_on_overflow(ir::Function& f) {
  BlockId h = entry_header(f);
  if (h == 0 || !guarded_fixnum_arguments(f)) return 0;
  std::vector<uint32_t> prefix = restartable_prefixes(f);
  // (The facts, the costly part, only where some add may be marked.)
  if (std::none_of(prefix.begin(), prefix.end(), [](uint32_t n) { return n > 0; })) return 0;
  std::vector<const Inst*> def = ir::definitions(f);
  FixnumFacts facts = infer_fixnum_facts(f, def);
  auto raw = [&](ValueId v) { return v < f.raw.size() && f.raw[v]; };
  // What a result known to be a fixnum saves: a tag test where an
  // operation tests it, and the guard where a call passes it (a self
  // call then enters past the guard) or the header takes it back.
  std::vector<bool> worth(f.num_values, false);
  for (const ir::Block& b : f.blocks)
    for (const Inst& inst : b.insts) {
      uint32_t tested = tag_tested_arguments(f, inst);
      for (size_t k = 0; k < inst.args.size(); ++k) {
        bool passed = ((inst.op == Op::Call || inst.op == Op::TailCall) && k > 0) ||
                      (inst.op == Op::Jump && inst.target[0] == h);
        if ((k < 32 && (tested >> k) & 1) || passed) worth[inst.args[k]] = true;
      }
    }
  const std::vector<ValueId>& restart = f.blocks[h].params;
  size_t marked = 0;
  for (BlockId b = 0; b < f.blocks.size(); ++b)
    for (uint32_t i = 0; i < prefix[b]; ++i) {
      Inst& inst = f.blocks[b].insts[i];
      if ((inst.op != Op::Add && inst.op != Op::Sub) || inst.args.size() != 2 || raw(inst.result) ||
          facts.exact[inst.result] || !facts.fixnum[inst.args[0]] || !facts.fixnum[inst.args[1]] ||
          !worth[inst.result])
        continue;
      inst.args.insert(inst.args.end(), restart.begin(), restart.end());
      inst.imm = 1;
      ++marked;
    }
  return marked;
}

uint64_t guarded_fixnum_arguments(const ir::Function& f) {
  if (f.blocks.empty() || f.blocks[0].insts.back().op != Op::Jump) return 0;
  const ir::Block& header = f.blocks[f.blocks[0].insts.back().target[0]];
  const Inst& guard = header.insts.front();
  if (guard.op != Op::FxGuard) return 0;
  uint64_t mask = 0;
  for (uint32_t k = 0; k < guard.imm; ++k) {
    auto at = std::find(header.params.begin(), header.params.end(), guard.args[k]);
    if (at != header.params.end() && at != header.params.begin() && at - header.params.begin() <= 64)
      mask |= uint64_t{1} << (at - header.params.begin() - 1);
  }
  return mask;
}

}  // namespace kiln::jit
