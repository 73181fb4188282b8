// Fixnum arithmetic and compares with their generic slow paths, type
// predicates, and inline pair and vector access.
#include <algorithm>
#include <cstring>

#include "jit/codegen.h"
#include "jit/fixnum_guards.h"
#include "jit/helpers.h"
#include "jit/unbox.h"
#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/literal.h"
#include "runtime/tier.h"

namespace kiln::jit {

Value CodeGen::constant_value(ValueId v) const {
  const Inst* d = def_[v];
  return d && d->op == Op::Const ? constant(d->imm) : kUnbound;
}

uint32_t CodeGen::raw_mask(const Inst& inst) const {
  uint32_t mask = 0;
  for (size_t i = 0; i < inst.args.size() && i < 2; ++i)
    if (is_raw(inst.args[i])) mask |= 1u << i;
  return mask;
}

bool CodeGen::fixnum_immediate(ValueId v, int32_t* raw_out) const {
  Value c = constant_value(v);
  if (!c.is_fixnum() || static_cast<int64_t>(raw(c)) != static_cast<int32_t>(raw(c))) return false;
  *raw_out = static_cast<int32_t>(raw(c));
  return true;
}

Gp CodeGen::word_operand(ValueId v, const Gp& scratch) {
  if (in_reg(v) && !unneeded_[v]) return reg(v);
  load(scratch, v);
  return scratch;
}

void CodeGen::check_fixnums(const Gp& a, const Gp* b, Label slow) {
  if (!b) {
    a_.test(a.r8(), imm(1));
  } else {
    a_.mov(edx, a.r32());
    a_.or_(edx, b->r32());
    a_.test(dl, imm(1));
  }
  a_.jnz(slow);
}

bool CodeGen::check_unknown_fixnums(ValueId x, const Gp& xr, ValueId y, const Gp* yr, Label slow) {
  bool check_x = !known(x, kKnownFixnum), check_y = yr && !known(y, kKnownFixnum);
  if (check_x && check_y)
    check_fixnums(xr, yr, slow);
  else if (check_x || check_y)
    check_fixnums(check_x ? xr : *yr, nullptr, slow);
  return check_x || check_y;
}

void CodeGen::load_operands(const Inst& inst) {
  load(rax, inst.args[0]);
  load(rcx, inst.args[1]);
}

bool CodeGen::constant_first(const Inst& inst) const {
  int32_t k;
  return (inst.op == Op::Add || inst.op == Op::Mul) && inst.args[0] != inst.args[1] &&
         fixnum_immediate(inst.args[0], &k) && !fixnum_immediate(inst.args[1], &k);
}

void CodeGen::arith(const Inst& inst) {
  Label slow = a_.newLabel(), done = a_.newLabel();
  int32_t k = 0;
  bool immediate = fixnum_immediate(inst.args[1], &k);
  // (* 3 n), (+ 1 n): the constant is the immediate all the same (the
  // slow path puts the operands back in order, for the generic routine's
  // messages).
  bool swapped = constant_first(inst);
  if (swapped) {
    fixnum_immediate(inst.args[0], &k);
    immediate = true;
  }
  // The fast path reads the operands where they live and computes into
  // the result's register (rdx if it has none), which is never an
  // operand's: both live here, so the allocator keeps them apart. So the
  // operands are intact for the slow path, overflow or not.
  ValueId xv = inst.args[swapped ? 1 : 0];
  ValueId result = inst.result;
  bool to_reg = result != ir::kNoValue && alloc_.slot[result] != UINT32_MAX && alloc_.uses[result] > 0 && in_reg(result);
  Gp d = to_reg ? reg(result) : Gp(rdx);
  // A known fixnum in its slot, added to or subtracted from, is loaded
  // straight into the result's register: it needs no test in one.
  bool x_into_d = inst.op != Op::Mul && !in_reg(xv) && !unneeded_[xv] && known(xv, kKnownFixnum);
  Gp x = x_into_d ? d : word_operand(xv, rax);
  Gp y = immediate ? Gp(rcx) : word_operand(inst.args[1], rcx);
  bool checked = check_unknown_fixnums(xv, x, inst.args[1], immediate ? nullptr : &y, slow);
  if (x_into_d) load(d, xv);
  const void* helper = nullptr;
  switch (inst.op) {
    case Op::Add:
      if (!x_into_d) a_.mov(d, x);
      if (immediate)
        a_.add(d, imm(k));
      else
        a_.add(d, y);
      helper = reinterpret_cast<const void*>(&helper_add);
      break;
    case Op::Sub:
      if (!x_into_d) a_.mov(d, x);
      if (immediate)
        a_.sub(d, imm(k));
      else
        a_.sub(d, y);
      helper = reinterpret_cast<const void*>(&helper_sub);
      break;
    default:
      if (immediate) {
        a_.imul(d, x, imm(k >> 1));  // (2a) * k = the tagged product
      } else {
        a_.mov(d, x);
        a_.sar(d, 1);
        a_.imul(d, y);
      }
      helper = reinterpret_cast<const void*>(&helper_mul);
      break;
  }
  Label overflow = a_.newLabel();
  // An add or sub the program's logic keeps in range (fixnum_facts.h); or
  // one that restarts the call on overflow (fixnum_guards.h), whose result
  // is a fixnum all the same.
  bool restarts = restart_values(inst) != 0;
  bool can_overflow = inst.op == Op::Mul || result == ir::kNoValue || restarts || !fixnum_facts_.exact[result];
  if (can_overflow) a_.jo(overflow);
  if (!to_reg) store(result, rdx);
  a_.bind(done);
  if (restarts)
    restart_without_speculation(overflow, std::vector<ValueId>(inst.args.begin() + 2, inst.args.end()), true);
  if (!checked && (!can_overflow || restarts)) return;
  // Out of line: an operand that is no fixnum, flonums (or a fixnum with a
  // flonum) inline, anything else through the generic routine; and fixnum
  // overflow, through the generic routine directly.
  Label at = inst_;
  Op op = inst.op;
  later([this, slow, overflow, done, at, helper, op, result, inst, checked, restarts] {
    Label generic = a_.newLabel();
    if (checked) {
      a_.bind(slow);
      float_operands(inst, generic, false);
      float_op(op, xmm0, xmm1);
      box_double(xmm0, 0);
      store(result, rax);
      a_.jmp(done);
    }
    if (!restarts) {
      a_.bind(overflow);
      load_operands(inst);
    }
    a_.bind(generic);
    call_binary_helper(helper, at);
    store(result, rax);
    a_.jmp(done);
  });
}

void CodeGen::float_operands(const Inst& inst, Label generic, bool exact) {
  load_operands(inst);
  // The operands' types are unknown but one is no fixnum: a flonum is
  // tested for first. A constant is the double itself.
  for (int i = 0; i < 2; ++i) {
    const Xmm& x = i == 0 ? xmm0 : xmm1;
    if (constant_value(inst.args[i]).is_fixnum())
      load_double(x, inst.args[i], generic, rdx, exact);
    else
      to_double(i == 0 ? rax : rcx, x, generic, exact, true);
  }
}

void CodeGen::to_double(const Gp& r, const Xmm& x, Label fail, bool exact, bool flonum_first) {
  Label object = a_.newLabel(), fixnum = a_.newLabel(), done = a_.newLabel();
  auto convert_fixnum = [this, r, x, fail, exact, done] {
    a_.mov(rdx, r);
    a_.sar(rdx, 1);
    a_.cvtsi2sd(x, rdx);
    if (exact) {
      // Beyond 2^53 the conversion rounds; the generic compare is exact.
      a_.cvttsd2si(rsi, x);
      a_.cmp(rsi, rdx);
      a_.jne(fail);
    }
    a_.jmp(done);
  };
  a_.test(r.r8(), imm(1));
  if (flonum_first) {
    // The flonum falls through; a fixnum converts out of line.
    a_.jz(fixnum);
    later([this, fixnum, convert_fixnum] {
      a_.bind(fixnum);
      convert_fixnum();
    });
  } else {
    a_.jnz(object);
    convert_fixnum();
  }
  a_.bind(object);
  check_type(Type::Flonum, fail, r);
  a_.movsd(x, qword_ptr(r, kFlonumValue));
  a_.bind(done);
}

void CodeGen::box_double(const Xmm& x, uint32_t outgoing) {
  Label slow = a_.newLabel(), done = a_.newLabel();
  allocate_small(sizeof(Flonum), Object::make_header(Type::Flonum), slow);
  a_.movsd(qword_ptr(rax, static_cast<int32_t>(offsetof(Flonum, value))), x);
  a_.inc(rax);  // the object tag
  a_.bind(done);
  later([this, slow, done, x, outgoing] {
    a_.bind(slow);
    if (x.id() != xmm0.id()) a_.movsd(xmm0, x);
    call(reinterpret_cast<const void*>(&helper_box_flonum), outgoing);
    a_.jmp(done);
  });
}

void CodeGen::call_binary_helper(const void* helper, Label at) {
  a_.mov(rdi, rax);
  a_.mov(rsi, rcx);
  call(helper, 0);
  inst_ = at;
  check_raise();
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
  // As in arith(): the operands where they live, intact for the slow path.
  int32_t k;
  bool immediate = fixnum_immediate(inst.args[1], &k);
  // A known fixnum in its slot needs no register: the compare reads it
  // there (the first operand only against an immediate).
  auto in_slot_known = [&](ValueId v) { return !in_reg(v) && !unneeded_[v] && known(v, kKnownFixnum); };
  bool x_in_slot = immediate && in_slot_known(inst.args[0]);
  bool y_in_slot = !immediate && in_slot_known(inst.args[1]);
  Gp x = x_in_slot ? Gp(rax) : word_operand(inst.args[0], rax);
  Gp y = immediate || y_in_slot ? Gp(rcx) : word_operand(inst.args[1], rcx);
  bool checked = check_unknown_fixnums(inst.args[0], x, inst.args[1], immediate || y_in_slot ? nullptr : &y, slow);
  if (x_in_slot)
    a_.cmp(slot(inst.args[0]), imm(k));
  else if (immediate)
    a_.cmp(x, imm(k));
  else if (y_in_slot)
    a_.cmp(x, slot(inst.args[1]));
  else
    a_.cmp(x, y);
  Label at = inst_;
  Op op = inst.op;
  // Out of line, as in arith(): flonums inline, the rest generic. Two
  // fixnums never get here.
  if (fusable(inst, next)) {
    branch_on(cc, *next);
    if (!checked) return true;
    const Inst br = *next;
    later([this, slow, at, helper, br, op, inst] {
      Label generic = a_.newLabel();
      a_.bind(slow);
      float_operands(inst, generic, true);
      float_branch(op, xmm0, xmm1, block_labels_[br.target[0]], block_labels_[br.target[1]]);
      a_.bind(generic);
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
  if (!checked) return false;
  ValueId result = inst.result;
  later([this, slow, done, at, helper, op, result, inst] {
    Label generic = a_.newLabel();
    a_.bind(slow);
    float_operands(inst, generic, true);
    float_boolean(op, xmm0, xmm1);
    store(result, rax);
    a_.jmp(done);
    a_.bind(generic);
    call_binary_helper(helper, at);
    store(result, rax);
    a_.jmp(done);
  });
  return false;
}

void CodeGen::float_branch(Op op, const Xmm& x, const Xmm& y, Label yes, Label no) {
  // ucomisd leaves ZF, PF and CF all set when either side is a NaN, so
  // "above" and "above or equal" are false for NaNs, as is = with PF.
  switch (op) {
    case Op::Lt: a_.ucomisd(y, x); a_.ja(yes); break;
    case Op::Le: a_.ucomisd(y, x); a_.jae(yes); break;
    case Op::Gt: a_.ucomisd(x, y); a_.ja(yes); break;
    case Op::Ge: a_.ucomisd(x, y); a_.jae(yes); break;
    default:
      a_.ucomisd(x, y);
      a_.jp(no);
      a_.je(yes);
      break;
  }
  a_.jmp(no);
}

void CodeGen::float_op(Op op, const Xmm& x, const Operand& y) {
  InstId id = op == Op::Add ? x86::Inst::kIdAddsd : op == Op::Sub ? x86::Inst::kIdSubsd : x86::Inst::kIdMulsd;
  a_.emit(id, x, y);
}

void CodeGen::float_boolean(Op op, const Xmm& x, const Xmm& y) {
  Label yes = a_.newLabel(), no = a_.newLabel(), done = a_.newLabel();
  float_branch(op, x, y, yes, no);
  a_.bind(yes);
  a_.mov(eax, imm(static_cast<int32_t>(raw(kTrue))));
  a_.jmp(done);
  a_.bind(no);
  a_.mov(eax, imm(static_cast<int32_t>(raw(kFalse))));
  a_.bind(done);
}

bool CodeGen::predicate(const Inst& inst, const Inst* next, CondCode cc) {
  if (fusable(inst, next)) {
    branch_on(cc, *next);
    return true;
  }
  materialize(cc, rax);
  store(inst.result, rax);
  if (next && next->op == Op::Branch && next->args[0] == inst.result) {
    // The branch's test is also a value (`or` returns it): it is stored,
    // and the branch still takes the flags, which materialize kept.
    branch_on(cc, *next);
    return true;
  }
  return false;
}

void CodeGen::pop_small(size_t list, Label slow) {
  Mem head = qword_ptr(kThread, static_cast<int32_t>(offsetof(Thread, small_free) + 8 * list));
  a_.mov(rax, head);
  a_.test(rax, rax);
  a_.jz(slow);
  a_.mov(rdx, qword_ptr(rax));  // the next free slot
  a_.mov(head, rdx);
}

void CodeGen::allocate_small(size_t bytes, uint64_t header, Label slow) {
  pop_small(gc_small_list(static_cast<Type>(header & 0xff), bytes), slow);
  // The header replaces the link word.
  if (static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(header))) == header) {
    a_.mov(qword_ptr(rax), imm(static_cast<int32_t>(header)));
  } else {
    a_.mov(rdx, imm(header));
    a_.mov(qword_ptr(rax), rdx);
  }
}

void CodeGen::allocate_pair(Label slow) { pop_small(gc_small_class(sizeof(Pair)), slow); }

void CodeGen::test_pair(const Gp& r) {
  // Pairs are tagged 5 in the low three bits: those of r - 5 are 0.
  a_.lea(edx, ptr(r, -static_cast<int32_t>(Value::kPairTag)));
  a_.test(dl, imm(7));
}

void CodeGen::check_pair(Label slow, const Gp& r) {
  test_pair(r);
  a_.jnz(slow);
}

void CodeGen::check_not_literal_pair(Label slow) {
  // The literal range is aligned to its size: its pairs are the words
  // whose bits from kLiteralShift up are g_literal_index, a constant once
  // the runtime has started (so an immediate, not a load).
  static_assert(kLiteralShift >= 3, "a pair's tag must not reach into the range index");
  a_.mov(rdx, rax);
  a_.shr(rdx, imm(kLiteralShift));
  a_.cmp(rdx, imm(static_cast<int32_t>(g_literal_index)));
  a_.je(slow);
}

void CodeGen::check_type(Type type, Label slow, const Gp& r) {
  // Heap objects are tagged 1 in the low three bits: those of r - 1 are 0.
  a_.lea(edx, ptr(r, -1));
  a_.test(dl, imm(7));
  a_.jnz(slow);
  a_.cmp(byte_ptr(r, kHeader), imm(static_cast<int>(type)));
  a_.jne(slow);
}

void CodeGen::car_cdr(const Inst& inst) {
  bool is_car = inst.op == Op::Car;
  if (known(inst.args[0], kKnownPair)) {  // one load, register to register when it can
    Gp from = in_reg(inst.args[0]) ? reg(inst.args[0]) : Gp(rax);
    Gp to = in_reg(inst.result) ? reg(inst.result) : Gp(rax);
    load(from, inst.args[0]);
    a_.mov(to, qword_ptr(from, is_car ? kCarOffset : kCdrOffset));
    store(inst.result, to);
    return;
  }
  // Checked and read where the pair lives, straight into the result's
  // register.
  Gp from = word_operand(inst.args[0], rax);
  Gp to = in_reg(inst.result) ? reg(inst.result) : Gp(rax);
  Label slow = a_.newLabel();
  check_pair(slow, from);
  a_.mov(to, qword_ptr(from, is_car ? kCarOffset : kCdrOffset));
  store(inst.result, to);
  learn(inst.args[0], kKnownPair);
  Label at = inst_;
  later([this, slow, at, is_car, from] {
    a_.bind(slow);
    a_.mov(rdi, from);
    call(reinterpret_cast<const void*>(is_car ? &helper_car_error : &helper_cdr_error), 0);
    a_.lea(rdx, ptr(at, 1));
    a_.jmp(raise_);
  });
}

void CodeGen::vector_access(const Inst& inst) {
  bool set = inst.op == Op::VectorSet;
  Label slow = a_.newLabel(), done = a_.newLabel();
  // A constant index (a record-like vector's field, say) is checked by one
  // compare of the header with an immediate: the length is the header's
  // high bits, and the type and immutable bits below them are less than
  // one unit of it, so header >= (k + 1) << kSizeShift iff length > k.
  Value constant_index = constant_value(inst.args[1]);
  int64_t k = constant_index.is_fixnum() ? constant_index.as_fixnum() : -1;
  // (Tested before shifting: a constant index near the fixnum limit would
  // overflow the shift and pass as a small one, writing far outside.)
  bool fixed = k >= 0 && k < (INT32_MAX >> Object::kSizeShift);
  // The vector and the index are read where they live (word_operand).
  Gp vec = word_operand(inst.args[0], rax);
  Gp index = fixed ? Gp(rcx) : word_operand(inst.args[1], rcx);
  if (!known(inst.args[0], kKnownVector)) check_type(Type::Vector, slow, vec);
  if (fixed) {
    if (set) {
      a_.test(dword_ptr(vec, kHeader), imm(static_cast<int32_t>(Object::kImmutableBit)));
      a_.jnz(slow);
    }
    a_.cmp(qword_ptr(vec, kHeader), imm(static_cast<int32_t>((k + 1) << Object::kSizeShift)));
    a_.jb(slow);
  } else {
    if (!known(inst.args[1], kKnownFixnum)) {
      a_.test(index.r8(), imm(1));
      a_.jnz(slow);
    }
    a_.mov(rdx, qword_ptr(vec, kHeader));
    if (set) {
      a_.test(edx, imm(static_cast<int32_t>(Object::kImmutableBit)));
      a_.jnz(slow);
    }
    // Twice the length, the scale of the tagged index (the header's bit
    // below the size is clear, object.h), compared with it unsigned:
    // negative indices too.
    a_.shr(rdx, imm(Object::kSizeShift - 1));
    a_.cmp(index, rdx);
    a_.jae(slow);
  }
  Mem item = fixed ? qword_ptr(vec, static_cast<int32_t>(kVectorItems + 8 * k))
                   : qword_ptr(vec, index, 2, kVectorItems);  // 8 bytes per item: 4 per unit of the tagged index
  if (set) {
    Gp v = word_operand(inst.args[2], rdx);
    a_.mov(item, v);
  } else {
    Gp to = in_reg(inst.result) ? reg(inst.result) : Gp(rax);
    a_.mov(to, item);
    store(inst.result, to);
  }
  a_.bind(done);
  // Past here the helper would have raised for any other vector or index.
  learn(inst.args[0], kKnownVector);
  learn(inst.args[1], kKnownFixnum);
  Label at = inst_;
  ValueId result = inst.result;
  ValueId value = set ? inst.args[2] : ir::kNoValue;
  ValueId index_value = inst.args[1];
  ValueId vector = inst.args[0];
  later([this, slow, done, at, set, result, value, index_value, vector] {
    a_.bind(slow);
    load(rdi, vector);
    load(rsi, index_value);
    if (set) load(rdx, value);
    call(set ? reinterpret_cast<const void*>(&helper_vector_set) : reinterpret_cast<const void*>(&helper_vector_ref), 0);
    inst_ = at;
    check_raise();
    if (!set) store(result, rax);
    a_.jmp(done);
  });
}

bool CodeGen::constant_double(ValueId v, uint64_t* bits, bool exact) const {
  Value c = constant_value(v);
  double value = 0;
  if (is_flonum(c)) {
    value = c.as<Flonum>()->value;
  } else if (c.is_fixnum()) {
    value = static_cast<double>(c.as_fixnum());
    if (exact && static_cast<int64_t>(value) != c.as_fixnum()) return false;
  } else {
    return false;
  }
  std::memcpy(bits, &value, sizeof *bits);
  return true;
}

void CodeGen::load_double(const Xmm& x, ValueId v, Label fail, const Gp& scratch, bool exact) {
  if (is_raw(v)) {
    if (in_xmm(v)) {
      if (xreg(v).id() != x.id()) a_.movapd(x, xreg(v));
    } else {
      a_.movsd(x, slot(v));
    }
    return;
  }
  if (uint64_t bits; constant_double(v, &bits, exact)) {
    if (bits == 0)
      a_.xorps(x, x);
    else
      a_.movsd(x, code_word(bits));
    return;
  }
  to_double(word_operand(v, scratch), x, fail, exact, true);
}

Xmm CodeGen::double_operand(ValueId v, const Xmm& scratch, Label fail, const Gp& gp_scratch, bool exact) {
  if (in_xmm(v)) return xreg(v);
  load_double(scratch, v, fail, gp_scratch, exact);
  return scratch;
}

void CodeGen::store_double(ValueId v, const Xmm& x) {
  if (v == ir::kNoValue || alloc_.slot[v] == UINT32_MAX) return;
  if (in_xmm(v)) {
    if (xreg(v).id() != x.id()) a_.movapd(xreg(v), x);
  } else {
    a_.movsd(slot(v), x);
  }
}

void CodeGen::mixed_binary_slow(const Inst& inst, Label at) {
  a_.mov(edi, imm(static_cast<uint32_t>(inst.op)));
  load(rsi, inst.args[0]);
  load(rdx, inst.args[1]);
  a_.mov(ecx, imm(raw_mask(inst)));
  call(reinterpret_cast<const void*>(&helper_mixed_binary), 0);
  inst_ = at;
  check_raise();
}

void CodeGen::float_arith(const Inst& inst) {
  Label slow = a_.newLabel(), done = a_.newLabel();
  // Exact conversions: with no flonum operand (jit/unbox.h, the products
  // of a dot product) only a fixnum a double holds exactly may be
  // converted before the operation.
  // Computed in the result's register, which is neither operand's (both
  // are live at this instruction, where the result's interval starts).
  Xmm x = in_xmm(inst.result) ? xreg(inst.result) : xmm0;
  load_double(x, inst.args[0], slow, rax, true);
  // A constant operand is read from the code's data by the instruction.
  if (uint64_t bits; constant_double(inst.args[1], &bits))
    float_op(inst.op, x, code_word(bits));
  else
    float_op(inst.op, x, double_operand(inst.args[1], xmm1, slow, rcx, true));
  auto flonum_typed = [this](ValueId v) { return is_raw(v) || is_flonum(constant_value(v)); };
  if (inst.op == Op::Mul && !flonum_typed(inst.args[0]) && !flonum_typed(inst.args[1])) {
    // Two fixnums whose product is zero make an exact 0, which a use
    // converts to +0.0, where mulsd may give -0.0 (0 * -1). With a flonum
    // operand the product is mulsd's (inexact contagion holds even for an
    // exact zero), and a NaN needs one. So a zero (or NaN) product is made
    // +0.0 unless an operand is a flonum: a fixnum has its low bit clear.
    // (Zeros are common: a dot product of vectors holding 0. took the
    // generic routine for each.)
    Label keep = a_.newLabel();
    a_.xorpd(xmm1, xmm1);
    a_.ucomisd(x, xmm1);
    a_.jne(keep);
    for (int i = 0; i < 2; ++i)
      if (constant_value(inst.args[i]) == kUnbound) {
        a_.test(word_operand(inst.args[i], i == 0 ? rax : rcx).r8(), imm(1));
        a_.jnz(keep);
      }
    a_.xorpd(x, x);
    a_.bind(keep);
  }
  store_double(inst.result, x);
  a_.bind(done);
  // Out of line: any other operand. The generic routine raises, or returns
  // a number (a flonum, or an exact one when no operand was a flonum),
  // which becomes a double.
  Label at = inst_;
  later([this, slow, done, at, inst] {
    a_.bind(slow);
    mixed_binary_slow(inst, at);
    a_.mov(rdi, rax);
    call(reinterpret_cast<const void*>(&helper_real_bits), 0);
    store(inst.result, rax);
    a_.jmp(done);
  });
}

bool CodeGen::float_compare(const Inst& inst, const Inst* next) {
  Label slow = a_.newLabel();
  Xmm x = double_operand(inst.args[0], xmm0, slow, rax, true);
  Xmm y = double_operand(inst.args[1], xmm1, slow, rcx, true);
  Label at = inst_;
  if (fusable(inst, next)) {
    Label yes = block_labels_[next->target[0]], no = block_labels_[next->target[1]];
    if (inst.op == Op::NumEq) {
      a_.ucomisd(x, y);
      a_.jp(no);
      branch_on(CondCode::kE, *next);
    } else {
      bool swap = inst.op == Op::Lt || inst.op == Op::Le;
      a_.ucomisd(swap ? y : x, swap ? x : y);
      // "above" and "above or equal" are false for NaNs (see float_branch),
      // and so their negations, used when `yes` falls through, are true.
      branch_on(inst.op == Op::Lt || inst.op == Op::Gt ? CondCode::kA : CondCode::kAE, *next);
    }
    later([this, slow, at, inst, yes, no] {
      a_.bind(slow);
      mixed_binary_slow(inst, at);
      cmp_raw(rax, kFalse);
      a_.jne(yes);
      a_.jmp(no);
    });
    return true;
  }
  float_boolean(inst.op, x, y);
  store(inst.result, rax);
  Label stored = a_.newLabel();
  a_.bind(stored);
  later([this, slow, at, inst, stored] {
    a_.bind(slow);
    mixed_binary_slow(inst, at);
    store(inst.result, rax);
    a_.jmp(stored);
  });
  return false;
}

void CodeGen::float_primitive(const Inst& inst) {
  Label slow = a_.newLabel(), done = a_.newLabel();
  FloatPrim which = float_prim(f_, inst);
  load_double(xmm0, inst.args[0], slow, rax);
  switch (which) {
    case FloatPrim::Div:
      load_double(xmm1, inst.args[1], slow, rcx);
      a_.divsd(xmm0, xmm1);
      break;
    case FloatPrim::Sqrt:
      // Negative (or NaN: "below" is true for it) goes to the primitive,
      // which raises (or returns the NaN).
      a_.xorpd(xmm1, xmm1);
      a_.ucomisd(xmm0, xmm1);
      a_.jb(slow);
      a_.sqrtsd(xmm0, xmm0);
      break;
    case FloatPrim::Libm:
      // The primitive's C function itself (its result is in xmm0).
      call(reinterpret_cast<const void*>(libm_function(f_, inst)), 0);
      break;
    default:
      break;  // inexact: the conversion is all
  }
  store_double(inst.result, xmm0);
  a_.bind(done);
  Label at = inst_;
  auto* prim = constant(inst.imm).as<Primitive>();
  later([this, slow, done, at, inst, prim] {
    a_.bind(slow);
    a_.mov(rdi, imm(reinterpret_cast<uint64_t>(prim)));
    load(rsi, inst.args[0]);
    if (inst.args.size() > 1) load(rdx, inst.args[1]);
    a_.mov(ecx, imm(raw_mask(inst) | static_cast<uint32_t>(inst.args.size()) << 8));
    call(reinterpret_cast<const void*>(&helper_call_boxing), 0);
    inst_ = at;
    check_raise();
    a_.mov(rax, qword_ptr(rax, kFlonumValue));
    store(inst.result, rax);
    a_.jmp(done);
  });
}

void CodeGen::flonum_guard(const Inst& inst) {
  Label fail = a_.newLabel();
  Gp r = word_operand(inst.args[0], rax);
  check_type(Type::Flonum, fail, r);
  if (in_xmm(inst.result)) {
    a_.movsd(xreg(inst.result), qword_ptr(r, kFlonumValue));
  } else {
    a_.mov(rax, qword_ptr(r, kFlonumValue));
    store(inst.result, rax);
  }
  restart_without_speculation(fail, std::vector<ValueId>(inst.args.begin() + 1, inst.args.end()), false);
}

void CodeGen::fixnum_guard(const Inst& inst) {
  // The values' low bits, or'ed (a fixnum's is clear): read from their
  // slots where they are not in registers.
  auto low_word = [&](ValueId v) -> Operand {
    if (in_reg(v)) return reg(v).r32();
    return dword_ptr(kFp, static_cast<int32_t>(8 * alloc_.slot[v]));
  };
  Label fail = a_.newLabel();
  size_t guard_start = a_.offset();
  if (inst.imm == 1) {
    if (in_reg(inst.args[0]))
      a_.test(reg(inst.args[0]).r8(), imm(1));
    else
      a_.test(byte_ptr(kFp, static_cast<int32_t>(8 * alloc_.slot[inst.args[0]])), imm(1));
  } else {
    Operand first = low_word(inst.args[0]);
    if (first.isReg()) a_.mov(edx, first.as<Gp>()); else a_.mov(edx, first.as<Mem>());
    for (uint32_t i = 1; i < inst.imm; ++i) {
      Operand next = low_word(inst.args[i]);
      if (next.isReg()) a_.or_(edx, next.as<Gp>()); else a_.or_(edx, next.as<Mem>());
    }
    a_.test(dl, imm(1));
  }
  a_.jnz(fail);
  restart_without_speculation(fail, std::vector<ValueId>(inst.args.begin() + inst.imm, inst.args.end()), true);
  // Only the guard between the body's entry and here: a self call that
  // passes fixnums may come in past it.
  if (guard_start == claimed_entry_offset_) {
    past_fixnum_guard_arguments_ = guarded_fixnum_arguments(f_);
    past_fixnum_guard_ = a_.newLabel();
    a_.bind(past_fixnum_guard_);
  }
}

bool CodeGen::enters_past_fixnum_guard(const Inst& call) const {
  if (!past_fixnum_guard_arguments_ || call.args.size() != f_.nreq + 1) return false;
  for (uint32_t i = 0; i < f_.nreq && i < 64; ++i)
    if ((past_fixnum_guard_arguments_ >> i) & 1 && !known(call.args[1 + i], kKnownFixnum)) return false;
  return true;
}

void CodeGen::restart_without_speculation(Label fail, std::vector<ValueId> restart, bool fixnums_only) {
  // An entry guard: nothing has happened in this call yet (guards come
  // first): recompile without speculation and enter the new code with the
  // same frame. A guard in the entry header (fx-guard, or an element guard
  // of jit/unbox.cpp) restarts the call, or the iteration, with the
  // header's values as the call's closure and arguments (boxed, staged
  // past the slots, then moved into 0..n). The closure is left as the
  // frame has it when the code never reads it: then no value holds it
  // (jit/lazy_record.cpp), and the code made without speculation does not
  // read it either (speculation only adds reads).
  later([this, fail, restart, fixnums_only] {
    a_.bind(fail);
    auto staged = [&](size_t i) { return i > 0 || reads_closure_; };
    for (size_t i = 0; i < restart.size(); ++i) {
      if (!staged(i)) continue;
      if (is_raw(restart[i])) {
        load_double(xmm0, restart[i], Label());
        box_double(xmm0, static_cast<uint32_t>(restart.size()));  // (those staged so far)
      } else {
        load(rax, restart[i]);
      }
      a_.mov(fp_word(nslots_ + static_cast<uint32_t>(i)), rax);
    }
    for (size_t i = 0; i < restart.size(); ++i) {
      if (!staged(i)) continue;
      a_.mov(rax, fp_word(nslots_ + static_cast<uint32_t>(i)));
      a_.mov(fp_word(static_cast<uint32_t>(i)), rax);
    }
    a_.mov(rdi, imm(reinterpret_cast<uint64_t>(p_)));
    a_.mov(esi, imm(fixnums_only ? 1 : 0));
    call(reinterpret_cast<const void*>(&helper_despecialize));
    a_.mov(esi, imm(f_.nreq));
    a_.jmp(rax);
  });
}

}  // namespace kiln::jit
