// Sites of machine code that assume a global's value, and their
// registration on the global's cell (runtime/cell_watch.h, codegen.h).
//
// A site is a 5-byte no-op (`nop dword [rax+rax*1+0]`) in front of the
// specialized path; invalidation overwrites it with `jmp rel32` to the
// site's out-of-line generic path. The known call's generic path reloads
// the cell, stores it as the callee and takes the dispatch; the direct
// foreign call's is the generic call it always had (emit_ffi.cpp). A lean
// direct foreign call's site (no_callback_point) is registered on the
// callbacks instead (ffi/callback.h): the first one patches it into a jump
// to the call's full sequence.
#include "ffi/callback.h"
#include "jit/codegen.h"
#include "jit/fixnum_guards.h"
#include "jit/shadow_trust.h"
#include "runtime/cell_watch.h"
#include "runtime/heap.h"
#include "runtime/tier.h"

namespace kiln::jit {

namespace {

constexpr uint8_t kNop5[5] = {0x0f, 0x1f, 0x44, 0x00, 0x00};

/// Instructions that run no Scheme code and assign no global: between a
/// GlobalRef and its call, they leave the cell as the GlobalRef read it.
/// (Primitives never call back into Scheme, runtime/README.md; their
/// errors, like the arithmetic's, raise and never return here.) Not calls,
/// global stores, or a guard or an add that may restart the function.
bool keeps_globals(const Inst& inst) {
  if (restart_values(inst)) return false;
  switch (inst.op) {
    case Op::Call:
    case Op::TailCall:
    case Op::CallCC:
    case Op::CallCCTail:
    case Op::GlobalSet:
    case Op::GlobalDef:
    case Op::FlGuard:
    case Op::FxGuard:
    case Op::Return:
      return false;
    default:
      return true;  // (a Jump or Branch only passes control on)
  }
}

}  // namespace

Label CodeGen::patchable_nop(const char* what) {
  Label at = a_.newLabel();
  if (a_.logger()) a_.comment(what);
  a_.bind(at);
  a_.embed(kNop5, sizeof kNop5);
  return at;
}

void CodeGen::watch_point(Value cell, Value expected, Label target) {
  watch_site(cell, expected, patchable_nop("; watch: a jump to the generic path once the global is assigned"), target);
}

void CodeGen::watch_site(Value cell, Value expected, Label at, Label target) {
  jit_constant(expected);  // alive as long as the code
  watch_sites_.push_back({cell, expected, at, target});
}

void CodeGen::no_callback_point(Label target) {
  no_callback_sites_.push_back({patchable_nop("; lean: a jump to the full sequence once a foreign-callback exists"), target});
}

bool CodeGen::watchable(const Inst& ref, const Inst& call) const {
  if (ref.op != Op::GlobalRef) return false;
  BlockId ref_block = block_of(&ref);
  // Back from the call to ref through blocks entered only from the one
  // before (single_pred): no loop header, so no OSR entry, on the way.
  BlockId b = block_of(&call);
  const Inst* end = &call;  // the instructions of b before `end` run between
  for (size_t steps = 0; b != kNoBlock && steps <= f_.blocks.size(); ++steps) {
    const Inst* first = b == ref_block ? &ref + 1 : f_.blocks[b].insts.data();
    if (b == ref_block && end <= &ref) return false;
    for (const Inst* i = first; i < end; ++i)
      if (!keeps_globals(*i)) return false;
    if (b == ref_block) return true;
    b = single_pred(b);
    if (b != kNoBlock) end = f_.blocks[b].insts.data() + f_.blocks[b].insts.size();
  }
  return false;
}

const Inst* CodeGen::only_call_of(const Inst& ref) const {
  if (ref.op != Op::GlobalRef || alloc_.uses[ref.result] != 1) return nullptr;
  const Inst* i = users_[ref.result][0];
  return (i->op == Op::Call || i->op == Op::TailCall) && i->args[0] == ref.result ? i : nullptr;
}

const Inst* CodeGen::watched_known_call(const Inst& ref) const {
  const Inst* i = only_call_of(ref);
  return i && watched_callee_ref(*i) == &ref ? i : nullptr;
}

const Inst* CodeGen::watched_callee_ref(const Inst& inst) const {
  const Inst* ref = def_[inst.args[0]];
  if (!ref || !known_callee(inst) || !watchable(*ref, inst)) return nullptr;
  // (Never so, but the two must agree:) a call of the running closure
  // does not reach emit_dispatch (call_generic).
  if (inst.op == Op::Call && running_closure_[inst.args[0]]) return nullptr;
  return ref;
}

bool CodeGen::skips_callee_store(const Inst& call) const {
  if (call.op != Op::Call || !watched_callee_ref(call) || known_local_callee(call, true)) return false;
  return code_ignores_closure(known_callee(call)->proto);
}

bool CodeGen::code_ignores_closure(const Proto* callee) const {
  if (callee == p_) return !reads_closure_;
  return callee->native_entry && !callee->jit_forbidden && callee->native_ignores_closure;
}

ValueId CodeGen::self_identity_test(const Inst& inst) const {
  if (inst.op != Op::Eq) return ir::kNoValue;
  for (int i = 0; i < 2; ++i) {
    const Inst* ref = def_[inst.args[i]];
    if (ref && ref->op == Op::GlobalRef && running_closure_[inst.args[1 - i]]) return inst.args[i];
  }
  return ir::kNoValue;
}

void CodeGen::self_test(ValueId g) {
  Gp r = word_operand(g, rax);
  // The closure the global held when compiling, if one of this Proto: a
  // compare with a code constant. Else (redefined meanwhile, and this code
  // a recompilation) the closure's Proto is compared. Either way ZF is set
  // only for a closure of this Proto.
  Value v = as_cell(constant(def_[g]->imm))->value;
  if (is_closure(v) && v.as<Closure>()->proto == p_) {
    a_.cmp(r, code_constant(v));
    return;
  }
  Label other = a_.newLabel();
  check_type(Type::Closure, other, r);  // (ZF clear where it jumps)
  a_.mov(rdx, qword_ptr(r, kClosureProto));
  a_.mov(rcx, imm(reinterpret_cast<uint64_t>(p_)));  // (the code's own Proto, alive while it runs)
  a_.cmp(rdx, rcx);
  a_.bind(other);
}

ValueId CodeGen::constant_identity_test(const Inst& inst) const {
  if (inst.op != Op::Eq) return ir::kNoValue;
  for (int i = 0; i < 2; ++i) {
    const Inst* ref = def_[inst.args[i]];
    Value k = constant_value(inst.args[1 - i]);
    if (ref && ref->op == Op::GlobalRef && k != kUnbound && as_cell(constant(ref->imm))->value == k)
      return inst.args[i];
  }
  return ir::kNoValue;
}

ValueId CodeGen::watched_identity_test(const Inst& eq, const Inst* next) const {
  if (!fusable(eq, next)) return ir::kNoValue;
  if (ValueId g = constant_identity_test(eq); g != ir::kNoValue) return watchable(*def_[g], eq) ? g : ir::kNoValue;
  ValueId g = self_identity_test(eq);
  if (g == ir::kNoValue || reads_closure_) return ir::kNoValue;
  Value v = as_cell(constant(def_[g]->imm))->value;
  return is_closure(v) && v.as<Closure>()->proto == p_ && watchable(*def_[g], eq) ? g : ir::kNoValue;
}

void CodeGen::find_identity_tests() {
  identity_test_of_.assign(f_.num_values, nullptr);
  for (const ir::Block& b : f_.blocks)
    for (size_t i = 0; i + 1 < b.insts.size(); ++i) {
      ValueId g = constant_identity_test(b.insts[i]);
      if (g == ir::kNoValue && !reads_closure_) g = self_identity_test(b.insts[i]);
      if (g != ir::kNoValue) identity_test_of_[g] = &b.insts[i];
    }
}

const Inst* CodeGen::identity_test_defers_load(const Inst& ref) const {
  if (ref.op != Op::GlobalRef || !identity_test_of_[ref.result]) return nullptr;
  const Inst* eq = identity_test_of_[ref.result];
  const Inst* br = eq + 1;
  if (watched_identity_test(*eq, br) != ref.result) return nullptr;
  // ref in the test's block, and every other use (if any) in the block
  // that only the test's "no" enters.
  BlockId home = block_of(eq);
  const auto& home_insts = f_.blocks[home].insts;
  if (&ref < home_insts.data() || &ref >= eq) return nullptr;
  if (alloc_.uses[ref.result] == 1) return eq;
  BlockId no = br->target[1];
  if (no == br->target[0] || single_pred(no) != home) return nullptr;
  for (const Inst* user : users_[ref.result])
    if (user != eq && block_of(user) != no) return nullptr;
  return eq;
}

void CodeGen::emit_watched_identity_test(const Inst& eq, const Inst& next) {
  ValueId g = watched_identity_test(eq, &next);
  const Inst& ref = *def_[g];
  Value cell = constant(ref.imm);
  Label slow = a_.newLabel();
  watch_site(cell, as_cell(cell)->value,
             patchable_nop("; watch: the yes side while the global holds what it held, else the test"), slow);
  if (next.target[0] != next_) a_.jmp(block_labels_[next.target[0]]);
  bool deferred = identity_test_defers_load(ref) == &eq;
  ValueId k = constant_identity_test(eq) == g ? eq.args[eq.args[0] == g ? 1 : 0] : ir::kNoValue;
  later([this, slow, g, k, next, deferred, cell] {
    a_.bind(slow);
    if (deferred) {
      a_.mov(rcx, imm(reinterpret_cast<uint64_t>(&as_cell(cell)->value)));
      a_.mov(rax, qword_ptr(rcx));
      store(g, rax);
    }
    if (k != ir::kNoValue) {
      load(rcx, k);
      a_.cmp(word_operand(g, rax), rcx);
    } else {
      self_test(g);
    }
    a_.je(block_labels_[next.target[0]]);
    a_.jmp(block_labels_[next.target[1]]);
  });
}

bool CodeGen::compute_reads_closure() const {
  if (f_.blocks[0].params.empty()) return true;
  std::vector<bool> closure(f_.num_values, false);
  closure[f_.blocks[0].params[0]] = true;
  for (bool changed = true; changed;) {
    changed = false;
    for (const ir::Block& b : f_.blocks) {
      const Inst& t = b.insts.back();
      if (t.op != Op::Jump) continue;
      const auto& params = f_.blocks[t.target[0]].params;
      for (size_t i = 0; i < t.args.size() && i < params.size(); ++i)
        if (closure[t.args[i]] && !closure[params[i]]) changed = closure[params[i]] = true;
    }
  }
  for (const ir::Block& b : f_.blocks)
    for (const Inst& inst : b.insts) {
      if (inst.op == Op::Jump || self_identity_test(inst) != ir::kNoValue) continue;
      // (A restart passes the closure on only where the code reads it:
      // CodeGen::restart_without_speculation.)
      for (size_t k = 0; k < inst.args.size(); ++k)
        if (inst.args[k] != ir::kNoValue && closure[inst.args[k]] && (!restart_values(inst) || k != restart_values(inst)))
          return true;
    }
  return false;
}

void register_watch_sites(const CodeGen& gen, const CodeHolder& code, const void* entry) {
  for (const CodeGen::WatchedSite& w : gen.watch_sites()) {
    WatchSite site{entry, static_cast<uint32_t>(code.labelOffsetFromBase(w.at)),
                   static_cast<uint32_t>(code.labelOffsetFromBase(w.target))};
    ++g_tier.stats.watched_sites;
    Cell* cell = as_cell(w.cell);
    if (cell->value == w.expected) {
      watch_cell(cell, site);
    } else {
      g_tier.invalidate_site(site);
      ++g_tier.stats.invalidations;
    }
  }
  for (auto [at, target] : gen.trusted_sites())
    trust_shadows(gen.shadow_trust_id(), {entry, static_cast<uint32_t>(code.labelOffsetFromBase(at)),
                                          static_cast<uint32_t>(code.labelOffsetFromBase(target))});
  for (auto [at, target] : gen.no_callback_sites())
    ffi::watch_no_callbacks({entry, static_cast<uint32_t>(code.labelOffsetFromBase(at)),
                             static_cast<uint32_t>(code.labelOffsetFromBase(target))});
}

}  // namespace kiln::jit
