// Direct calls of foreign procedures from machine code (issue 6): no
// libffi, no exit to the interpreter.
//
// A function is compiled after it ran in the VM, so a call site whose
// callee is a global (`(define plusone (foreign-procedure ...))`, or
// `define-c-function`) already finds the foreign procedure in the global's
// cell. Such a call is specialised to it:
//
//   guard     callee == that procedure (held in the Proto's JitConstants)
//   convert   each argument inline by its FfiType, into the SysV argument
//             registers; any value of an unexpected type or out of range
//             (and every bignum) fails the check. An integer goes from its
//             register to the argument register by one shift; the checks
//             read copies, off the path from the value to the call
//   call      the C function itself, the live caller-saved pool registers
//             pushed around it, rsp 16-byte aligned; through a per-site
//             trampoline (`call rel32` to `jmp [rip+slot]`, a PLT call's
//             shape), which costs half as much as `call reg` per call here
//   check     the callback-failure flag (ffi/callback.h)
//   convert   the result inline (a flonum or pointer object is allocated
//             inline like a pair, a helper refills the free list; int64 and
//             uint64 beyond the fixnum range go to a helper)
//
// A failed guard or check jumps to the generic call (call_generic, out of
// line), which the interpreter completes with ffi::foreign_call: the same
// result, or the same error with the same message and location, as in the
// VM. A global redefined later fails the guard and is called generically,
// so it stays correct (and as fast as before this file existed). When the
// GlobalRef of the callee comes right before the call and has no other use,
// it only loads the cell for the guard; its unbound check moves to the
// generic path (an unbound cell fails the guard).
//
// Supported signatures: integer types, bool, float, double and pointer
// arguments, at most 6 of the integer class and 8 of the floating class
// (all in registers), any of those or void as the result, not variadic.
// Everything else (string, bytevector, variadic functions, a callee that is
// a local variable rather than a global) takes the generic path.
#include <vector>

#include "ffi/callback.h"
#include "ffi/convert.h"
#include "ffi/procedure.h"
#include "jit/codegen.h"
#include "jit/helpers.h"
#include "runtime/error.h"
#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/tier.h"

namespace kiln::jit {

namespace {

using ffi::FfiType;

/// The SysV integer argument registers, in order. The first four are
/// scratch registers of the generator; r8 and r9 are pool registers.
const Gp kIntArgs[] = {rdi, rsi, rdx, rcx, r8, r9};
constexpr int kIntArgRegs = 6;
constexpr int kFloatArgRegs = 8;
constexpr int kFirstPoolArg = 4;  // kIntArgs[4] == r8

constexpr int32_t kPointerAddress = field(offsetof(ForeignPointer, address));

bool is_floating(FfiType t) { return t == FfiType::Float || t == FfiType::Double; }

bool direct_argument(FfiType t) {
  return ffi::is_integer_type(t) || is_floating(t) || t == FfiType::Bool || t == FfiType::Pointer;
}

bool direct_result(FfiType t) { return t == FfiType::Void || direct_argument(t); }

/// Whether a direct call can make a call of this signature.
bool direct_callable(const ffi::FfiSignature& s) {
  if (s.variadic || !direct_result(s.result)) return false;
  int ints = 0, floats = 0;
  for (uint32_t i = 0; i < s.nargs; ++i) {
    if (!direct_argument(s.args[i])) return false;
    ++(is_floating(s.args[i]) ? floats : ints);
  }
  return ints <= kIntArgRegs && floats <= kFloatArgRegs;
}

// --- helpers (C ABI; they never throw, see jit/helpers.h) --------------------

/// Raises the error a callback recorded during the direct call.
Value helper_ffi_callback_failure() {
  try {
    ffi::raise_callback_failure();
  } catch (const SchemeRaise&) {
    return kRaise;
  }
}

/// The Scheme value of a C result the inline code does not box itself:
/// int64/uint64 beyond the fixnum range, or a flonum or pointer when the
/// free list is empty. `bits` is the result's register (xmm0's bits for a
/// double). Never raises for these types.
Value helper_ffi_result(uint64_t type, uint64_t bits) { return ffi::from_c(static_cast<FfiType>(type), &bits); }

}  // namespace

const Inst* CodeGen::definition(ValueId v) {
  if (defs_.empty()) {
    defs_.assign(f_.num_values, nullptr);
    for (const ir::Block& b : f_.blocks)
      for (const Inst& i : b.insts)
        if (i.result != ir::kNoValue) defs_[i.result] = &i;
  }
  return v < defs_.size() ? defs_[v] : nullptr;
}

const ffi::ForeignProcedure* CodeGen::direct_foreign_target(const Inst& inst) {
  const Inst* def = definition(inst.args[0]);
  if (!def || def->op != Op::GlobalRef) return nullptr;
  const ffi::ForeignProcedure* fp = ffi::as_foreign_procedure(as_cell(constant(def->imm))->value);
  if (!fp || fp->sig.nargs != inst.args.size() - 1 || !direct_callable(fp->sig)) return nullptr;
  return fp;
}

bool CodeGen::fuse_global_into_direct_call(const Inst& inst) {
  if (inst.op != Op::GlobalRef || alloc_.uses[inst.result] != 1) return false;
  const Inst& next = *(&inst + 1);  // a GlobalRef is never the last instruction of its block
  if ((next.op != Op::Call && next.op != Op::TailCall) || next.args[0] != inst.result) return false;
  if (!direct_foreign_target(next)) return false;
  fused_cell_ = &as_cell(constant(inst.imm))->value;
  a_.mov(rcx, imm(reinterpret_cast<uint64_t>(fused_cell_)));
  a_.mov(rax, qword_ptr(rcx));
  fused_global_ = &inst;
  fused_global_at_ = inst_;
  return true;
}

bool CodeGen::direct_foreign_call(const Inst& inst, bool tail) {
  const ffi::ForeignProcedure* fp = direct_foreign_target(inst);
  if (!fp) return false;
  const ffi::FfiSignature& s = fp->sig;
  Label generic = a_.newLabel(), done = a_.newLabel();
  ++g_tier.stats.ffi_direct;
  // A fused GlobalRef left the callee in rax and wrote nothing else.
  const Inst* fused = fused_global_ && fused_global_->result == inst.args[0] ? fused_global_ : nullptr;
  Label fused_at = fused_global_at_;
  fused_global_ = nullptr;

  // The guard. (The global may have been redefined since.) A fused
  // GlobalRef left the cell's address in rcx; the constant's slot is
  // usually within 2 GiB of it (both in the collector's heap, which never
  // moves objects), so rcx addresses it too.
  if (!fused) load(rax, inst.args[0]);
  const Value* expected = jit_constant(Value::object(fp));
  int64_t delta = fused ? reinterpret_cast<intptr_t>(expected) - reinterpret_cast<intptr_t>(fused_cell_) : INT64_MAX;
  if (delta >= INT32_MIN && delta <= INT32_MAX)
    a_.cmp(rax, qword_ptr(rcx, static_cast<int32_t>(delta)));
  else
    a_.cmp(rax, jit_constant_mem(Value::object(fp), rcx));
  a_.jne(generic);

  // Argument i goes to integer register arg_reg[i], or xmm arg_reg[i] when floating.
  std::vector<int> arg_reg(s.nargs);
  int ints = 0, floats = 0;
  for (uint32_t i = 0; i < s.nargs; ++i) arg_reg[i] = is_floating(s.args[i]) ? floats++ : ints++;

  // Converts Scheme value `v` to C type `t` in `r`, using only rax and
  // `r`; jumps to `generic` when the value does not fit. Integers are
  // untagged straight from v's register into `r` (one shift on the path
  // from v to the C call; the checks read copies, off that path).
  auto convert_integer = [&](FfiType t, const Gp& r, ValueId v) {
    switch (t) {
      case FfiType::Bool:
        // #f and #t differ only in bit 8 (value.h).
        load(r, v);
        a_.xor_(r, imm(static_cast<int32_t>(raw(kFalse))));
        a_.test(r, imm(~static_cast<int32_t>(raw(kTrue) ^ raw(kFalse))));
        a_.jnz(generic);
        a_.shr(r.r32(), 8);
        return;
      case FfiType::Pointer:
        load(rax, v);
        a_.mov(r.r32(), eax);
        a_.and_(r.r32(), imm(7));
        a_.cmp(r.r32(), imm(1));
        a_.jne(generic);
        a_.cmp(byte_ptr(rax, kHeader), imm(static_cast<int>(Type::Pointer)));
        a_.jne(generic);
        a_.mov(r, qword_ptr(rax, kPointerAddress));
        return;
      default:
        break;
    }
    // An integer type: a fixnum whose value survives the narrowing (the
    // extended register is then what C expects). Bignums go generic.
    if (in_reg(v))
      a_.test(reg(v).r8(), imm(1));
    else
      a_.test(byte_ptr(kFp, static_cast<int32_t>(8 * alloc_.slot[v])), imm(1));
    a_.jnz(generic);
    load(r, v);
    a_.sar(r, 1);
    switch (t) {
      case FfiType::Int8: a_.movsx(rax, r.r8()); break;
      case FfiType::UInt8: a_.movzx(eax, r.r8()); break;
      case FfiType::Int16: a_.movsx(rax, r.r16()); break;
      case FfiType::UInt16: a_.movzx(eax, r.r16()); break;
      case FfiType::Int32: a_.movsxd(rax, r.r32()); break;
      case FfiType::UInt32: a_.mov(eax, r.r32()); break;
      case FfiType::Int64: return;
      case FfiType::UInt64:
        a_.test(r, r);
        a_.js(generic);
        return;
      default: __builtin_unreachable();  // direct_argument() admits no other type
    }
    // r keeps the full value: C reads only the low bits of a narrow
    // argument, and the compare proves them to be all of it.
    a_.cmp(rax, r);
    a_.jne(generic);
  };
  // Converts the real number in rax (fixnum or flonum; others go generic)
  // to a C double or float in `x`.
  auto convert_floating = [&](FfiType t, const Xmm& x) {
    Label flonum = a_.newLabel(), converted = a_.newLabel();
    a_.test(al, imm(1));
    a_.jnz(flonum);
    a_.sar(rax, 1);
    a_.cvtsi2sd(x, rax);
    a_.jmp(converted);
    a_.bind(flonum);
    a_.test(al, imm(6));  // with bit 0 set: tag 001, a heap object
    a_.jnz(generic);
    a_.cmp(byte_ptr(rax, kHeader), imm(static_cast<int>(Type::Flonum)));
    a_.jne(generic);
    a_.movsd(x, qword_ptr(rax, kFlonumValue));
    a_.bind(converted);
    if (t == FfiType::Float) a_.cvtsd2ss(x, x);
  };

  // r8 and r9 are pool registers that may hold other arguments' Scheme
  // values, so the arguments passed in them are converted first (through
  // rcx) into the outgoing area and loaded only after the checks.
  auto staged = [&](uint32_t i) { return !is_floating(s.args[i]) && arg_reg[i] >= kFirstPoolArg; };
  auto stage_slot = [&](uint32_t i) { return fp_word(nslots_ + 1 + i); };
  for (uint32_t i = 0; i < s.nargs; ++i) {
    if (!staged(i)) continue;
    convert_integer(s.args[i], rcx, inst.args[i + 1]);
    a_.mov(stage_slot(i), rcx);
  }
  for (uint32_t i = 0; i < s.nargs; ++i) {
    if (staged(i)) continue;
    if (is_floating(s.args[i])) {
      load(rax, inst.args[i + 1]);
      convert_floating(s.args[i], xmm(static_cast<uint32_t>(arg_reg[i])));
    } else {
      convert_integer(s.args[i], kIntArgs[arg_reg[i]], inst.args[i + 1]);
    }
  }

  // The frame's pc names this call site, for backtraces taken in callbacks.
  a_.lea(rax, ptr(inst_, 1));
  a_.mov(qword_ptr(kFrame, kFramePc), rax);
  // Only values live after the call need saving: nothing reads the
  // arguments once C runs (unlike helper calls, see live_caller_saved).
  std::vector<Gp> live;
  for (ValueId v = 0; v < f_.num_values; ++v)
    if (reg_[v] >= 0 && caller_saved(reg(v)) && alloc_.start[v] < pos_ && pos_ < alloc_.end[v])
      live.push_back(reg(v));
  save(live);
  for (uint32_t i = 0; i < s.nargs; ++i)
    if (staged(i)) a_.mov(kIntArgs[arg_reg[i]], stage_slot(i));
  // A direct call of a trampoline that jumps through a slot in the code:
  // on this machine's cores `call rax` costs twice as much as
  // `call rel32` + `jmp [rip+x]`, a PLT call's shape (measured in a loop
  // of plusone calls). The slot holds a C address, never a Value.
  Label trampoline = a_.newLabel();
  a_.call(trampoline);
  void* function = s.function;
  later([this, trampoline, function] {
    Label slot = a_.newLabel();
    a_.bind(trampoline);
    a_.jmp(ptr(slot));
    a_.align(AlignMode::kData, 8);
    a_.bind(slot);
    a_.embed(&function, sizeof function);
  });
  restore(live);

  // A callback that failed during the call: raise its error here.
  Label callback_failed = a_.newLabel();
  a_.mov(rcx, imm(reinterpret_cast<uint64_t>(ffi::callback_failure_flag())));
  a_.cmp(byte_ptr(rcx), imm(0));
  a_.jne(callback_failed);
  Label at = inst_;
  later([this, callback_failed, at] {
    a_.bind(callback_failed);
    call(reinterpret_cast<const void*>(&helper_ffi_callback_failure));
    a_.lea(rdx, ptr(at, 1));
    a_.jmp(raise_);
  });

  // The result, as a Scheme value in rax.
  FfiType result = s.result;
  // Out of line: the helper boxes the bits in rsi and comes back. (A float
  // result is a double by then.)
  FfiType in_rsi = result == FfiType::Float ? FfiType::Double : result;
  auto box_later = [&](Label slow, Label boxed) {
    later([this, slow, boxed, in_rsi] {
      a_.bind(slow);
      a_.mov(edi, imm(static_cast<uint32_t>(in_rsi)));
      call(reinterpret_cast<const void*>(&helper_ffi_result));
      a_.jmp(boxed);
    });
  };
  bool narrow = ffi::is_integer_type(result) && result != FfiType::Int64 && result != FfiType::UInt64;
  Gp out = narrow && !tail && in_reg(inst.result) ? reg(inst.result) : Gp(rax);
  switch (result) {
    case FfiType::Void: a_.mov(eax, imm(static_cast<uint32_t>(raw(kUnspecified)))); break;
    case FfiType::Bool:
      a_.test(al, al);
      a_.setne(al);
      a_.movzx(eax, al);
      a_.shl(eax, 8);
      a_.add(eax, imm(static_cast<int32_t>(raw(kFalse))));
      break;
    // A narrow integer is tagged straight into the result's register.
    case FfiType::Int8: a_.movsx(out, al); a_.add(out, out); break;
    case FfiType::UInt8: a_.movzx(out.r32(), al); a_.add(out, out); break;
    case FfiType::Int16: a_.movsx(out, ax); a_.add(out, out); break;
    case FfiType::UInt16: a_.movzx(out.r32(), ax); a_.add(out, out); break;
    case FfiType::Int32: a_.movsxd(out, eax); a_.add(out, out); break;
    case FfiType::UInt32: a_.mov(out.r32(), eax); a_.add(out, out); break;
    case FfiType::Int64:
    case FfiType::UInt64: {
      Label slow = a_.newLabel(), boxed = a_.newLabel();
      a_.mov(rsi, rax);
      if (result == FfiType::UInt64) {
        a_.test(rax, rax);
        a_.js(slow);
      }
      a_.add(rax, rax);  // tag; overflow: beyond the fixnum range
      a_.jo(slow);
      a_.bind(boxed);
      box_later(slow, boxed);
      break;
    }
    case FfiType::Float:
    case FfiType::Double:
    case FfiType::Pointer: {
      Label slow = a_.newLabel(), boxed = a_.newLabel();
      if (result == FfiType::Pointer) {
        a_.mov(rsi, rax);
      } else {
        if (result == FfiType::Float) a_.cvtss2sd(xmm0, xmm0);
        a_.movq(rsi, xmm0);
      }
      Type type = result == FfiType::Pointer ? Type::Pointer : Type::Flonum;
      static_assert(sizeof(Flonum) == 16 && sizeof(ForeignPointer) == 16);
      static_assert(offsetof(Flonum, value) == offsetof(ForeignPointer, address));
      allocate_small(sizeof(Flonum), Object::make_header(type), slow);
      a_.mov(qword_ptr(rax, static_cast<int32_t>(offsetof(Flonum, value))), rsi);
      a_.inc(rax);  // the object tag
      a_.bind(boxed);
      box_later(slow, boxed);
      break;
    }
    default: __builtin_unreachable();  // direct_result() admits no other type
  }
  if (tail) {
    ret();
  } else {
    store(inst.result, out);
    a_.bind(done);
  }

  // Out of line: the generic call, completed by the interpreter (and for a
  // fused GlobalRef, first what the GlobalRef would have done: the cell is
  // unchanged since the guard read it, as no Scheme code ran in between).
  const Inst* call_inst = &inst;
  later([this, call_inst, tail, generic, done, fused, fused_at, at] {
    a_.bind(generic);
    inst_ = at;
    // Return addresses in this code (the resume point of the call) must map
    // to the call's source location, as the inline code would.
    if (call_inst->loc.known()) locs_.push_back({generic, call_inst->loc});
    if (fused) {
      Value cell = constant(fused->imm);
      Label bound = a_.newLabel();
      a_.mov(rcx, imm(reinterpret_cast<uint64_t>(&as_cell(cell)->value)));
      a_.mov(rax, qword_ptr(rcx));
      cmp_raw(rax, kUnbound);
      a_.jne(bound);
      a_.mov(rdi, imm(raw(cell)));
      call(reinterpret_cast<const void*>(&helper_unbound));
      a_.lea(rdx, ptr(fused_at, 1));
      a_.jmp(raise_);
      a_.bind(bound);
      store(fused->result, rax);
    }
    call_generic(*call_inst, tail);
    if (!tail) a_.jmp(done);
  });
  return true;
}

}  // namespace kiln::jit
