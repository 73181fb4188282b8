// define-record-type's primitives inline. The expander makes a record
// type's constructor, predicate, accessors and modifiers small closures
// over %record, %record?, %record-ref and %record-set! (expand/derived.cpp),
// so every use of a record runs one of these. Each checks in a few
// instructions what the primitive checks -- a record, of this type, with
// the field -- and does the rest out of line through the primitive itself,
// which gives the VM's results and error messages ("point-x: expected
// record of type point"). A call of an accessor, modifier or predicate
// through its global name runs that closure's body inline at the call
// site (inline_record_procedure), with the call out of line.
#include <cstring>

#include "jit/codegen.h"
#include "ir/ir.h"
#include "jit/jit.h"
#include "runtime/gc.h"
#include "runtime/heap.h"

namespace kiln::jit {

namespace {

constexpr int32_t kRecordRtd = field(offsetof(Record, rtd));
constexpr int32_t kRecordFields = field(offsetof(Record, fields));
constexpr int32_t kRecordTypeFieldNames = field(offsetof(RecordType, field_names));

enum class RecordOp : uint8_t { None, Make, Is, Ref, Set };

RecordOp record_op(const char* name, size_t nargs) {
  if (std::strcmp(name, "%record") == 0) return nargs >= 1 ? RecordOp::Make : RecordOp::None;
  if (std::strcmp(name, "%record?") == 0) return nargs == 2 ? RecordOp::Is : RecordOp::None;
  if (std::strcmp(name, "%record-ref") == 0) return nargs == 4 ? RecordOp::Ref : RecordOp::None;
  if (std::strcmp(name, "%record-set!") == 0) return nargs == 5 ? RecordOp::Set : RecordOp::None;
  return RecordOp::None;
}

/// What a procedure define-record-type made does, read off its IR: `op` on
/// its first argument, with the record type in the global `rtd_cell` and,
/// for an accessor or modifier, the field `index` (a modifier stores its
/// second argument).
struct RecordProcedure {
  RecordOp op = RecordOp::None;
  Value rtd_cell = kFalse;
  int64_t index = 0;
};

/// The IR the expander's lambdas compile to: an entry block that jumps to
/// block 1 with its parameters, and there global-ref of the type, constants,
/// one call-prim of the record primitive on the parameters, and the return
/// of its result.
RecordProcedure record_procedure(const Proto* p) {
  RecordProcedure none;
  const auto* f = static_cast<const ir::Function*>(p->ir);
  if (!f || f->rest || f->blocks.size() != 2 || (f->nreq != 1 && f->nreq != 2)) return none;
  const ir::Block& entry = f->blocks[0];
  const ir::Block& body = f->blocks[1];
  if (entry.insts.size() != 1 || entry.insts[0].op != ir::Op::Jump || entry.insts[0].target[0] != 1 ||
      entry.insts[0].args != entry.params || body.params.size() != entry.params.size() || body.insts.size() < 2)
    return none;
  const ir::Inst& prim = body.insts[body.insts.size() - 2];
  const ir::Inst& ret = body.insts.back();
  if (prim.op != ir::Op::CallPrim || ret.op != ir::Op::Return || ret.args.size() != 1 ||
      ret.args[0] != prim.result || !is_primitive(f->constants[prim.imm]))
    return none;
  RecordOp op = record_op(f->constants[prim.imm].as<Primitive>()->name, prim.args.size());
  // The other instructions: the constants and the type's global-ref that
  // the primitive takes.
  auto defined_by = [&](ir::ValueId v, ir::Op want) -> const ir::Inst* {
    for (size_t i = 0; i + 2 < body.insts.size(); ++i) {
      const ir::Inst& d = body.insts[i];
      if (d.op != ir::Op::Const && d.op != ir::Op::GlobalRef) return nullptr;
      if (d.result == v) return d.op == want ? &d : nullptr;
    }
    return nullptr;
  };
  const auto& args = prim.args;
  bool shape = (op == RecordOp::Is && f->nreq == 1) || (op == RecordOp::Ref && f->nreq == 1) ||
               (op == RecordOp::Set && f->nreq == 2 && args[3] == body.params[2]);
  if (!shape || args[0] != body.params[1]) return none;
  const ir::Inst* type = defined_by(args[1], ir::Op::GlobalRef);
  if (!type) return none;
  RecordProcedure r;
  r.op = op;
  r.rtd_cell = f->constants[type->imm];
  if (op == RecordOp::Ref || op == RecordOp::Set) {
    const ir::Inst* k = defined_by(args[2], ir::Op::Const);
    if (!k) return none;
    Value index = f->constants[k->imm];
    if (!index.is_fixnum() || index.as_fixnum() < 0 || index.as_fixnum() >= (int64_t{1} << 14)) return none;
    r.index = index.as_fixnum();
  }
  return r;
}

}  // namespace

void compile_record_callees(const ir::Function& f) {
  // Never the callees' callees: a record type's name may be rebound to
  // one of its own procedures, whose IR then reads it, and so on forever.
  static bool running = false;
  if (running) return;
  running = true;
  // The global-refs a call takes as its callee.
  std::vector<bool> callee(f.num_values, false);
  for (const ir::Block& b : f.blocks)
    for (const ir::Inst& inst : b.insts)
      if (inst.op == ir::Op::Call || inst.op == ir::Op::TailCall) callee[inst.args[0]] = true;
  for (const ir::Block& b : f.blocks)
    for (const ir::Inst& inst : b.insts) {
      if (inst.op != ir::Op::GlobalRef || !callee[inst.result]) continue;
      Value v = as_cell(f.constants[inst.imm])->value;
      if (!is_closure(v)) continue;
      Proto* p = v.as<Closure>()->proto;
      if (p->native_entry || p->jit_failed || p->jit_forbidden) continue;
      if (record_procedure(p).op != RecordOp::None) compile(p);
    }
  running = false;
}

bool CodeGen::inline_record_procedure(const Closure* known, bool tail, uint32_t base,
                                      const std::function<void()>& call) {
  RecordProcedure r = record_procedure(known->proto);
  if (r.op == RecordOp::None) return false;
  Label slow = a_.newLabel();
  // The type as the procedure's global-ref reads it; kept alive with the
  // code (the address is an immediate).
  (void)jit_constant(r.rtd_cell);
  a_.mov(rcx, imm(reinterpret_cast<uint64_t>(&as_cell(r.rtd_cell)->value)));
  a_.mov(rcx, qword_ptr(rcx));
  a_.mov(rax, fp_word(base + 1));
  if (r.op == RecordOp::Is) {
    // A type that is no record type (or unbound) is the call's to report.
    // Then, as record_primitive's %record?: flags "equal" iff a record of
    // the type.
    Label flags_set = a_.newLabel();
    check_type(Type::RecordType, slow, rcx);
    a_.lea(edx, ptr(rax, -1));
    a_.test(dl, imm(7));
    a_.jnz(flags_set);  // not a heap object: "not equal"
    a_.cmp(byte_ptr(rax, kHeader), imm(static_cast<int>(Type::Record)));
    a_.jne(flags_set);
    a_.cmp(qword_ptr(rax, kRecordRtd), rcx);
    a_.bind(flags_set);
    materialize(CondCode::kE, rax);
  } else {
    // As record_primitive's: a record of this type that has the field.
    check_type(Type::Record, slow);
    a_.cmp(qword_ptr(rax, kRecordRtd), rcx);
    a_.jne(slow);
    a_.cmp(qword_ptr(rax, kHeader), imm(static_cast<int32_t>((r.index + 1) << Object::kSizeShift)));
    a_.jb(slow);
    Mem field = qword_ptr(rax, kRecordFields + static_cast<int32_t>(8 * r.index));
    if (r.op == RecordOp::Ref) {
      a_.mov(rax, field);
    } else {
      a_.mov(rcx, fp_word(base + 2));
      a_.mov(field, rcx);
      a_.mov(eax, imm(static_cast<int32_t>(raw(kUnspecified))));
    }
  }
  if (tail)
    ret();
  else
    record_call_inline_ = true;  // on into `resume` (call_generic binds it next)
  later([this, slow, call] {
    a_.bind(slow);
    call();
  });
  return true;
}

bool CodeGen::record_primitive(const Inst& inst, const Inst* next, bool* fused) {
  RecordOp op = record_op(constant(inst.imm).as<Primitive>()->name, inst.args.size());
  if (op == RecordOp::None) return false;
  const auto& args = inst.args;
  // The field index of an accessor or modifier is a constant; one that is
  // not (a hand-written %record-ref) is left to the primitive.
  int64_t index = 0;
  if (op == RecordOp::Ref || op == RecordOp::Set) {
    Value k = constant_value(args[2]);
    // (index + 1) << kSizeShift, the least header with the field, is an imm32.
    if (!k.is_fixnum() || k.as_fixnum() < 0 || k.as_fixnum() >= (int64_t{1} << 14)) return false;
    index = k.as_fixnum();
  }
  // A constructor allocates inline up to the small objects' size.
  const size_t nfields = args.size() - 1;
  const size_t bytes = sizeof(Record) + 8 * nfields;
  if (op == RecordOp::Make && bytes > kSmallMax) return false;

  Label slow = a_.newLabel(), done = a_.newLabel();
  Label at = inst_;
  switch (op) {
    case RecordOp::Is: {
      // Flags "equal" iff args[0] is a record of type args[1]; a type that
      // is no record type is the primitive's to report.
      Label flags_set = a_.newLabel();
      load(rcx, args[1]);
      check_type(Type::RecordType, slow, rcx);
      load(rax, args[0]);
      a_.lea(edx, ptr(rax, -1));
      a_.test(dl, imm(7));
      a_.jnz(flags_set);  // not a heap object: "not equal"
      a_.cmp(byte_ptr(rax, kHeader), imm(static_cast<int>(Type::Record)));
      a_.jne(flags_set);
      a_.cmp(qword_ptr(rax, kRecordRtd), rcx);
      a_.bind(flags_set);
      bool branched = predicate(inst, next, CondCode::kE);
      *fused = branched;
      if (!branched) a_.bind(done);
      later([this, slow, done, at, inst, branched, next] {
        a_.bind(slow);
        inst_ = at;
        call_primitive(inst);
        if (!branched) {
          a_.jmp(done);
          return;
        }
        cmp_raw(rax, kFalse);
        a_.jne(block_labels_[next->target[0]]);
        a_.jmp(block_labels_[next->target[1]]);
      });
      return true;
    }
    case RecordOp::Ref:
    case RecordOp::Set:
      // A record of this type (the one the accessor was made for) that has
      // the field: the header's size counts the fields.
      load(rax, args[0]);
      check_type(Type::Record, slow);
      load(rcx, args[1]);
      a_.cmp(qword_ptr(rax, kRecordRtd), rcx);
      a_.jne(slow);
      a_.cmp(qword_ptr(rax, kHeader), imm(static_cast<int32_t>((index + 1) << Object::kSizeShift)));
      a_.jb(slow);
      if (op == RecordOp::Ref) {
        a_.mov(rax, qword_ptr(rax, kRecordFields + static_cast<int32_t>(8 * index)));
      } else {
        load(rcx, args[3]);
        a_.mov(qword_ptr(rax, kRecordFields + static_cast<int32_t>(8 * index)), rcx);
        a_.mov(eax, imm(static_cast<int32_t>(raw(kUnspecified))));
      }
      break;
    case RecordOp::Make:
      // Every field given: the type's field count is the argument count.
      load(rcx, args[0]);
      check_type(Type::RecordType, slow, rcx);
      a_.mov(rcx, qword_ptr(rcx, kRecordTypeFieldNames));  // a vector (%make-record-type)
      a_.mov(rdx, qword_ptr(rcx, kHeader));
      a_.shr(rdx, imm(Object::kSizeShift));
      a_.cmp(rdx, imm(static_cast<int32_t>(nfields)));
      a_.jne(slow);
      allocate_small(bytes, Object::make_header(Type::Record, nfields), slow);
      // Nothing collects before the fields are written: no call until done.
      for (size_t i = 0; i < args.size(); ++i) {
        load(rcx, args[i]);
        a_.mov(qword_ptr(rax, static_cast<int32_t>(offsetof(Record, rtd) + 8 * i)), rcx);
      }
      a_.add(rax, imm(1));  // the heap object tag
      break;
    case RecordOp::None:
      break;
  }
  store(inst.result, rax);
  a_.bind(done);
  primitive_out_of_line(inst, slow, done);
  *fused = false;
  return true;
}

}  // namespace kiln::jit
