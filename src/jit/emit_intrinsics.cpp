// Primitives that machine code runs inline when a call-prim names them: the
// common case (fixnums, pairs, vectors, strings of the right kind) in a few
// instructions, and everything else -- other numbers, errors -- through the
// primitive itself, out of line, so results and messages are the VM's.
#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <iterator>

#include "jit/codegen.h"
#include "jit/helpers.h"
#include "runtime/gc.h"
#include "runtime/heap.h"

namespace kiln::jit {

namespace {

enum class Intrinsic : uint8_t {
  None,
  Cxr,  // car/cdr compositions: cadr, cddr, caddr, ...
  Quotient,
  Remainder,
  Modulo,
  ZeroP,
  EvenP,
  OddP,
  List,
  SetCar,
  SetCdr,
  VectorLength,
  StringLength,
  StringRef,
  StringSet,
  CharToInteger,
  IntegerToChar,
  CharUpcase,
  CharDowncase,
  ListTail,
  ListRef,
  Memq,
  Assq,
};

Intrinsic intrinsic_of(const char* name, size_t nargs) {
  struct Entry {
    const char* name;
    int nargs;  // -1: any
    Intrinsic which;
  };
  static const Entry table[] = {
      {"quotient", 2, Intrinsic::Quotient},          {"remainder", 2, Intrinsic::Remainder},
      {"modulo", 2, Intrinsic::Modulo},              {"zero?", 1, Intrinsic::ZeroP},
      {"even?", 1, Intrinsic::EvenP},                {"odd?", 1, Intrinsic::OddP},
      {"list", -1, Intrinsic::List},                 {"set-car!", 2, Intrinsic::SetCar},
      {"set-cdr!", 2, Intrinsic::SetCdr},            {"vector-length", 1, Intrinsic::VectorLength},
      {"string-length", 1, Intrinsic::StringLength}, {"string-ref", 2, Intrinsic::StringRef},
      {"string-set!", 3, Intrinsic::StringSet},      {"char->integer", 1, Intrinsic::CharToInteger},
      {"integer->char", 1, Intrinsic::IntegerToChar}, {"char-upcase", 1, Intrinsic::CharUpcase},
      {"char-downcase", 1, Intrinsic::CharDowncase},
      {"list-tail", 2, Intrinsic::ListTail},         {"list-ref", 2, Intrinsic::ListRef},
      {"memq", 2, Intrinsic::Memq},                  {"assq", 2, Intrinsic::Assq},
  };
  for (const Entry& e : table)
    if ((e.nargs < 0 || static_cast<size_t>(e.nargs) == nargs) && std::strcmp(name, e.name) == 0) return e.which;
  // c[ad]{2,4}r
  size_t len = std::strlen(name);
  if (nargs == 1 && len >= 4 && len <= 6 && name[0] == 'c' && name[len - 1] == 'r' &&
      std::strspn(name + 1, "ad") == len - 2)
    return Intrinsic::Cxr;
  return Intrinsic::None;
}

constexpr int32_t kStringChars = field(offsetof(String, chars));

}  // namespace

void CodeGen::call_primitive(const Inst& inst) {
  for (size_t i = 0; i < inst.args.size(); ++i) {
    load(rax, inst.args[i]);
    a_.mov(fp_word(nslots_ + static_cast<uint32_t>(i)), rax);
  }
  auto* prim = constant(inst.imm).as<Primitive>();
  a_.mov(rdi, kThread);
  a_.lea(rsi, fp_word(nslots_));
  a_.mov(edx, imm(static_cast<uint32_t>(inst.args.size())));
  call(reinterpret_cast<const void*>(prim->fn), static_cast<uint32_t>(inst.args.size()));
  check_raise();
  store(inst.result, rax);
}

void CodeGen::test_heap_type(Type type) {
  Label no = a_.newLabel(), done = a_.newLabel();
  a_.mov(ecx, eax);
  a_.and_(ecx, imm(7));
  a_.cmp(ecx, imm(1));
  a_.jne(no);
  a_.cmp(byte_ptr(rax, kHeader), imm(static_cast<int>(type)));
  a_.jmp(done);
  a_.bind(no);
  a_.cmp(ecx, imm(0xff));  // never equal: sets "not equal"
  a_.bind(done);
}

bool CodeGen::type_predicate(const Inst& inst, const Inst* next, bool* fused) {
  if (inst.args.size() != 1) return false;
  const char* name = constant(inst.imm).as<Primitive>()->name;
  static const struct {
    const char* name;
    Type type;
  } heap_types[] = {{"symbol?", Type::Symbol},  {"string?", Type::String},
                    {"vector?", Type::Vector},  {"bytevector?", Type::Bytevector}};
  for (const auto& h : heap_types)
    if (std::strcmp(name, h.name) == 0) {
      load(rax, inst.args[0]);
      test_heap_type(h.type);
      *fused = predicate(inst, next, CondCode::kE);
      return true;
    }
  if (std::strcmp(name, "char?") == 0) {
    load(rax, inst.args[0]);
    a_.cmp(al, imm(static_cast<int>(Value::kCharTag)));
    *fused = predicate(inst, next, CondCode::kE);
    return true;
  }
  if (std::strcmp(name, "boolean?") == 0) {
    static_assert((raw(kTrue) & ~raw(kFalse)) == 0x100 && (raw(kFalse) & 0x100) == 0);
    load(rax, inst.args[0]);
    a_.and_(rax, imm(~int32_t{0x100}));
    cmp_raw(rax, kFalse);
    *fused = predicate(inst, next, CondCode::kE);
    return true;
  }
  // Unions of heap types (and fixnums): a mask tested by `bt`; carry set
  // when the value is one. procedure? is is_procedure (heap.cpp).
  static const struct {
    const char* name;
    bool fixnum;
    std::initializer_list<Type> types;
  } unions[] = {
      {"procedure?", false, {Type::Closure, Type::Primitive, Type::CaseLambda, Type::Parameter, Type::Continuation}},
      {"number?", true, {Type::Flonum, Type::Bignum, Type::Ratnum}},
      {"exact-integer?", true, {Type::Bignum}},
  };
  static_assert(static_cast<int>(Type::StackChunk) < 32);
  for (const auto& u : unions) {
    if (std::strcmp(name, u.name) != 0) continue;
    uint32_t mask = 0;
    for (Type t : u.types) mask |= 1u << static_cast<int>(t);
    load(rax, inst.args[0]);
    Label no = a_.newLabel(), yes = a_.newLabel(), done = a_.newLabel();
    if (u.fixnum) {
      a_.test(al, imm(1));
      a_.jz(yes);
    }
    a_.mov(ecx, eax);
    a_.and_(ecx, imm(7));
    a_.cmp(ecx, imm(1));
    a_.jne(no);
    a_.movzx(ecx, byte_ptr(rax, kHeader));
    a_.mov(edx, imm(mask));
    a_.bt(edx, ecx);
    a_.jmp(done);
    a_.bind(no);
    a_.clc();
    a_.jmp(done);
    a_.bind(yes);
    a_.stc();
    a_.bind(done);
    *fused = predicate(inst, next, CondCode::kC);
    return true;
  }
  return false;
}

bool CodeGen::fixnum_test(const Inst& inst, const Inst* next, bool* fused) {
  const auto* prim = constant(inst.imm).as<Primitive>();
  Intrinsic which = intrinsic_of(prim->name, inst.args.size());
  if (which != Intrinsic::ZeroP && which != Intrinsic::EvenP && which != Intrinsic::OddP) return false;
  if (!fusable(inst, next)) return false;
  Label slow = a_.newLabel();
  load(rax, inst.args[0]);
  bool checked = !known(inst.args[0], kKnownFixnum);
  if (checked) {
    a_.test(al, imm(1));
    a_.jnz(slow);
  }
  if (which == Intrinsic::ZeroP) {
    a_.test(rax, rax);
    branch_on(CondCode::kZ, *next);
  } else {
    a_.test(al, imm(2));  // the value's low bit
    branch_on(which == Intrinsic::EvenP ? CondCode::kZ : CondCode::kNZ, *next);
  }
  *fused = true;
  // Out of line: any other number (or an error) through the primitive.
  if (checked) primitive_branch_out_of_line(inst, *next, slow);
  return true;
}

void CodeGen::primitive_branch_out_of_line(const Inst& inst, const Inst& branch, Label slow) {
  Label at = inst_, yes = block_labels_[branch.target[0]], no = block_labels_[branch.target[1]];
  later([this, slow, at, inst, yes, no] {
    a_.bind(slow);
    inst_ = at;
    call_primitive(inst);
    cmp_raw(rax, kFalse);
    a_.jne(yes);
    a_.jmp(no);
  });
}

bool CodeGen::char_compare(const Inst& inst, const Inst* next, bool* fused) {
  if (inst.args.size() != 2) return false;
  static const struct {
    const char* name;
    CondCode cc;
  } compares[] = {{"char=?", CondCode::kE},  {"char<?", CondCode::kL},  {"char>?", CondCode::kG},
                  {"char<=?", CondCode::kLE}, {"char>=?", CondCode::kGE}};
  const char* name = constant(inst.imm).as<Primitive>()->name;
  const auto* which = std::find_if(std::begin(compares), std::end(compares),
                                   [&](const auto& c) { return std::strcmp(name, c.name) == 0; });
  if (which == std::end(compares)) return false;
  // Two characters compare as their words: the code point is above the
  // tag. A constant character (`#\a`) needs no test and is an immediate.
  Label slow = a_.newLabel();
  Value second = constant_value(inst.args[1]);
  load(rax, inst.args[0]);
  a_.cmp(al, imm(static_cast<int32_t>(Value::kCharTag)));
  a_.jne(slow);
  if (second.is_char()) {
    a_.cmp(rax, imm(static_cast<int32_t>(second.raw)));  // (a code point is below 2^21)
  } else {
    load(rcx, inst.args[1]);
    a_.cmp(cl, imm(static_cast<int32_t>(Value::kCharTag)));
    a_.jne(slow);
    a_.cmp(rax, rcx);
  }
  *fused = finish_predicate(inst, next, which->cc, slow);
  return true;
}

bool CodeGen::finish_predicate(const Inst& inst, const Inst* next, CondCode cc, Label slow) {
  if (fusable(inst, next)) {
    branch_on(cc, *next);
    // Out of line: an error (or a case left to it) through the primitive.
    primitive_branch_out_of_line(inst, *next, slow);
    return true;
  }
  Label done = a_.newLabel();
  materialize(cc, rax);
  store(inst.result, rax);
  a_.bind(done);
  primitive_out_of_line(inst, slow, done);
  return false;
}

bool CodeGen::char_class(const Inst& inst, const Inst* next, bool* fused) {
  if (inst.args.size() != 1) return false;
  enum class Class : uint8_t { Alphabetic, Numeric, Whitespace, UpperCase, LowerCase };
  static const struct {
    const char* name;
    Class which;
  } classes[] = {{"char-alphabetic?", Class::Alphabetic}, {"char-numeric?", Class::Numeric},
                 {"char-whitespace?", Class::Whitespace}, {"char-upper-case?", Class::UpperCase},
                 {"char-lower-case?", Class::LowerCase}};
  const char* name = constant(inst.imm).as<Primitive>()->name;
  const auto* c = std::find_if(std::begin(classes), std::end(classes),
                               [&](const auto& e) { return std::strcmp(name, e.name) == 0; });
  if (c == std::end(classes)) return false;
  // ASCII by ranges, as runtime/unicode_case.cpp answers it; any other
  // character (Unicode's tables) and any other value (an error) go to the
  // primitive.
  Label slow = a_.newLabel();
  ascii_code_point(inst.args[0], slow);
  CondCode cc = CondCode::kB;
  auto in_range = [&](char first, int count) {  // flags "below" iff first <= cp < first + count
    a_.sub(edx, imm(first));
    a_.cmp(edx, imm(count));
  };
  switch (c->which) {
    case Class::Alphabetic:
      a_.or_(edx, imm(0x20));  // A-Z onto a-z
      in_range('a', 26);
      break;
    case Class::Numeric:
      in_range('0', 10);
      break;
    case Class::UpperCase:
      in_range('A', 26);
      break;
    case Class::LowerCase:
      in_range('a', 26);
      break;
    case Class::Whitespace: {
      // Tab through carriage return, and space: bits of a mask, for code
      // points below 64 (bt takes the index modulo 64).
      constexpr uint64_t kMask = (uint64_t{0x1f} << 9) | (uint64_t{1} << ' ');
      a_.cmp(edx, imm(64));
      a_.sbb(ecx, ecx);  // all ones below 64
      a_.mov(rax, imm(kMask));
      a_.bt(rax, rdx);
      a_.setc(al);
      a_.test(al, cl);
      cc = CondCode::kNZ;
      break;
    }
  }
  *fused = finish_predicate(inst, next, cc, slow);
  return true;
}

void CodeGen::ascii_code_point(ValueId v, Label slow) {
  load(rax, v);
  a_.cmp(al, imm(static_cast<int32_t>(Value::kCharTag)));
  a_.jne(slow);
  a_.mov(rdx, rax);
  a_.shr(rdx, imm(8));
  a_.cmp(edx, imm(0x80));
  a_.jae(slow);
}

int CodeGen::power_of_two_divisor(const Inst& inst) const {
  Intrinsic which = intrinsic_of(constant(inst.imm).as<Primitive>()->name, inst.args.size());
  if (which != Intrinsic::Quotient && which != Intrinsic::Remainder && which != Intrinsic::Modulo) return 0;
  Value d = constant_value(inst.args[1]);
  if (!d.is_fixnum()) return 0;
  int64_t n = d.as_fixnum();
  if (n < 2 || n > (int64_t{1} << 30) || (n & (n - 1))) return 0;  // the masks below are imm32
  return __builtin_ctzll(static_cast<uint64_t>(n));
}

bool CodeGen::intrinsic(const Inst& inst) {
  const auto* prim = constant(inst.imm).as<Primitive>();
  Intrinsic which = intrinsic_of(prim->name, inst.args.size());
  if (which == Intrinsic::None) return false;
  if (which == Intrinsic::List && inst.args.size() > 8) return false;
  const auto& args = inst.args;
  Label slow = a_.newLabel(), done = a_.newLabel();
  // rax = an argument that must be a fixnum, else the primitive.
  auto fixnum_arg = [&](const Gp& r, ValueId v) {
    load(r, v);
    if (known(v, kKnownFixnum)) return;
    a_.test(r.r8(), imm(1));
    a_.jnz(slow);
  };
  auto boolean_from = [&](CondCode cc) {
    a_.set(cc, dl);
    a_.movzx(eax, dl);
    a_.shl(eax, 8);
    a_.add(eax, imm(static_cast<int32_t>(raw(kFalse))));
  };
  uint8_t learned = 0;  // what the instruction proves about args[0] once it has run
  switch (which) {
    case Intrinsic::Cxr: {
      // The letters apply right to left: cadr is (car (cdr x)).
      const char* name = prim->name;
      size_t len = std::strlen(name);
      load(rax, args[0]);
      for (size_t i = len - 2; i >= 1; --i) {
        if (i != len - 2 || !known(args[0], kKnownPair)) check_pair(slow);
        a_.mov(rax, qword_ptr(rax, name[i] == 'a' ? kCarOffset : kCdrOffset));
      }
      learned = kKnownPair;
      break;
    }
    case Intrinsic::Quotient:
    case Intrinsic::Remainder:
    case Intrinsic::Modulo: {
      if (int k = power_of_two_divisor(inst)) {
        // By 2^k, on the tagged word x = 2n: the low k+1 bits are n mod
        // 2^k (times 2) and the tag. Truncating division rounds a negative
        // n up, so it adds the mask first when x < 0.
        const int64_t mask = (int64_t{1} << (k + 1)) - 2;  // both it and -mask - 2 fit an imm32
        fixnum_arg(rax, args[0]);
        a_.mov(rdx, rax);
        if (which == Intrinsic::Modulo) {
          a_.and_(rdx, imm(mask));  // floor modulo by a positive divisor
        } else {
          a_.sar(rdx, 63);
          a_.and_(rdx, imm(mask));
          a_.add(rdx, rax);  // x rounded toward zero ...
          if (which == Intrinsic::Quotient) {
            a_.sar(rdx, k + 1);  // ... divided
            a_.add(rdx, rdx);
          } else {
            a_.and_(rdx, imm(-mask - 2));  // ... to a multiple of 2^k: x - that
            a_.neg(rdx);
            a_.add(rdx, rax);
          }
        }
        a_.mov(rax, rdx);
        break;
      }
      fixnum_arg(rax, args[0]);
      fixnum_arg(rcx, args[1]);
      a_.test(rcx, rcx);
      a_.jz(slow);  // division by zero: the primitive raises
      a_.sar(rax, 1);
      a_.sar(rcx, 1);
      a_.cqo();
      a_.idiv(rcx);  // rax = the quotient, rdx = the remainder (sign of the dividend)
      if (which == Intrinsic::Quotient) {
        a_.add(rax, rax);  // only -2^62 / -1 leaves the fixnum range
        a_.jo(slow);
      } else {
        if (which == Intrinsic::Modulo) {
          // A nonzero remainder whose sign differs from the divisor's moves
          // by one divisor.
          Label same = a_.newLabel();
          a_.test(rdx, rdx);
          a_.jz(same);
          a_.mov(rax, rdx);
          a_.xor_(rax, rcx);
          a_.jns(same);
          a_.add(rdx, rcx);
          a_.bind(same);
        }
        a_.lea(rax, qword_ptr(rdx, rdx));
      }
      break;
    }
    case Intrinsic::ZeroP:
      fixnum_arg(rax, args[0]);
      a_.test(rax, rax);
      boolean_from(CondCode::kZ);
      break;
    case Intrinsic::EvenP:
    case Intrinsic::OddP:
      fixnum_arg(rax, args[0]);
      a_.test(eax, imm(2));  // the value's low bit
      boolean_from(which == Intrinsic::EvenP ? CondCode::kZ : CondCode::kNZ);
      break;
    case Intrinsic::List: {
      // Built from the end in rsi (allocate_small leaves it alone); a pair
      // whose allocation misses the free list comes from helper_cons, whose
      // arguments keep the list so far visible to the collector.
      a_.mov(esi, imm(static_cast<int32_t>(raw(kNil))));
      for (size_t i = args.size(); i-- > 0;) {
        Label refill = a_.newLabel(), next = a_.newLabel();
        allocate_pair(refill);
        load(rdx, args[i]);
        a_.mov(qword_ptr(rax, static_cast<int32_t>(offsetof(Pair, car))), rdx);
        a_.mov(qword_ptr(rax, static_cast<int32_t>(offsetof(Pair, cdr))), rsi);
        a_.lea(rsi, qword_ptr(rax, static_cast<int32_t>(Value::kPairTag)));
        a_.jmp(next);
        a_.bind(refill);
        load(rdi, args[i]);
        call(reinterpret_cast<const void*>(&helper_cons), 0);
        a_.mov(rsi, rax);
        a_.bind(next);
      }
      a_.mov(rax, rsi);
      break;
    }
    case Intrinsic::SetCar:
    case Intrinsic::SetCdr:
      load(rax, args[0]);
      if (!known(args[0], kKnownPair)) check_pair(slow);
      learned = kKnownPair;
      check_not_literal_pair(slow);  // a literal constant: the primitive raises
      load(rcx, args[1]);
      a_.mov(qword_ptr(rax, which == Intrinsic::SetCar ? kCarOffset : kCdrOffset), rcx);
      a_.mov(eax, imm(static_cast<int32_t>(raw(kUnspecified))));
      break;
    case Intrinsic::VectorLength:
    case Intrinsic::StringLength:
      load(rax, args[0]);
      if (which == Intrinsic::StringLength)
        check_type(Type::String, slow);
      else if (!known(args[0], kKnownVector))
        check_type(Type::Vector, slow);
      if (which == Intrinsic::VectorLength) learned = kKnownVector;
      a_.mov(rax, qword_ptr(rax, kHeader));
      a_.shr(rax, imm(Object::kSizeShift));
      a_.add(rax, rax);  // the length as a fixnum
      break;
    case Intrinsic::StringRef:
      load(rax, args[0]);
      load(rcx, args[1]);
      check_type(Type::String, slow);
      a_.test(cl, imm(1));
      a_.jnz(slow);
      a_.mov(rdx, qword_ptr(rax, kHeader));
      a_.shr(rdx, imm(Object::kSizeShift));
      a_.mov(rsi, rcx);
      a_.sar(rsi, 1);
      a_.cmp(rsi, rdx);
      a_.jae(slow);  // unsigned: negative indices too
      a_.mov(eax, dword_ptr(rax, rsi, 2, kStringChars));
      a_.shl(rax, 8);
      a_.or_(eax, imm(static_cast<int32_t>(Value::kCharTag)));
      break;
    case Intrinsic::StringSet:
      // A literal string (immutable), an index out of range or a value
      // that is no character: the primitive raises.
      load(rax, args[0]);
      check_type(Type::String, slow);
      fixnum_arg(rcx, args[1]);
      a_.mov(rdx, qword_ptr(rax, kHeader));
      a_.test(edx, imm(static_cast<int32_t>(Object::kImmutableBit)));
      a_.jnz(slow);
      a_.shr(rdx, imm(Object::kSizeShift));
      a_.mov(rsi, rcx);
      a_.sar(rsi, 1);
      a_.cmp(rsi, rdx);
      a_.jae(slow);  // unsigned: negative indices too
      load(rdx, args[2]);
      a_.cmp(dl, imm(static_cast<int32_t>(Value::kCharTag)));
      a_.jne(slow);
      a_.shr(rdx, imm(8));
      a_.mov(dword_ptr(rax, rsi, 2, kStringChars), edx);
      a_.mov(eax, imm(static_cast<int32_t>(raw(kUnspecified))));
      break;
    case Intrinsic::CharToInteger:
      load(rax, args[0]);
      a_.cmp(al, imm(static_cast<int32_t>(Value::kCharTag)));
      a_.jne(slow);
      a_.shr(rax, imm(7));  // the code point as a fixnum (the tag's bits fall out)
      break;
    case Intrinsic::CharUpcase:
    case Intrinsic::CharDowncase: {
      // An ASCII letter of the other case flips bit 5 of its code point;
      // every other ASCII character maps to itself.
      Label keep = a_.newLabel();
      ascii_code_point(args[0], slow);
      a_.sub(edx, imm(which == Intrinsic::CharUpcase ? 'a' : 'A'));
      a_.cmp(edx, imm(26));
      a_.jae(keep);
      a_.xor_(eax, imm(0x20 << 8));
      a_.bind(keep);
      break;
    }
    case Intrinsic::IntegerToChar:
      // A Unicode scalar value: at most 0x10FFFF, and no surrogate.
      fixnum_arg(rax, args[0]);
      a_.sar(rax, 1);
      a_.cmp(rax, imm(0x10FFFF));
      a_.ja(slow);  // unsigned: negative values too
      a_.lea(edx, ptr(rax, -0xD800));
      a_.cmp(edx, imm(0x800));
      a_.jb(slow);
      a_.shl(eax, 8);
      a_.or_(eax, imm(static_cast<int32_t>(Value::kCharTag)));
      break;
    case Intrinsic::ListTail:
    case Intrinsic::ListRef: {
      // k cdrs of pairs (then a car, for list-ref); anything else -- k not
      // a fixnum >= 0, the list too short -- is the primitive's to report,
      // from the start (nothing has changed).
      Label loop = a_.newLabel(), end = a_.newLabel();
      fixnum_arg(rcx, args[1]);
      load(rax, args[0]);
      a_.test(rcx, rcx);
      a_.js(slow);
      a_.bind(loop);
      a_.test(rcx, rcx);
      a_.jz(end);
      check_pair(slow);
      a_.mov(rax, qword_ptr(rax, kCdrOffset));
      a_.sub(rcx, imm(2));
      a_.jmp(loop);
      a_.bind(end);
      if (which == Intrinsic::ListRef) {
        check_pair(slow);
        a_.mov(rax, qword_ptr(rax, kCarOffset));
      }
      break;
    }
    case Intrinsic::Memq:
    case Intrinsic::Assq: {
      // Up to kSteps pairs inline; a longer (or circular) list, an improper
      // one or an entry of an alist that is no pair is the primitive's, from
      // the start: it gives the same answer or raises the same error.
      constexpr int kSteps = 256;
      Label loop = a_.newLabel(), next = a_.newLabel(), not_found = a_.newLabel(), end = a_.newLabel();
      load(rcx, args[0]);
      load(rax, args[1]);
      a_.mov(edi, imm(kSteps));
      a_.bind(loop);
      cmp_raw(rax, kNil);
      a_.je(not_found);
      check_pair(slow);
      if (which == Intrinsic::Memq) {
        a_.cmp(qword_ptr(rax, kCarOffset), rcx);
        a_.je(end);  // rax: the sublist
      } else {
        a_.mov(rsi, qword_ptr(rax, kCarOffset));
        check_pair(slow, rsi);
        a_.cmp(qword_ptr(rsi, kCarOffset), rcx);
        a_.jne(next);
        a_.mov(rax, rsi);  // the entry
        a_.jmp(end);
      }
      a_.bind(next);
      a_.mov(rax, qword_ptr(rax, kCdrOffset));
      a_.dec(edi);
      a_.jnz(loop);
      a_.jmp(slow);
      a_.bind(not_found);
      a_.mov(eax, imm(static_cast<int32_t>(raw(kFalse))));
      a_.bind(end);
      break;
    }
    case Intrinsic::None:
      break;
  }
  store(inst.result, rax);
  a_.bind(done);
  if (learned) learn(args[0], learned);
  primitive_out_of_line(inst, slow, done);
  return true;
}

void CodeGen::primitive_out_of_line(const Inst& inst, Label slow, Label done) {
  Label at = inst_;
  later([this, slow, done, at, inst] {
    a_.bind(slow);
    inst_ = at;
    call_primitive(inst);
    a_.jmp(done);
  });
}

}  // namespace kiln::jit
