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
// now), the call is split (jit/call_split.h) on a guard `eq callee K(prim)`
// between the generic call and, inline, exactly what ir::build makes for a
// direct call of the primitive with this many arguments: its inline op or
// a call-prim. So results and errors are the generic call's: a builtin
// primitive ignores argv[-1] (only foreign procedures read it, and they are
// not builtins), and the error names the primitive at the call's location
// either way. A callee that changes takes the generic call; the guard costs
// a compare and a branch there.
#include <algorithm>

#include "jit/call_split.h"
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
  return prim->builtin && prim->direct_call_ok(static_cast<int64_t>(argc)) ? prim : nullptr;
}

struct Site {
  ir::BlockId block;
  size_t index;
  const Primitive* prim;
};

/// Splits f.blocks[s.block] at its call s.index as the comment at the top
/// shows. Instructions before s.index stay where they are.
void split(Function& f, const Site& s, const std::vector<uint32_t>& uses) {
  CallSplit cut(f, s.block, s.index, uses);
  ir::BlockId fast = f.new_block(), slow = f.new_block();
  ValueId callee = cut.call().args[0];
  ValueId same = cut.emit(s.block, Op::Eq, {callee, cut.constant(s.block, Value::object(s.prim))});
  cut.branch(s.block, same, fast, slow);

  std::vector<ValueId> args = cut.arguments();
  ValueId r;
  Op op;
  if (ir::inline_op_for(s.prim->name, args.size(), &op)) {
    r = cut.emit(fast, op, args);
    if (!ir::op_has_result(op)) r = cut.constant(fast, kUnspecified);
  } else {
    r = cut.emit(fast, Op::CallPrim, args, f.constant(Value::object(s.prim)));
  }
  cut.end_with_value(fast, r);
  cut.end_with_call(slow, callee);
  cut.finish();
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
