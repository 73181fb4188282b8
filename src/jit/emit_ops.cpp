// Fixnum arithmetic and compares with their generic slow paths, type
// predicates, and inline pair and vector access.
#include <algorithm>

#include "jit/codegen.h"
#include "jit/helpers.h"
#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/tier.h"

namespace kiln::jit {

void CodeGen::load_binary(const Inst& inst, Label slow) {
  load(rax, inst.args[0]);
  load(rcx, inst.args[1]);
  a_.mov(edx, eax);
  a_.or_(edx, ecx);
  a_.test(dl, imm(1));
  a_.jnz(slow);
}

void CodeGen::arith(const Inst& inst) {
  Label slow = a_.newLabel(), done = a_.newLabel();
  load_binary(inst, slow);
  a_.mov(rdx, rax);
  const void* helper = nullptr;
  switch (inst.op) {
    case Op::Add:
      a_.add(rdx, rcx);
      helper = reinterpret_cast<const void*>(&helper_add);
      break;
    case Op::Sub:
      a_.sub(rdx, rcx);
      helper = reinterpret_cast<const void*>(&helper_sub);
      break;
    default:
      a_.sar(rdx, 1);
      a_.imul(rdx, rcx);
      helper = reinterpret_cast<const void*>(&helper_mul);
      break;
  }
  a_.jo(slow);
  store(inst.result, rdx);
  a_.bind(done);
  slow_binary(slow, done, helper, inst.result);
}

void CodeGen::call_binary_helper(const void* helper, Label at) {
  a_.mov(rdi, rax);
  a_.mov(rsi, rcx);
  call(helper);
  inst_ = at;
  check_raise();
}

void CodeGen::slow_binary(Label slow, Label done, const void* helper, ValueId result) {
  Label at = inst_;
  later([this, slow, done, at, helper, result] {
    a_.bind(slow);
    call_binary_helper(helper, at);
    store(result, rax);
    a_.jmp(done);
  });
}

bool CodeGen::compare(const Inst& inst, const Inst* next) {
  CondCode cc;
  const void* helper;
  switch (inst.op) {
    case Op::Lt: cc = CondCode::kL; helper = reinterpret_cast<const void*>(&helper_lt); break;
    case Op::Le: cc = CondCode::kLE; helper = reinterpret_cast<const void*>(&helper_le); break;
    case Op::Gt: cc = CondCode::kG; helper = reinterpret_cast<const void*>(&helper_gt); break;
    case Op::Ge: cc = CondCode::kGE; helper = reinterpret_cast<const void*>(&helper_ge); break;
    default: cc = CondCode::kE; helper = reinterpret_cast<const void*>(&helper_num_eq); break;
  }
  Label slow = a_.newLabel(), done = a_.newLabel();
  load_binary(inst, slow);
  a_.cmp(rax, rcx);
  if (fusable(inst, next)) {
    branch_on(cc, *next);
    const Inst br = *next;
    Label at = inst_;
    later([this, slow, at, helper, br] {
      a_.bind(slow);
      call_binary_helper(helper, at);
      cmp_raw(rax, kFalse);
      a_.jne(block_labels_[br.target[0]]);
      a_.jmp(block_labels_[br.target[1]]);
    });
    return true;
  }
  materialize(cc, rax);
  store(inst.result, rax);
  a_.bind(done);
  slow_binary(slow, done, helper, inst.result);
  return false;
}

bool CodeGen::predicate(const Inst& inst, const Inst* next, CondCode cc) {
  if (fusable(inst, next)) {
    branch_on(cc, *next);
    return true;
  }
  materialize(cc, rax);
  store(inst.result, rax);
  return false;
}

void CodeGen::allocate_small(size_t bytes, uint64_t header, Label slow) {
  a_.mov(rcx, imm(reinterpret_cast<uint64_t>(&g_small_free[gc_small_class(bytes)])));
  a_.mov(rax, qword_ptr(rcx));
  a_.test(rax, rax);
  a_.jz(slow);
  a_.mov(rdx, qword_ptr(rax));  // the next free object
  a_.mov(qword_ptr(rcx), rdx);
  a_.mov(rdx, imm(header));
  a_.mov(qword_ptr(rax), rdx);  // the header replaces the link word
}

void CodeGen::check_type(Type type, Label slow) {
  a_.mov(edx, eax);
  a_.and_(edx, imm(7));
  a_.cmp(edx, imm(1));
  a_.jne(slow);
  a_.cmp(byte_ptr(rax, kHeader), imm(static_cast<int>(type)));
  a_.jne(slow);
}

void CodeGen::car_cdr(const Inst& inst) {
  bool is_car = inst.op == Op::Car;
  Label slow = a_.newLabel();
  load(rax, inst.args[0]);
  check_type(Type::Pair, slow);
  a_.mov(rax, qword_ptr(rax, is_car ? kCarOffset : kCdrOffset));
  store(inst.result, rax);
  Label at = inst_;
  later([this, slow, at, is_car] {
    a_.bind(slow);
    a_.mov(rdi, rax);
    call(reinterpret_cast<const void*>(is_car ? &helper_car_error : &helper_cdr_error));
    a_.lea(rdx, ptr(at, 1));
    a_.jmp(raise_);
  });
}

void CodeGen::vector_access(const Inst& inst) {
  bool set = inst.op == Op::VectorSet;
  Label slow = a_.newLabel(), done = a_.newLabel();
  load(rax, inst.args[0]);
  load(rcx, inst.args[1]);
  check_type(Type::Vector, slow);
  a_.test(cl, imm(1));
  a_.jnz(slow);
  a_.mov(rdx, qword_ptr(rax, kHeader));
  if (set) {
    a_.test(edx, imm(static_cast<int32_t>(Object::kImmutableBit)));
    a_.jnz(slow);
  }
  a_.shr(rdx, imm(Object::kSizeShift));
  a_.mov(rsi, rcx);
  a_.sar(rsi, 1);
  a_.cmp(rsi, rdx);
  a_.jae(slow);  // unsigned: negative indices too
  if (set) {
    load(rdx, inst.args[2]);
    a_.mov(qword_ptr(rax, rsi, 3, kVectorItems), rdx);
  } else {
    a_.mov(rax, qword_ptr(rax, rsi, 3, kVectorItems));
    store(inst.result, rax);
  }
  a_.bind(done);
  Label at = inst_;
  ValueId result = inst.result;
  ValueId value = set ? inst.args[2] : ir::kNoValue;
  later([this, slow, done, at, set, result, value] {
    a_.bind(slow);
    a_.mov(rdi, rax);
    a_.mov(rsi, rcx);
    if (set) load(rdx, value);
    call(set ? reinterpret_cast<const void*>(&helper_vector_set) : reinterpret_cast<const void*>(&helper_vector_ref));
    inst_ = at;
    check_raise();
    if (!set) store(result, rax);
    a_.jmp(done);
  });
}

}  // namespace kiln::jit
