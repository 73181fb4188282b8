// Calls of define-record-type's procedures, run inline at the call site.
//
// The expander makes each constructor, predicate, accessor and modifier a
// small closure over one record primitive (expand/derived.cpp):
//
//   (define (point-x obj) (%record-ref obj point 0 'point-x))
//
// and a call of it costs a call: arguments stored, a return address, a
// frame record for the caller. When a call's callee held such a procedure
// as the calling function got hot (a global's value, or the sample's
// argument or free variable), lowering splits the call (jit/call_split.h)
// so that its body runs inline while that stays true:
//
//   b:      g = eq callee K(point-x);  branch g ? type : slow
//   type:   t = global-ref point;  h = eq t K(rtd);  branch h ? check : known
//   check:  ok = call-prim %record? obj t';  branch ok ? fast : known
//   fast:   r = call-prim %record-ref obj t' 0 'point-x           (t' = const K(rtd))
//   slow:   call callee obj
//   known:  call K(point-x) obj
//
// Code generation watches both globals (watch_sites.cpp: while the cell
// holds what it held, each test is a no-op), tests the record once, and
// then knows it (type_facts.cpp), so the field is one load. What the body
// would have raised on never runs inline: an object of another type takes
// the call, whose frame reports it as the VM's does, backtrace included. A
// predicate and a constructor cannot raise once the type is what it was
// (a constructor's argument count is checked here), so they need no check.
#include <algorithm>
#include <cstring>

#include "jit/call_split.h"
#include "jit/codegen.h"
#include "jit/records.h"
#include "jit/unbox.h"
#include "runtime/heap.h"
#include "runtime/primitive.h"

namespace kiln::jit {

using ir::BlockId;
using ir::Function;
using ir::Inst;
using ir::Op;
using ir::ValueId;

RecordOp record_op(const char* name, size_t nargs) {
  if (std::strcmp(name, "%record") == 0) return nargs >= 1 ? RecordOp::Make : RecordOp::None;
  if (std::strcmp(name, "%record?") == 0) return nargs == 2 ? RecordOp::Is : RecordOp::None;
  if (std::strcmp(name, "%record-ref") == 0) return nargs == 4 ? RecordOp::Ref : RecordOp::None;
  if (std::strcmp(name, "%record-set!") == 0) return nargs == 5 ? RecordOp::Set : RecordOp::None;
  return RecordOp::None;
}

namespace {

/// Where one operand of the procedure's record primitive comes from.
struct Operand {
  int arg = -1;            // the procedure's argument (0: the first), or
  Value constant = kUnbound;  // a constant, or (neither) the record type
};

/// What a procedure define-record-type made does, read off its IR: the
/// record primitive `prim` (`op`) on `operands`, the record type read
/// from the global `rtd_cell`.
struct RecordProcedure {
  RecordOp op = RecordOp::None;
  Value prim = kFalse;
  Value rtd_cell = kFalse;
  std::vector<Operand> operands;
};

/// The IR the expander's lambdas compile to: an entry block that jumps to
/// block 1 with its parameters, and there the type's global-ref and
/// constants, one call-prim of the record primitive, and the return of its
/// result.
RecordProcedure record_procedure(const Proto* p) {
  RecordProcedure none;
  const auto* f = static_cast<const Function*>(p->ir);
  if (!f || f->rest || f->blocks.size() != 2) return none;
  const ir::Block& entry = f->blocks[0];
  const ir::Block& body = f->blocks[1];
  if (entry.insts.size() != 1 || entry.insts[0].op != Op::Jump || entry.insts[0].target[0] != 1 ||
      entry.insts[0].args != entry.params || body.params.size() != entry.params.size() || body.insts.size() < 2)
    return none;
  const Inst& prim = body.insts[body.insts.size() - 2];
  const Inst& ret = body.insts.back();
  if (prim.op != Op::CallPrim || ret.op != Op::Return || ret.args[0] != prim.result ||
      !is_primitive(f->constants[prim.imm]))
    return none;
  RecordProcedure r;
  r.op = record_op(f->constants[prim.imm].as<Primitive>()->name, prim.args.size());
  r.prim = f->constants[prim.imm];
  const size_t type_at = r.op == RecordOp::Make ? 0 : 1;
  for (size_t k = 0; k < prim.args.size(); ++k) {
    ValueId a = prim.args[k];
    Operand o;
    auto param = std::find(body.params.begin() + 1, body.params.end(), a);
    const Inst* def = nullptr;
    for (size_t i = 0; i + 2 < body.insts.size(); ++i)
      if (body.insts[i].result == a) def = &body.insts[i];
    if (param != body.params.end()) {
      o.arg = static_cast<int>(param - body.params.begin()) - 1;
    } else if (def && def->op == Op::Const) {
      o.constant = f->constants[def->imm];
    } else if (def && def->op == Op::GlobalRef && k == type_at) {
      r.rtd_cell = f->constants[def->imm];
    } else {
      return none;
    }
    if ((k == type_at) != (o.arg < 0 && o.constant == kUnbound)) return none;
    r.operands.push_back(o);
  }
  // Nothing else in the body but what the operands read.
  for (size_t i = 0; i + 2 < body.insts.size(); ++i)
    if (body.insts[i].op != Op::Const && body.insts[i].op != Op::GlobalRef) return none;
  return r.op == RecordOp::None ? none : r;
}

/// Whether a call of `r` with the record type `rtd` can run inline as the
/// primitive (behind the %record? test for an accessor or modifier): it
/// would raise on nothing else.
bool inlinable(const RecordProcedure& r, Value rtd) {
  if (!has_type(rtd, Type::RecordType)) return false;
  int64_t nfields = vector_length(rtd.as<RecordType>()->field_names);
  switch (r.op) {
    case RecordOp::Make:
      return static_cast<int64_t>(r.operands.size()) - 1 <= nfields;
    case RecordOp::Is:
      return true;
    case RecordOp::Ref:
    case RecordOp::Set: {
      Value index = r.operands[2].constant;
      return r.operands[0].arg >= 0 && index.is_fixnum() && index.as_fixnum() >= 0 && index.as_fixnum() < nfields;
    }
    case RecordOp::None:
      break;
  }
  return false;
}

struct Site {
  BlockId block;
  size_t index;
  uint32_t procedure;  // f's constant: the closure the callee held
  RecordProcedure r;   // (its Values are the callee's IR's constants)
};

/// Splits f.blocks[s.block] at its call s.index as the comment at the top
/// shows.
void split(Function& f, const Site& s, const std::vector<uint32_t>& uses) {
  CallSplit cut(f, s.block, s.index, uses);
  const bool checked = s.r.op == RecordOp::Ref || s.r.op == RecordOp::Set;
  BlockId type = f.new_block(), check = checked ? f.new_block() : 0, fast = f.new_block(), slow = f.new_block(),
          known = f.new_block();
  ValueId callee = cut.call().args[0];
  Value procedure = f.constants[s.procedure];
  cut.branch(s.block, cut.emit(s.block, Op::Eq, {callee, cut.constant(s.block, procedure)}), type, slow);

  Value rtd = as_cell(s.r.rtd_cell)->value;
  ValueId t = cut.emit(type, Op::GlobalRef, {}, f.constant(s.r.rtd_cell));
  cut.branch(type, cut.emit(type, Op::Eq, {t, cut.constant(type, rtd)}), checked ? check : fast, known);

  std::vector<ValueId> args = cut.arguments();
  ValueId t_const = cut.constant(checked ? check : fast, rtd);
  std::vector<ValueId> operands;
  for (const Operand& o : s.r.operands)
    operands.push_back(o.arg >= 0                ? args[static_cast<size_t>(o.arg)]
                       : o.constant != kUnbound ? cut.constant(fast, o.constant)
                                                 : t_const);
  if (checked) {
    // (The registry keeps the primitive alive; its lookup is a scan by name.)
    static const Value record_p = builtin_primitive("%record?");
    ValueId ok = cut.emit(check, Op::CallPrim, {operands[0], t_const}, f.constant(record_p));
    cut.branch(check, ok, fast, known);
  }
  cut.end_with_value(fast, cut.emit(fast, Op::CallPrim, operands, f.constant(s.r.prim)));
  cut.end_with_call(slow, callee);
  cut.end_with_call(known, cut.constant(known, procedure));
  cut.finish();
}

}  // namespace

size_t inline_record_calls(Function& f, const Proto* p, const std::function<const Inst*(ValueId)>& definition,
                           const Value* sample, uint32_t nsample) {
  std::vector<Site> sites;
  for (BlockId b = 0; b < f.blocks.size(); ++b) {
    const auto& insts = f.blocks[b].insts;
    for (size_t i = 0; i < insts.size(); ++i) {
      const Inst& inst = insts[i];
      if (inst.op != Op::Call && inst.op != Op::TailCall) continue;
      Value now = callee_when_compiling(p, f, definition, inst, sample, nsample);
      if (!is_closure(now)) continue;
      const Proto* callee = now.as<Closure>()->proto;
      if (callee->rest || callee->nreq != inst.args.size() - 1) continue;
      RecordProcedure r = record_procedure(callee);
      if (r.op != RecordOp::None && inlinable(r, as_cell(r.rtd_cell)->value))
        sites.push_back({b, i, f.constant(now), std::move(r)});
    }
  }
  // Last first, as inline_sampled_primitives does.
  std::vector<uint32_t> uses = sites.empty() ? std::vector<uint32_t>{} : ir::use_counts(f);
  for (auto s = sites.rbegin(); s != sites.rend(); ++s) split(f, *s, uses);
  return sites.size();
}

}  // namespace kiln::jit
