// What a call's callee is when its function is compiled, and calls of
// builtin primitives made through a variable: `(fold + 0 l)`,
// `(filter even? l)`, `(map car l)`.
//
// Such a call's callee is a procedure value, so it takes the generic call:
// the closure test fails, then the primitive's type, control flag and arity
// are tested at run time and its C function is called through argv, where
// `+` loops over its arguments' types. A builtin primitive called directly
// (`(+ a b)`) is an inline op or a CallPrim instead. So when the callee
// held a builtin primitive as the function got hot (the sample: an
// argument or the running closure's free variable; or a global's value
// now), the call is split on a guard:
//
//   b:      ...  g = eq callee K(prim);  branch g ? fast : slow
//   fast:   r1 = <prim's inline op, or call-prim> args;  jump join(r1)
//   slow:   r2 = call callee args;  jump join(r2)
//   join(r): the rest of b, r in place of the call's result
//
// (for a tail call, fast returns r1 and slow keeps the tail call). The fast
// side is exactly what ir::build makes for a direct call of the primitive
// with this many arguments, so results and errors are the generic call's:
// a builtin primitive ignores argv[-1] (only foreign procedures read it,
// and they are not builtins), and the error names the primitive at the
// call's location either way. A callee that changes takes the slow side;
// the guard costs a compare and a branch there.
#include <algorithm>

#include "jit/codegen.h"
#include "jit/unbox.h"
#include "runtime/heap.h"

namespace kiln::jit {

using ir::Function;
using ir::Inst;
using ir::Op;
using ir::ValueId;

Value callee_when_compiling(const Proto* p, const Function& f,
                            const std::function<const Inst*(ValueId)>& definition, const Inst& inst,
                            const Value* sample, uint32_t nsample) {
  ValueId callee = inst.args[0];
  const Inst* def = definition(callee);
  if (def && def->op == Op::GlobalRef) return as_cell(f.constants[def->imm])->value;
  if (def && def->op == Op::FreeRef) {
    // Of the running closure (the analyzer reads no other closure's free
    // variables; a loop header's parameter carries it), which cannot change.
    if (nsample >= 1 && is_closure(sample[0]) && sample[0].as<Closure>()->proto == p &&
        def->imm < sample[0].as<Closure>()->size())
      return sample[0].as<Closure>()->free[def->imm];
    return kUnbound;
  }
  if (!def) {
    // An argument: a parameter of the entry block, or of the block its jump
    // passes them to (the function's loop header, where its body starts).
    const ir::Block& entry = f.blocks[0];
    const Inst& jump = entry.insts.back();
    bool header = jump.op == Op::Jump && jump.args == entry.params;
    for (uint32_t k = 1; k < entry.params.size() && k < nsample; ++k)
      if (entry.params[k] == callee || (header && f.blocks[jump.target[0]].params[k] == callee)) return sample[k];
  }
  return kUnbound;
}

namespace {

/// The builtin primitive `v` is, if a direct call of it with `argc`
/// arguments would compile to an inline op or a CallPrim (ir/build.cpp's
/// builtin_primitive). Else nullptr.
const Primitive* direct_primitive(Value v, size_t argc) {
  if (!is_primitive(v)) return nullptr;
  const auto* prim = v.as<Primitive>();
  auto n = static_cast<int64_t>(argc);
  bool arity_ok = n >= prim->min_args && (prim->max_args < 0 || n <= prim->max_args);
  return prim->builtin && !prim->control && arity_ok ? prim : nullptr;
}

Inst make(Op op, ValueId result, std::vector<ValueId> args, uint32_t imm, const SrcLoc& loc) {
  Inst i;
  i.op = op;
  i.result = result;
  i.args = std::move(args);
  i.imm = imm;
  i.loc = loc;
  return i;
}

struct Site {
  ir::BlockId block;
  size_t index;
  const Primitive* prim;
};

/// Splits f.blocks[s.block] at its call s.index as the comment at the top
/// shows. Instructions before s.index stay where they are.
void split(Function& f, const Site& s, const std::vector<uint32_t>& uses) {
  // `join` takes what follows the call, unless that is only the block's
  // terminator and the call's result is used nowhere else: each side then
  // ends with its own copy. (Blocks are all made first: references into
  // f.blocks follow.)
  const auto& insts = f.blocks[s.block].insts;
  bool needs_join = false;
  if (insts[s.index].op != Op::TailCall) {
    ValueId result = insts[s.index].result;
    needs_join = insts.size() - s.index - 1 != 1 ||
                 std::count(insts.back().args.begin(), insts.back().args.end(), result) != uses[result];
  }
  ir::BlockId fast = f.new_block(), slow = f.new_block(), join = needs_join ? f.new_block() : 0;
  ir::Block& b = f.blocks[s.block];
  Inst call = std::move(b.insts[s.index]);
  std::vector<Inst> rest(std::make_move_iterator(b.insts.begin() + static_cast<long>(s.index) + 1),
                         std::make_move_iterator(b.insts.end()));
  b.insts.resize(s.index);

  ValueId k = f.new_value(), same = f.new_value();
  b.insts.push_back(make(Op::Const, k, {}, f.constant(Value::object(s.prim)), call.loc));
  b.insts.push_back(make(Op::Eq, same, {call.args[0], k}, 0, call.loc));
  Inst br = make(Op::Branch, ir::kNoValue, {same}, 0, call.loc);
  br.target[0] = fast;
  br.target[1] = slow;
  b.insts.push_back(std::move(br));

  std::vector<ValueId> args(call.args.begin() + 1, call.args.end());
  std::vector<Inst>& fi = f.blocks[fast].insts;
  ValueId r = f.new_value();
  Op op;
  if (ir::inline_op_for(s.prim->name, args.size(), &op)) {
    if (ir::op_has_result(op)) {
      fi.push_back(make(op, r, args, 0, call.loc));
    } else {
      fi.push_back(make(op, ir::kNoValue, args, 0, call.loc));
      fi.push_back(make(Op::Const, r, {}, f.constant(kUnspecified), call.loc));
    }
  } else {
    fi.push_back(make(Op::CallPrim, r, args, f.constant(Value::object(s.prim)), call.loc));
  }

  std::vector<Inst>& si = f.blocks[slow].insts;
  if (call.op == Op::TailCall) {
    fi.push_back(make(Op::Return, ir::kNoValue, {r}, 0, call.loc));
    si.push_back(std::move(call));
    return;
  }
  ValueId result = call.result;
  call.result = f.new_value();
  auto ending = [&](Inst t, ValueId with) {
    for (ValueId& a : t.args)
      if (a == result) a = with;
    return t;
  };
  if (!needs_join) {
    // (A branch on a predicate's result, say, whose inline test then fuses
    // with the fast side's copy.)
    fi.push_back(ending(rest[0], r));
    si.push_back(ending(std::move(rest[0]), call.result));
    si.insert(si.begin(), std::move(call));
    return;
  }
  Inst to_join = make(Op::Jump, ir::kNoValue, {r}, 0, call.loc);
  to_join.target[0] = join;
  fi.push_back(to_join);
  to_join.args = {call.result};
  si.push_back(std::move(call));
  si.push_back(std::move(to_join));
  f.blocks[join].params = {result};
  f.blocks[join].insts = std::move(rest);
}

}  // namespace

size_t inline_sampled_primitives(Function& f, const Proto* p,
                                 const std::function<const Inst*(ValueId)>& definition, const Value* sample,
                                 uint32_t nsample) {
  std::vector<Site> sites;
  for (ir::BlockId b = 0; b < f.blocks.size(); ++b) {
    const auto& insts = f.blocks[b].insts;
    for (size_t i = 0; i < insts.size(); ++i) {
      const Inst& inst = insts[i];
      if (inst.op != Op::Call && inst.op != Op::TailCall) continue;
      Value now = callee_when_compiling(p, f, definition, inst, sample, nsample);
      if (const Primitive* prim = direct_primitive(now, inst.args.size() - 1)) sites.push_back({b, i, prim});
    }
  }
  // Last first: a split moves only what follows its call, so the sites
  // before it, in its block, stay where they were found.
  // (A split that copies a terminator leaves the counts of the values it
  // passes too high, which can only make a later split keep its join.)
  std::vector<uint32_t> uses = sites.empty() ? std::vector<uint32_t>{} : ir::use_counts(f);
  for (auto s = sites.rbegin(); s != sites.rend(); ++s) split(f, *s, uses);
  return sites.size();
}

}  // namespace kiln::jit
