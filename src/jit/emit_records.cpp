// define-record-type's primitives inline. The expander makes a record
// type's constructor, predicate, accessors and modifiers small closures
// over %record, %record?, %record-ref and %record-set! (expand/derived.cpp),
// so every use of a record runs one of these. Each checks in a few
// instructions what the primitive checks -- a record, of this type, with
// the field -- and does the rest out of line through the primitive itself,
// which gives the VM's results and error messages ("point-x: expected
// record of type point"). Calls of the procedures themselves run their
// primitive inline (record_calls.cpp), with the record type a constant
// and, for an accessor or modifier, the record already tested (a fact,
// type_facts.cpp): then the field is one load or store.
#include <cstring>

#include "jit/codegen.h"
#include "ir/ir.h"
#include "jit/jit.h"
#include "jit/records.h"
#include "runtime/gc.h"
#include "runtime/heap.h"

namespace kiln::jit {

namespace {

constexpr int32_t kRecordRtd = field(offsetof(Record, rtd));
constexpr int32_t kRecordFields = field(offsetof(Record, fields));
constexpr int32_t kRecordTypeFieldNames = field(offsetof(RecordType, field_names));

}  // namespace

ValueId CodeGen::record_type_constant(const Inst& inst) const {
  RecordOp op = record_op(constant(inst.imm).as<Primitive>()->name, inst.args.size());
  if (op == RecordOp::None) return ir::kNoValue;
  ValueId t = inst.args[op == RecordOp::Make ? 0 : 1];
  return has_type(constant_value(t), Type::RecordType) ? t : ir::kNoValue;
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
  // A record type that is a constant (record_calls.cpp) needs no check of
  // its own, and its field count is known here.
  const Value type = constant_value(args[op == RecordOp::Make ? 0 : 1]);
  const bool constant_type = has_type(type, Type::RecordType);
  const int64_t type_fields = constant_type ? vector_length(type.as<RecordType>()->field_names) : -1;
  if (op == RecordOp::Make && constant_type && type_fields != static_cast<int64_t>(nfields)) return false;

  Label slow = a_.newLabel(), done = a_.newLabel();
  Label at = inst_;
  bool checked = true;  // whether any check jumps to slow
  switch (op) {
    case RecordOp::Is: {
      // Flags "equal" iff args[0] is a record of type args[1]; a type that
      // is no record type is the primitive's to report.
      Label flags_set = a_.newLabel();
      load(rcx, args[1]);
      if (!constant_type) check_type(Type::RecordType, slow, rcx);
      load(rax, args[0]);
      a_.lea(edx, ptr(rax, -1));
      a_.test(dl, imm(7));
      a_.jnz(flags_set);  // not a heap object: "not equal"
      a_.cmp(byte_ptr(rax, kHeader), imm(static_cast<int>(Type::Record)));
      a_.jne(flags_set);
      a_.cmp(qword_ptr(rax, kRecordRtd), rcx);
      a_.bind(flags_set);
      clear_dead_slots(inst);  // (movs: the flags stay)
      bool branched = predicate(inst, next, CondCode::kE);
      *fused = branched;
      if (!branched) a_.bind(done);
      if (constant_type) return true;  // (nothing jumps to slow)
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
      // the field: the header's size counts the fields. A record already
      // known to be of a constant type that has the field has it: %record
      // gives every record of a type all of the type's fields.
      load(rax, args[0]);
      checked = !(known_record(args[0], args[1]) && index < type_fields);
      if (checked) {
        check_type(Type::Record, slow);
        load(rcx, args[1]);
        a_.cmp(qword_ptr(rax, kRecordRtd), rcx);
        a_.jne(slow);
        a_.cmp(qword_ptr(rax, kHeader), imm(static_cast<int32_t>((index + 1) << Object::kSizeShift)));
        a_.jb(slow);
      }
      learn_record(args[0], args[1]);  // (else the primitive raised)
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
      if (!constant_type) {
        load(rcx, args[0]);
        check_type(Type::RecordType, slow, rcx);
        a_.mov(rcx, qword_ptr(rcx, kRecordTypeFieldNames));  // a vector (%make-record-type)
        a_.mov(rdx, qword_ptr(rcx, kHeader));
        a_.shr(rdx, imm(Object::kSizeShift));
        a_.cmp(rdx, imm(static_cast<int32_t>(nfields)));
        a_.jne(slow);
      }
      allocate_small(bytes, Object::make_header(Type::Record, nfields), slow);
      // Nothing collects before the fields are written: no call until done.
      for (size_t i = 0; i < args.size(); ++i) {
        load(rcx, args[i]);
        a_.mov(qword_ptr(rax, static_cast<int32_t>(offsetof(Record, rtd) + 8 * i)), rcx);
      }
      a_.add(rax, imm(1));  // the heap object tag
      learn_record(inst.result, args[0]);
      break;
    case RecordOp::None:
      break;
  }
  store(inst.result, rax);
  a_.bind(done);
  clear_dead_slots(inst);
  if (checked) primitive_out_of_line(inst, slow, done);
  *fused = false;
  return true;
}

}  // namespace kiln::jit
