#include "jit/unbox.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "ir/regalloc.h"
#include "jit/restartable.h"
#include "runtime/heap.h"
#include "runtime/proto.h"

namespace kiln::jit {

using ir::BlockId;
using ir::Function;
using ir::Inst;
using ir::kNoValue;
using ir::Op;
using ir::ValueId;

namespace {

/// Instructions whose code generation takes either a raw double or a
/// Scheme value in every argument position (`flonum_result`: whether the
/// instruction's result is a flonum).
bool takes_raw(const Function& g, const Inst& inst, bool flonum_result) {
  return is_arith(inst.op) || is_compare(inst.op) || (flonum_result && float_prim(g, inst) != FloatPrim::None);
}

}  // namespace

FloatPrim float_prim(const Function& f, const Inst& inst) {
  if (inst.op != Op::CallPrim) return FloatPrim::None;
  const char* name = f.constants[inst.imm].as<Primitive>()->name;
  size_t n = inst.args.size();
  if (n == 2 && std::strcmp(name, "/") == 0) return FloatPrim::Div;
  if (n == 1 && std::strcmp(name, "sqrt") == 0) return FloatPrim::Sqrt;
  if (n == 1 && (std::strcmp(name, "inexact") == 0 || std::strcmp(name, "exact->inexact") == 0))
    return FloatPrim::Inexact;
  if (n == 1 && libm_function(f, inst)) return FloatPrim::Libm;
  return FloatPrim::None;
}

double (*libm_function(const Function& f, const Inst& inst))(double) {
  if (inst.op != Op::CallPrim || inst.args.size() != 1) return nullptr;
  const char* name = f.constants[inst.imm].as<Primitive>()->name;
  // Those whose primitive is this function of the argument as a double
  // (runtime/prim_number_math.cpp), for every real argument.
  static const struct {
    const char* name;
    double (*fn)(double);
  } table[] = {{"exp", [](double x) { return std::exp(x); }},
               {"sin", [](double x) { return std::sin(x); }},
               {"cos", [](double x) { return std::cos(x); }},
               {"tan", [](double x) { return std::tan(x); }},
               {"atan", [](double x) { return std::atan(x); }}};
  for (const auto& e : table)
    if (std::strcmp(name, e.name) == 0) return e.fn;
  return nullptr;
}

namespace {

// The vector-refs whose element machine code may assume to be a flonum,
// as (block, index): those whose value some arithmetic takes, reached from
// the loop header (the entry block's jump target) along single-predecessor
// edges through repeatable instructions only (restartable.h). A failed check (fl-guard with
// the header's parameters as further arguments) can then restart the
// iteration as a call with those values, in code made without speculation:
// everything since the header runs again, to the same effect.
std::vector<std::pair<BlockId, size_t>> element_guards(const Function& g) {
  std::vector<std::pair<BlockId, size_t>> out;
  std::vector<uint32_t> prefix = restartable_prefixes(g);
  std::vector<bool> raw_use(g.num_values, false);
  for (const ir::Block& b : g.blocks)
    for (const Inst& inst : b.insts)
      if (takes_raw(g, inst, true))
        for (ValueId a : inst.args) raw_use[a] = true;
  for (BlockId b = 0; b < g.blocks.size(); ++b)
    for (size_t i = 0; i < prefix[b]; ++i)
      if (g.blocks[b].insts[i].op == Op::VectorRef && raw_use[g.blocks[b].insts[i].result]) out.push_back({b, i});
  return out;
}

}  // namespace

Function unbox_flonums(const Function& f, const std::vector<bool>& speculate, const std::vector<bool>& speculate_free,
                       bool speculate_elements) {
  Function g = ir::copy_without_children(f);

  // Guards first: a speculated argument's raw double replaces it wherever a
  // raw double can go; every other use keeps the argument itself.
  std::vector<ValueId> guarded(f.num_values, kNoValue);  // argument -> its guard
  std::vector<Inst> guards;
  for (size_t i = 0; i < speculate.size(); ++i) {
    if (!speculate[i]) continue;
    ValueId arg = g.blocks[0].params[1 + i];
    guarded[arg] = g.new_value();
    guards.push_back(ir::make_inst(Op::FlGuard, guarded[arg], {arg}, f.loc));
  }
  // Free variables: a free-ref of the running closure (the entry block's
  // first parameter, or a loop header's parameter every jump passes it to)
  // reads the same value for the whole activation, so one guard at entry,
  // on a free-ref of its own, covers all the free-refs of that variable.
  std::vector<ValueId> free_twin;  // guard -> its entry free-ref, for boxing
  if (!speculate_free.empty()) {
    ValueId closure = g.blocks[0].params[0];
    std::vector<bool> self = running_closure_values(g);
    std::vector<ValueId> guard_of(speculate_free.size(), kNoValue);
    for (const ir::Block& b : g.blocks)
      for (const Inst& inst : b.insts) {
        if (inst.op != Op::FreeRef || !self[inst.args[0]] || inst.imm >= speculate_free.size() ||
            !speculate_free[inst.imm])
          continue;
        if (guard_of[inst.imm] == kNoValue) {
          Inst read = ir::make_inst(Op::FreeRef, g.new_value(), {closure}, f.loc);
          read.imm = inst.imm;
          guard_of[inst.imm] = g.new_value();
          guards.push_back(read);
          guards.push_back(ir::make_inst(Op::FlGuard, guard_of[inst.imm], {read.result}, f.loc));
          free_twin.resize(g.num_values, kNoValue);
          free_twin[guard_of[inst.imm]] = read.result;
        }
        guarded.resize(g.num_values, kNoValue);
        guarded[inst.result] = guard_of[inst.imm];
      }
  }
  // Vector elements: see element_guards.
  std::vector<std::pair<BlockId, std::pair<size_t, Inst>>> element_guards_at;
  if (speculate_elements) {
    for (auto& [b, at] : element_guards(g)) {
      ValueId v = g.blocks[b].insts[at].result;
      Inst guard = ir::make_inst(Op::FlGuard, g.new_value(), {v}, g.blocks[b].insts[at].loc);
      const Inst& entry_jump = g.blocks[0].insts.back();
      for (ValueId p : g.blocks[entry_jump.target[0]].params) guard.args.push_back(p);
      guarded.resize(g.num_values, kNoValue);
      guarded[v] = guard.result;
      element_guards_at.push_back({b, {at, guard}});
    }
  }
  if (!guards.empty() || !element_guards_at.empty()) {
    for (ir::Block& b : g.blocks)
      for (Inst& inst : b.insts)
        if (takes_raw(g, inst, true) || inst.op == Op::Jump)
          for (ValueId& a : inst.args)
            if (a < guarded.size() && guarded[a] != kNoValue) a = guarded[a];
    auto& entry = g.blocks[0].insts;
    entry.insert(entry.begin(), guards.begin(), guards.end());
    // Right after each element's vector-ref (later positions first, so the
    // earlier ones stay valid).
    for (size_t i = element_guards_at.size(); i-- > 0;) {
      auto& [b, where] = element_guards_at[i];
      size_t at = where.first + 1 + (b == 0 ? guards.size() : 0);
      g.blocks[b].insts.insert(g.blocks[b].insts.begin() + static_cast<long>(at), where.second);
    }
  }

  // Which values are flonums: the greatest fixed point, starting from "all
  // of them" except the entry block's parameters (unknown arguments).
  std::vector<bool> flo(g.num_values, true);
  for (ValueId p : g.blocks[0].params) flo[p] = false;
  // Nor a call/cc's join parameter: a call of the continuation passes any
  // value, boxed.
  for (const ir::Block& b : g.blocks)
    if (b.insts.back().op == Op::CallCC) flo[g.blocks[b.insts.back().target[1]].params[0]] = false;
  for (bool changed = true; changed;) {
    changed = false;
    for (const ir::Block& b : g.blocks) {
      for (const Inst& inst : b.insts) {
        if (inst.result != kNoValue) {
          bool is = false;
          if (inst.op == Op::Const) is = is_flonum(g.constants[inst.imm]);
          else if (inst.op == Op::FlGuard) is = true;
          else if (is_arith(inst.op)) is = flo[inst.args[0]] || flo[inst.args[1]];
          else
            switch (float_prim(g, inst)) {
              case FloatPrim::Div: is = flo[inst.args[0]] || flo[inst.args[1]]; break;
              case FloatPrim::Sqrt: is = flo[inst.args[0]]; break;
              case FloatPrim::Inexact: is = true; break;
              case FloatPrim::Libm: is = true; break;
              case FloatPrim::None: break;
            }
          if (flo[inst.result] != is) {
            flo[inst.result] = is;
            changed = true;
          }
        }
        if (inst.op == Op::Jump) {
          const auto& params = g.blocks[inst.target[0]].params;
          for (size_t i = 0; i < params.size(); ++i)
            if (flo[params[i]] && !flo[inst.args[i]]) {
              flo[params[i]] = false;
              changed = true;
            }
        }
      }
    }
  }

  // Raw: every flonum but a constant (loaded from the constant table, it
  // is boxed already) and the entry parameters.
  std::vector<bool> raw(g.num_values, false);
  std::vector<ValueId> original(g.num_values, kNoValue);  // guard -> the argument
  for (BlockId b = 1; b < g.blocks.size(); ++b)
    for (ValueId p : g.blocks[b].params) raw[p] = flo[p];
  for (const ir::Block& b : g.blocks)
    for (const Inst& inst : b.insts)
      if (inst.result != kNoValue && inst.op != Op::Const) raw[inst.result] = flo[inst.result];
  // Most functions compute on no flonum: with no raw value and no guard,
  // everything below leaves g as it is (a product of unknowns is made raw
  // only for a use whose result is raw), so the copy is the lowering. This
  // saves the larger part of lowering's time for them.
  if (guards.empty() && element_guards_at.empty() && std::find(raw.begin(), raw.end(), true) == raw.end()) {
    g.raw = std::move(raw);
    return g;
  }
  // Raw too: the result of + - * on unknown operands whose every use is
  // + - * with a flonum result (so with a flonum other operand): that use
  // converts it to a double anyway, so it may as well be computed as one.
  // (In a dot product the product of two vector elements never gets boxed.)
  // Exactness is kept: the operation on two exactly converted fixnums
  // rounds once, as the use's conversion of the exact result would; a
  // fixnum beyond 2^53 and every other kind of number take the generic
  // routine, converted afterwards. Only one level: a chain of such values
  // would round at each step where the exact operations round once at the
  // end. Compares are no such use either: they compare exactly.
  {
    std::vector<std::vector<const Inst*>> users(g.num_values);
    for (const ir::Block& b : g.blocks)
      for (const Inst& inst : b.insts)
        for (ValueId a : inst.args) users[a].push_back(&inst);
    std::vector<bool> inexact_use(g.num_values, false);  // the candidates
    for (const ir::Block& b : g.blocks)
      for (const Inst& inst : b.insts)
        if (is_arith(inst.op) && !flo[inst.result] && inst.args[0] != inst.args[1]) inexact_use[inst.result] = true;
    for (ValueId v = 0; v < g.num_values; ++v) {
      if (!inexact_use[v]) continue;
      bool ok = !users[v].empty();
      for (const Inst* u : users[v])
        ok = ok && is_arith(u->op) && u->args[0] != u->args[1] && flo[u->result];
      inexact_use[v] = ok;
    }
    for (ValueId v = 0; v < g.num_values; ++v)
      if (inexact_use[v]) raw[v] = true;
  }
  for (size_t a = 0; a < guarded.size(); ++a)
    if (guarded[a] != kNoValue) original[guarded[a]] = static_cast<ValueId>(a);
  for (size_t v = 0; v < free_twin.size(); ++v)
    if (free_twin[v] != kNoValue) original[v] = free_twin[v];  // the entry's read dominates every use
  // A parameter of a block that only one jump reaches is that jump's
  // argument: a guarded argument passed on to the loop header of a
  // function that never loops (fibfp's n) keeps its box, so returning it
  // allocates nothing.
  {
    std::vector<const Inst*> only_jump(g.blocks.size(), nullptr);
    std::vector<uint32_t> reached(g.blocks.size(), 0);
    for (const ir::Block& b : g.blocks)
      for (BlockId s : ir::successors(b)) {
        ++reached[s];
        if (b.insts.back().op == Op::Jump) only_jump[s] = &b.insts.back();
      }
    for (BlockId b = 1; b < g.blocks.size(); ++b) {
      if (reached[b] != 1 || !only_jump[b]) continue;  // (one edge, and it is that jump)
      const auto& params = g.blocks[b].params;
      for (size_t i = 0; i < params.size(); ++i)
        if (raw[params[i]] && original[only_jump[b]->args[i]] != kNoValue)
          original[params[i]] = original[only_jump[b]->args[i]];
    }
  }

  // The uses that need a Scheme value get the boxed twin, made right after
  // the raw value's definition -- unless every such use is in a block that
  // runs less often: one that leaves the function (a return, a tail call),
  // which runs at most once per activation, or one outside a loop the
  // definition is in. Those box where they are: a loop's sum is boxed when
  // the loop returns it, not on every iteration for a tail call that the
  // self jump almost always replaces, and a contified loop's sum when the
  // loop is left (a jump to the code after it), not on every iteration.
  std::vector<bool> exits(g.blocks.size(), false);
  for (BlockId b = 0; b < g.blocks.size(); ++b) {
    Op last = g.blocks[b].insts.back().op;
    exits[b] = last == Op::Return || last == Op::TailCall;
  }
  std::vector<std::vector<BlockId>> loops = ir::enclosing_loops(g);
  std::vector<BlockId> def_block(g.num_values, 0);
  for (BlockId b = 0; b < g.blocks.size(); ++b) {
    for (ValueId p : g.blocks[b].params) def_block[p] = b;
    for (const Inst& inst : g.blocks[b].insts)
      if (inst.result != kNoValue) def_block[inst.result] = b;
  }
  // Whether a use of v in block b may box v there: b runs less often.
  auto colder = [&](BlockId b, ValueId v) {
    if (exits[b]) return true;
    const auto& in = loops[b];
    const auto& of_def = loops[def_block[v]];
    if (in.size() >= of_def.size()) return false;
    for (BlockId h : in)
      if (std::find(of_def.begin(), of_def.end(), h) == of_def.end()) return false;
    return true;
  };
  std::vector<bool> needs_box(g.num_values, false);
  for (BlockId b = 0; b < g.blocks.size(); ++b) {
    for (const Inst& inst : g.blocks[b].insts) {
      if (inst.op == Op::Jump) {
        const auto& params = g.blocks[inst.target[0]].params;
        for (size_t i = 0; i < params.size(); ++i)
          if (raw[inst.args[i]] && !raw[params[i]] && !colder(b, inst.args[i])) needs_box[inst.args[i]] = true;
      } else if (inst.op == Op::FlGuard) {
        // An element guard's further arguments, raw or not, are only read
        // when it fails (code generation boxes them there).
      } else if (!takes_raw(g, inst, inst.result != kNoValue && flo[inst.result])) {
        for (ValueId a : inst.args)
          if (raw[a] && !colder(b, a)) needs_box[a] = true;
      }
    }
  }
  std::vector<ValueId> boxed(g.num_values, kNoValue);
  std::vector<bool> made(g.num_values, false);  // the twin is a new fl-box
  uint32_t before = g.num_values;
  for (ValueId v = 0; v < before; ++v) {
    if (!needs_box[v]) continue;
    if (original[v] != kNoValue) {
      boxed[v] = original[v];
    } else {
      boxed[v] = g.new_value();
      made[v] = true;
    }
  }

  std::vector<uint32_t> uses(before, 0);
  for (BlockId bi = 0; bi < g.blocks.size(); ++bi) {
    ir::Block& b = g.blocks[bi];
    std::vector<Inst> out;
    out.reserve(b.insts.size());
    for (ValueId p : b.params)
      if (made[p]) out.push_back(ir::make_inst(Op::FlBox, boxed[p], {p}, SrcLoc{}));
    // In a block that leaves the function: a raw value with no twin yet is
    // boxed here, once, before its first use that needs a Scheme value.
    std::vector<std::pair<ValueId, ValueId>> here;  // raw value -> its box in this block
    auto box_of = [&](ValueId a, SrcLoc loc) {
      if (boxed[a] != kNoValue) return boxed[a];
      if (original[a] != kNoValue) return original[a];
      for (auto [v, box] : here)
        if (v == a) return box;
      ValueId box = g.new_value();
      out.push_back(ir::make_inst(Op::FlBox, box, {a}, loc));
      ++uses[a];
      here.push_back({a, box});
      return box;
    };
    for (Inst inst : b.insts) {
      if (inst.op == Op::Jump) {
        const auto& params = g.blocks[inst.target[0]].params;
        for (size_t i = 0; i < params.size(); ++i) {
          ValueId a = inst.args[i];
          if (raw[params[i]] && !raw[a]) {
            ValueId u = g.new_value();
            out.push_back(ir::make_inst(Op::FlUnbox, u, {a}, inst.loc));
            inst.args[i] = u;
          } else if (!raw[params[i]] && raw[a]) {
            inst.args[i] = box_of(a, inst.loc);
          }
        }
      } else if (inst.op != Op::FlGuard &&
                 !takes_raw(g, inst, inst.result != kNoValue && inst.result < before && flo[inst.result])) {
        for (ValueId& a : inst.args)
          if (a < before && raw[a]) a = box_of(a, inst.loc);
      }
      for (ValueId a : inst.args)
        if (a < before) ++uses[a];
      ValueId result = inst.result;
      out.push_back(std::move(inst));
      if (result != kNoValue && made[result])
        out.push_back(ir::make_inst(Op::FlBox, boxed[result], {result}, SrcLoc{}));
    }
    b.insts = std::move(out);
  }
  for (const ir::Block& b : g.blocks)
    for (ValueId p : b.params)
      if (made[p]) ++uses[p];

  // A guard whose raw double nothing uses is dropped.
  auto& entry = g.blocks[0].insts;
  for (size_t i = 0; i < entry.size();) {
    if (entry[i].op == Op::FlGuard && uses[entry[i].result] == 0 && !made[entry[i].result])
      entry.erase(entry.begin() + static_cast<long>(i));
    else
      ++i;
  }

  raw.resize(g.num_values, false);
  for (ir::Block& b : g.blocks)
    for (const Inst& inst : b.insts)
      if (inst.op == Op::FlUnbox) raw[inst.result] = true;
  g.raw = std::move(raw);
  return g;
}

std::vector<bool> running_closure_values(const Function& f) {
  std::vector<bool> self(f.num_values, false);
  if (f.blocks[0].params.empty()) return self;
  self[f.blocks[0].params[0]] = true;
  for (BlockId b = 1; b < f.blocks.size(); ++b)
    for (ValueId p : f.blocks[b].params) self[p] = true;
  for (const ir::Block& b : f.blocks) {
    const Inst& t = b.insts.back();
    if (t.op == Op::CallCC) self[f.blocks[t.target[1]].params[0]] = false;  // a continuation's value
    if (t.op == Op::RawResult) self[f.blocks[t.target[0]].params[0]] = false;  // a call's double
  }
  for (bool changed = true; changed;) {  // the greatest fixed point
    changed = false;
    for (const ir::Block& b : f.blocks) {
      const Inst& t = b.insts.back();
      if (t.op != Op::Jump) continue;
      const auto& params = f.blocks[t.target[0]].params;
      for (size_t i = 0; i < params.size(); ++i)
        if (self[params[i]] && !self[t.args[i]]) {
          self[params[i]] = false;
          changed = true;
        }
    }
  }
  return self;
}

void speculation(const Proto* p, std::vector<bool>* args, std::vector<bool>* free) {
  const auto& ir = *static_cast<const ir::Function*>(p->ir);
  args->clear();
  free->clear();
  if (p->jit_speculated_args) {
    args->resize(ir.nreq);
    for (uint32_t i = 0; i < ir.nreq && i < 64; ++i) (*args)[i] = (p->jit_speculated_args >> i) & 1;
  }
  for (uint32_t i = 0; i < 64; ++i)
    if ((p->jit_speculated_free >> i) & 1) {
      free->resize(i + 1);
      (*free)[i] = true;
    }
}

}  // namespace kiln::jit
