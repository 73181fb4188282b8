#include "jit/int_shadow.h"

#include <cstdint>

#include "ffi/signature.h"
#include "runtime/heap.h"

namespace kiln::jit {

using ffi::FfiType;
using ir::BlockId;
using ir::Function;
using ir::Inst;
using ir::kNoValue;
using ir::Op;
using ir::ValueId;

bool shadows_result(FfiType t) {
  switch (t) {
    case FfiType::Int8: case FfiType::UInt8: case FfiType::Int16: case FfiType::UInt16:
    case FfiType::Int32: case FfiType::UInt32:
      return true;
    default:
      return false;
  }
}

bool takes_shadow(FfiType t) { return t == FfiType::Int32 || t == FfiType::UInt32; }

namespace {

/// A direct foreign call's instruction and signature.
struct ForeignCall {
  BlockId block;
  size_t index;
  const ffi::FfiSignature* sig;
};

bool has_string_argument(const ffi::FfiSignature& s) {
  for (uint32_t i = 0; i < s.nargs; ++i)
    if (s.args[i] == FfiType::String) return true;
  return false;
}

}  // namespace

void shadow_ints(Function& f, const ForeignSignatureOf& signature_of) {
  std::vector<ForeignCall> calls;
  for (BlockId b = 0; b < f.blocks.size(); ++b)
    for (size_t i = 0; i < f.blocks[b].insts.size(); ++i) {
      const Inst& inst = f.blocks[b].insts[i];
      if (inst.op != Op::Call && inst.op != Op::TailCall) continue;
      if (const ffi::FfiSignature* s = signature_of(inst)) calls.push_back({b, i, s});
    }
  if (calls.empty()) return;  // most functions: nothing to do

  const uint32_t n = f.num_values;
  // The values a shadow can come from at no cost on their path: the
  // results of direct calls returning narrow integers.
  std::vector<bool> source(n, false);
  for (const ForeignCall& c : calls) {
    const Inst& inst = f.blocks[c.block].insts[c.index];
    if (inst.op == Op::Call && shadows_result(c.sig->result)) source[inst.result] = true;
  }
  // Candidate parameters: those some jump passes a source or another
  // candidate (the least fixed point). Not the entry's (the arguments),
  // nor a call/cc join's (a continuation's call passes any value). A jump
  // passing a candidate anything else makes that value's shadow itself:
  // at a loop's entry, once (the loop's first value, an argument, say).
  std::vector<bool> eligible(n, false), candidate(n, false);
  for (BlockId b = 1; b < f.blocks.size(); ++b)
    for (ValueId p : f.blocks[b].params) eligible[p] = true;
  std::vector<std::vector<const Inst*>> jumps_to(f.blocks.size());
  for (const ir::Block& b : f.blocks) {
    const Inst& t = b.insts.back();
    if (t.op == Op::Jump) jumps_to[t.target[0]].push_back(&t);
    if (t.op == Op::CallCC)
      for (ValueId p : f.blocks[t.target[1]].params) eligible[p] = false;
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (BlockId b = 1; b < f.blocks.size(); ++b) {
      const auto& params = f.blocks[b].params;
      for (const Inst* j : jumps_to[b])
        for (size_t i = 0; i < params.size(); ++i) {
          ValueId a = j->args[i];
          if (eligible[params[i]] && !candidate[params[i]] && (source[a] || candidate[a])) {
            candidate[params[i]] = true;
            changed = true;
          }
        }
    }
  }

  // Shadowed: the sources and candidates whose shadow reaches a call's
  // int32/uint32 argument, backwards through the jumps.
  std::vector<bool> shadowed(n, false);
  std::vector<ValueId> work;
  auto reach = [&](ValueId v) {
    if ((source[v] || candidate[v]) && !shadowed[v]) {
      shadowed[v] = true;
      work.push_back(v);
    }
  };
  std::vector<BlockId> param_block(n, 0);
  std::vector<size_t> param_index(n, 0);
  for (BlockId b = 0; b < f.blocks.size(); ++b)
    for (size_t i = 0; i < f.blocks[b].params.size(); ++i) {
      param_block[f.blocks[b].params[i]] = b;
      param_index[f.blocks[b].params[i]] = i;
    }
  for (const ForeignCall& c : calls) {
    if (has_string_argument(*c.sig)) continue;
    const Inst& inst = f.blocks[c.block].insts[c.index];
    for (uint32_t k = 0; k < c.sig->nargs; ++k)
      if (takes_shadow(c.sig->args[k])) reach(inst.args[k + 1]);
  }
  while (!work.empty()) {
    ValueId v = work.back();
    work.pop_back();
    if (!candidate[v]) continue;
    for (const Inst* j : jumps_to[param_block[v]]) reach(j->args[param_index[v]]);
  }
  bool any = false;
  for (ValueId v = 0; v < n && !any; ++v) any = shadowed[v];
  if (!any) return;

  // The rewrite.
  std::vector<ValueId> shadow(n, kNoValue);
  for (ValueId v = 0; v < n; ++v)
    if (shadowed[v]) shadow[v] = f.new_value();
  f.shadow_of.assign(f.num_values, kNoValue);
  for (ValueId v = 0; v < n; ++v)
    if (shadowed[v]) f.shadow_of[shadow[v]] = v;
  auto make = [](Op op, ValueId result, std::vector<ValueId> args, SrcLoc loc) {
    Inst i;
    i.op = op;
    i.result = result;
    i.args = std::move(args);
    i.loc = loc;
    return i;
  };
  // Block parameters' shadows, after the parameters.
  for (ir::Block& b : f.blocks) {
    size_t nparams = b.params.size();
    for (size_t i = 0; i < nparams; ++i)
      if (shadowed[b.params[i]]) b.params.push_back(shadow[b.params[i]]);
  }
  std::vector<std::vector<const ffi::FfiSignature*>> sig_at(f.blocks.size());
  for (BlockId b = 0; b < f.blocks.size(); ++b) sig_at[b].assign(f.blocks[b].insts.size(), nullptr);
  for (const ForeignCall& c : calls)
    if (!has_string_argument(*c.sig)) sig_at[c.block][c.index] = c.sig;
  for (BlockId bi = 0; bi < f.blocks.size(); ++bi) {
    ir::Block& b = f.blocks[bi];
    std::vector<Inst> out;
    out.reserve(b.insts.size() + 2);
    for (size_t i = 0; i < b.insts.size(); ++i) {
      Inst inst = b.insts[i];
      if (const ffi::FfiSignature* s = sig_at[bi][i]) {
        // The call's shadowed int arguments, kept live up to it.
        for (uint32_t k = 0; k < s->nargs; ++k) {
          ValueId a = inst.args[k + 1];
          if (!takes_shadow(s->args[k]) || !shadowed[a]) continue;
          Inst use = make(Op::IntShadowUse, kNoValue, {a, shadow[a]}, inst.loc);
          use.imm = k;
          out.push_back(use);
        }
      }
      if (inst.op == Op::Jump) {
        const ir::Block& to = f.blocks[inst.target[0]];
        size_t nargs = inst.args.size();
        for (size_t k = 0; k < nargs; ++k) {
          if (!shadowed[to.params[k]]) continue;
          ValueId a = inst.args[k];
          if (shadowed[a]) {
            inst.args.push_back(shadow[a]);
          } else {  // made here: a constant's at compile time, else by sar
            ValueId s = f.new_value();
            f.shadow_of.push_back(a);
            out.push_back(make(Op::IntShadow, s, {a}, inst.loc));
            inst.args.push_back(s);
          }
        }
      }
      ValueId result = inst.result;
      SrcLoc loc = inst.loc;
      out.push_back(std::move(inst));
      if (result != kNoValue && result < n && shadowed[result] && source[result])
        out.push_back(make(Op::IntShadow, shadow[result], {result}, loc));
    }
    b.insts = std::move(out);
  }
}

}  // namespace kiln::jit
