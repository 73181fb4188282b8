// Direct calls of foreign procedures from machine code (issue 6): no
// libffi, no exit to the interpreter.
//
// A function is compiled after it ran in the VM, so a call site whose
// callee is a global (`(define plusone (foreign-procedure ...))`, or
// `define-c-function`) already finds the foreign procedure in the global's
// cell. So, from the sample (the frame that made the function hot, in
// tiered and eager modes), does a call of the running closure's free
// variable or of an argument that held one (a foreign procedure passed to
// a loop). Such a call is specialised to that procedure:
//
//   guard     callee == that procedure (held in the Proto's JitConstants),
//             or a watch on the global's cell (no code on the path)
//   convert   each argument inline by its FfiType: integers, bool, float,
//             double, pointer and (* T) objects, bytevectors (the address
//             of their bytes, no copy); any value of an unexpected type or
//             out of range (and every bignum) fails the check. An integer
//             goes from its register to the argument register by one
//             shift, whose carry is the fixnum test; the range check reads
//             a copy, off the path from the value to the call. A string is encoded by a helper
//             (ffi::c_string) into kStringBuffer bytes reserved on the C
//             stack for the call, or into GC memory when longer; a NUL in
//             it, or a non-string, fails the check
//   place     SysV: the first 6 integer-class and 8 floating arguments in
//             registers, the rest on the C stack in order; a variadic
//             callee gets al = the vector registers used. Arguments that
//             need a helper call, go in r8/r9 (pool registers) or on the
//             stack are converted first into the outgoing area of the frame
//             (VM stack: the collector sees a string's GC copy there, and
//             a bytevector during the call) and placed after the checks
//   call      the C function itself, the live caller-saved pool registers
//             pushed around it, rsp 16-byte aligned; through a per-site
//             trampoline (`call rel32` to `jmp [rip+slot]`, a PLT call's
//             shape), which costs half as much as `call reg` per call here
//   check     the callback-failure flag (ffi/callback.h)
//
// The frame's pc, Thread::frames_top, the flag's check, and the frame
// record itself are for a C function that calls back into Scheme or
// starts a collection. Until the process makes its first foreign-callback
// no C function can call Scheme, so a call of one that cannot reach the
// collector either (ffi/library.h) is *lean*: the call alone, behind a
// 5-byte no-op registered with the callbacks (ffi::watch_no_callbacks),
// or, when nothing runs between the checks and the C call, with the
// `call` itself as that site and the global's watch (call_is_lean_site);
// its block needs no record (lazy_record.cpp). The first callback patches
// the no-op into a jump to the full sequence, out of line (it pushes the
// record if missing, stores the pc and frames_top, calls, checks the
// flag) which jumps back for the result: code already running, loops and
// frames that will return into it, is right from then on. The generic
// path pushes the record too before its Scheme call.
//   convert   the result inline (a flonum or pointer object is allocated
//             inline like a pair, a helper refills the free list; int64 and
//             uint64 beyond the fixnum range go to a helper; a string is
//             copied out by a helper). The strings' buffers are released
//             only then: C may return a pointer into one (strchr)
//
// A failed guard or check jumps to the generic call (call_generic, out of
// line), which the interpreter completes with ffi::foreign_call: the same
// result, or the same error with the same message and location, as in the
// VM. A local callee holding another value fails the guard and is called
// generically, so it stays correct (and as fast as before this file
// existed). When the callee is a GlobalRef read with nothing between it
// and the call that could assign the global (CodeGen::watchable), the
// guard is a watch on the global's cell (runtime/cell_watch.h): a no-op
// that assigning the global patches into a jump to the generic path. Such
// a GlobalRef with no other use emits nothing at all: the generic path
// reads the cell (and would raise its unbound-variable error).
//
// Every signature the parser accepts is called directly. Local callees
// are not when there is no sample: `jit-compile!`, `(disassemble f)`'s
// listing, and the recompilation after a failed flonum speculation.
#include <functional>
#include <vector>

#include "ffi/callback.h"
#include "ffi/convert.h"
#include "ffi/procedure.h"
#include "jit/codegen.h"
#include "jit/helpers.h"
#include "jit/int_shadow.h"
#include "jit/shadow_trust.h"
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

/// Bytes of C stack per `string` argument for its UTF-8 copy: a string
/// whose encoding fits (127 ASCII characters) is copied there, with no
/// allocation; a longer one goes to GC memory (ffi::c_string).
constexpr int32_t kStringBuffer = 128;

constexpr int32_t kPointerAddress = field(offsetof(ForeignPointer, address));
constexpr int32_t kBytevectorBytes = field(offsetof(Bytevector, bytes));

bool is_floating(FfiType t) { return t == FfiType::Float || t == FfiType::Double; }

/// Whether a direct call can make a call of this signature: every one the
/// parser accepts (arguments beyond the registers go on the C stack; a
/// bytevector result is rejected when the signature is parsed).
bool direct_callable(const ffi::FfiSignature& s) { return s.result != FfiType::Bytevector; }

/// Where argument i goes in the SysV ABI: an integer or xmm register, or
/// the C stack (the arguments that find no register of their class, in
/// order, 8 bytes each).
struct Placement {
  bool floating;
  int reg;    // index into kIntArgs or xmm0..7; -1 on the stack
  int stack;  // 8-byte word of the outgoing C stack area, when reg < 0
};

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

/// A `string` argument's C string: `buf` (kStringBuffer bytes of the call's
/// C stack) or a GC copy, or nullptr for the generic path, which raises the
/// VM's error (not a string, a NUL inside; or out of memory).
char* helper_ffi_string(Value s, char* buf) {
  try {
    return ffi::c_string(s, buf, kStringBuffer);
  } catch (const SchemeRaise&) {
    return nullptr;
  }
}

/// A `string` result copied out (#f for NULL), or kRaise.
Value helper_ffi_string_result(const char* s) {
  try {
    return ffi::from_c(FfiType::String, &s);
  } catch (const SchemeRaise&) {
    return kRaise;
  }
}

}  // namespace

const ffi::ForeignProcedure* foreign_target(const Proto* p, const ir::Function& f,
                                            const std::function<const Inst*(ValueId)>& definition, const Inst& inst,
                                            const Value* sample, uint32_t nsample) {
  // Only a guess of what the callee will be: the guard makes it safe.
  Value now = callee_when_compiling(p, f, definition, inst, sample, nsample);
  const ffi::ForeignProcedure* fp = ffi::as_foreign_procedure(now);
  if (!fp || fp->sig.nargs != inst.args.size() - 1 || !direct_callable(fp->sig)) return nullptr;
  return fp;
}

const ffi::ForeignProcedure* CodeGen::direct_foreign_target(const Inst& inst) {
  return foreign_target(p_, f_, [this](ValueId v) { return def_[v]; }, inst, sample_, nsample_);
}

bool CodeGen::fuse_global_into_direct_call(const Inst& inst) {
  const Inst* call = only_call_of(inst);
  if (!call || !direct_foreign_target(*call) || !watchable(inst, *call)) return false;
  // Nothing to emit: the call watches the cell (watch_sites.cpp).
  fused_globals_.push_back({&inst, inst_});
  return true;
}

bool CodeGen::lean_foreign_call(const Inst& inst) {
  if (inst.op != Op::Call && inst.op != Op::TailCall) return false;
  const ffi::ForeignProcedure* fp = direct_foreign_target(inst);
  return fp && !fp->may_reach_collector && !ffi::callbacks_made();
}

bool CodeGen::direct_foreign_call(const Inst& inst, bool tail) {
  const ffi::ForeignProcedure* fp = direct_foreign_target(inst);
  if (!fp) return false;
  const ffi::FfiSignature& s = fp->sig;
  Label generic = a_.newLabel(), done = a_.newLabel();
  ++g_tier.stats.ffi_direct;
  // A fused GlobalRef emitted nothing: its value is read on the generic
  // path only.
  const Inst* fused = nullptr;
  Label fused_at;
  for (auto& [ref, at] : fused_globals_)
    if (ref->result == inst.args[0]) fused = ref, fused_at = at;

  // Where each argument goes (SysV: each class fills its registers in
  // order, the rest go on the C stack in order).
  std::vector<Placement> place(s.nargs);
  int ints = 0, floats = 0, nstack = 0, nstrings = 0;
  for (uint32_t i = 0; i < s.nargs; ++i) {
    bool fl = is_floating(s.args[i]);
    int& used = fl ? floats : ints;
    place[i] = {fl, used < (fl ? kFloatArgRegs : kIntArgRegs) ? used++ : -1, 0};
    if (place[i].reg < 0) place[i].stack = nstack++;
    if (s.args[i] == FfiType::String) ++nstrings;
  }
  // The C stack below the pool registers' save area holds, from the top:
  // the strings' copies (`buffers` bytes, reserved before the conversions,
  // which fill them) and the stack arguments (reserved after the save).
  // Both are multiples of 16, so rsp stays aligned for the calls.
  const int32_t buffers = nstrings * kStringBuffer;
  const int32_t stack_area = (8 * nstack + 15) & ~15;
  static_assert(kStringBuffer % 16 == 0);
  // The C call's own instruction (`call rel32`, 5 bytes) is the lean
  // site when nothing needs doing between the last check and it (no
  // pool register to save, no staged argument to place, no C stack area,
  // no al): patched, it jumps out of line before anything of the call ran,
  // exactly like a failed check. The global's watch then uses that site
  // too, later than the guard's usual place but with only the checks in
  // between, which run no Scheme code: one site, no no-op on the path
  // (2 of the plusone loop's 22 instructions; each no-op costs a slot of
  // the 6-wide rename, which bounds that loop). Its generic path wins: the
  // first callback leaves the site alone once the watch took it there
  // (TierConfig::invalidate_lean_site), and an assignment overwrites the
  // jump to the full sequence.
  LiveRegs live = live_across_foreign_call(pos_);
  auto staged = [&](uint32_t i) {
    return s.args[i] == FfiType::String || place[i].reg < 0 || (!place[i].floating && place[i].reg >= kFirstPoolArg);
  };
  const bool site_at_call = call_is_lean_site(inst, pos_);
  Label call_site = a_.newLabel();
  bool trusts = false;  // an argument passed from a shadow unchecked (shadow_trust.h)

  // The guard. A GlobalRef callee read with nothing between it and the
  // call that could assign the global (watchable) is watched
  // (watch_sites.cpp): assigning the global patches the site into a jump
  // to the generic call. Any other callee (a local one, a GlobalRef read
  // before a call) is compared with the procedure.
  const Inst* ref = def_[inst.args[0]];
  if (ref && ref->op == Op::GlobalRef && watchable(*ref, inst)) {
    if (site_at_call)
      watch_site(constant(ref->imm), Value::object(fp), call_site, generic);
    else
      watch_point(constant(ref->imm), Value::object(fp), generic);
  } else {
    load(rax, inst.args[0]);
    a_.cmp(rax, jit_constant_mem(Value::object(fp), rcx));
    a_.jne(generic);
  }

  // A failed check after the buffers are reserved gives them back first.
  Label fail = generic;
  if (buffers) {
    fail = a_.newLabel();
    a_.sub(rsp, imm(buffers));
    later([this, fail, generic, buffers] {
      a_.bind(fail);
      a_.add(rsp, imm(buffers));
      a_.jmp(generic);
    });
  }

  // Converts Scheme value `v` to C type `t` in `r`, using only rax and
  // `r`; jumps to `fail` when the value does not fit. Integers are
  // untagged straight from v's register into `r` (one shift on the path
  // from v to the C call; the range check reads a copy, off that path).
  auto convert_integer = [&](FfiType t, const Gp& r, ValueId v) {
    switch (t) {
      case FfiType::Bool:
        // #f and #t differ only in bit 8 (value.h).
        load(r, v);
        a_.xor_(r, imm(static_cast<int32_t>(raw(kFalse))));
        a_.test(r, imm(~static_cast<int32_t>(raw(kTrue) ^ raw(kFalse))));
        a_.jnz(fail);
        a_.shr(r.r32(), 8);
        return;
      case FfiType::Pointer:
      case FfiType::Bytevector: {
        // A pointer object's address, or the address of a bytevector's
        // bytes (no copy: C sees the bytevector itself).
        bool bv = t == FfiType::Bytevector;
        load(rax, v);
        a_.mov(r.r32(), eax);
        a_.and_(r.r32(), imm(7));
        a_.cmp(r.r32(), imm(1));
        a_.jne(fail);
        a_.cmp(byte_ptr(rax, kHeader), imm(static_cast<int>(bv ? Type::Bytevector : Type::Pointer)));
        a_.jne(fail);
        if (bv)
          a_.lea(r, qword_ptr(rax, kBytevectorBytes));
        else
          a_.mov(r, qword_ptr(rax, kPointerAddress));
        return;
      }
      default:
        break;
    }
    // An integer type: a fixnum whose value survives the narrowing (the
    // extended register is then what C expects). Bignums go generic.
    // (The shift moves the tag bit into CF: set, not a fixnum.)
    load(r, v);
    a_.sar(r, 1);
    a_.jc(fail);
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
        a_.js(fail);
        return;
      default: __builtin_unreachable();  // the other types are handled above or floating
    }
    // r keeps the full value: C reads only the low bits of a narrow
    // argument, and the compare proves them to be all of it.
    a_.cmp(rax, r);
    a_.jne(fail);
  };
  // An int32/uint32 argument whose value has a shadow (jit/int_shadow.h):
  // r = the shadow, the C function's whole argument, straight from where
  // it lives; then, reading a copy, off the path to the call, the check
  // that v is the shadow tagged (sign- or zero-extended as t is), which
  // holds exactly when v is a fixnum t holds. No shadow: convert_integer.
  auto convert_shadowed = [&](FfiType t, const Gp& r, ValueId v, uint32_t k) {
    ValueId sv = nstrings ? ir::kNoValue : shadow_argument(k);
    if (sv == ir::kNoValue || !takes_shadow(t) || unneeded_[v] || is_raw(v)) {
      convert_integer(t, r, v);
      return;
    }
    ++g_tier.stats.ffi_shadow_args;
    if (in_reg(sv))
      a_.mov(r.r32(), reg(sv).r32());
    else
      a_.mov(r.r32(), dword_ptr(kFp, static_cast<int32_t>(8 * alloc_.slot[sv])));
    if (trust_shadows_ && site_at_call && t == FfiType::Int32) {
      // Checked where the value was made (shadow_trust.h).
      trusts = true;
      ++g_tier.stats.ffi_shadow_trusted;
      return;
    }
    if (t == FfiType::Int32)
      a_.movsxd(rax, r.r32());
    else
      a_.mov(eax, r.r32());
    a_.add(rax, rax);
    cmp_value(rax, v);
    a_.jne(fail);
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
    a_.jnz(fail);
    a_.cmp(byte_ptr(rax, kHeader), imm(static_cast<int>(Type::Flonum)));
    a_.jne(fail);
    a_.movsd(x, qword_ptr(rax, kFlonumValue));
    a_.bind(converted);
    if (t == FfiType::Float) a_.cvtsd2ss(x, x);
  };

  // Arguments converted first into their slot of the outgoing area (VM
  // stack, which the collector scans), and moved to their place only once
  // every check has passed: strings (a helper call clobbers the argument
  // registers), those passed in r8 and r9 (pool registers that may hold
  // other arguments' Scheme values) and those passed on the C stack (which
  // is only set up after the save of the pool registers).
  auto stage_slot = [&](uint32_t i) { return fp_word(nslots_ + 1 + i); };
  int string_index = 0;
  for (uint32_t i = 0; i < s.nargs; ++i) {
    if (s.args[i] != FfiType::String) continue;
    // The C string's pointer in the slot also keeps a GC copy alive.
    load(rdi, inst.args[i + 1]);
    a_.lea(rsi, qword_ptr(rsp, string_index++ * kStringBuffer));
    call(reinterpret_cast<const void*>(&helper_ffi_string));
    a_.test(rax, rax);
    a_.jz(fail);
    a_.mov(stage_slot(i), rax);
  }
  for (uint32_t i = 0; i < s.nargs; ++i) {
    if (!staged(i) || s.args[i] == FfiType::String) continue;
    if (place[i].floating) {
      load(rax, inst.args[i + 1]);
      convert_floating(s.args[i], xmm0);
      a_.movsd(stage_slot(i), xmm0);  // a float: its 4 bytes are the low ones
    } else {
      convert_shadowed(s.args[i], rcx, inst.args[i + 1], i);
      a_.mov(stage_slot(i), rcx);
    }
  }
  for (uint32_t i = 0; i < s.nargs; ++i) {
    if (staged(i)) continue;
    if (place[i].floating) {
      load(rax, inst.args[i + 1]);
      convert_floating(s.args[i], xmm(static_cast<uint32_t>(place[i].reg)));
    } else {
      const Gp& r = kIntArgs[place[i].reg];
      convert_shadowed(s.args[i], r, inst.args[i + 1], i);
      // The bytevector stays visible to the collector during the call.
      if (s.args[i] == FfiType::Bytevector) a_.mov(stage_slot(i), rax);
    }
  }

  // The C call itself, emitted inline and, for a lean call, once more out
  // of line (its full sequence): the live caller-saved registers saved
  // around it (live_across_foreign_call), the staged arguments placed, al
  // for a variadic callee.
  if (trusts) trusted_sites_.push_back({call_site, generic});
  std::vector<bool> staged_args(s.nargs);
  for (uint32_t i = 0; i < s.nargs; ++i) staged_args[i] = staged(i);
  // A direct call of a trampoline that jumps through a slot in the code:
  // on this machine's cores `call rax` costs twice as much as
  // `call rel32` + `jmp [rip+x]`, a PLT call's shape (measured in a loop
  // of plusone calls). The slot holds a C address, never a Value.
  Label trampoline = a_.newLabel();
  void* function = s.function;
  later([this, trampoline, function] {
    Label slot = a_.newLabel();
    a_.bind(trampoline);
    a_.jmp(ptr(slot));
    a_.align(AlignMode::kData, 8);
    a_.bind(slot);
    a_.embed(&function, sizeof function);
  });
  bool variadic = s.variadic;
  auto c_call = [this, live, staged_args, place, stack_area, variadic, floats, trampoline] {
    save(live);
    if (stack_area) a_.sub(rsp, imm(stack_area));
    for (uint32_t i = 0; i < staged_args.size(); ++i) {
      if (!staged_args[i]) continue;
      Mem from = fp_word(nslots_ + 1 + i);
      if (place[i].reg < 0) {
        a_.mov(rax, from);
        a_.mov(qword_ptr(rsp, 8 * place[i].stack), rax);
      } else if (place[i].floating) {
        a_.movsd(xmm(static_cast<uint32_t>(place[i].reg)), from);
      } else {
        a_.mov(kIntArgs[place[i].reg], from);
      }
    }
    // A variadic callee reads al: an upper bound of the vector registers used.
    if (variadic) a_.mov(eax, imm(floats));
    a_.call(trampoline);
    if (stack_area) a_.add(rsp, imm(stack_area));
    restore(live);
  };
  // What only a C function that can call back into Scheme needs: the
  // frame's record, its pc naming this call site (for backtraces taken in
  // callbacks), Thread::frames_top (the collector's and the callbacks'
  // view of the frame stack), and, after the call, the test whether a
  // callback failed (then its error is raised here).
  Label at = inst_;
  Label callback_failed = a_.newLabel();
  auto for_callbacks = [this, at, callback_failed, c_call] {
    push_record_keeping_registers();
    a_.lea(rax, ptr(at, 1));
    a_.mov(qword_ptr(kFrame, kFramePc), rax);
    sync_frames_top(rax);
    c_call();
    a_.cmp(byte_ptr(kThread, static_cast<int32_t>(offsetof(Thread, callback_failed))), imm(0));
    a_.jne(callback_failed);
  };
  later([this, callback_failed, at, buffers] {
    a_.bind(callback_failed);
    if (buffers) a_.add(rsp, imm(buffers));
    call(reinterpret_cast<const void*>(&helper_ffi_callback_failure));
    a_.lea(rdx, ptr(at, 1));
    a_.jmp(raise_);
  });
  if (lean_foreign_call(inst)) {
    // Lean (no callback exists yet): the call alone. The first callback
    // patches the site into a jump to the full sequence, out of line,
    // which comes back for the result. (The strings' buffers stay
    // reserved until the result is converted: C may return a pointer into
    // one, strchr.)
    Label full = a_.newLabel(), back = a_.newLabel();
    ++g_tier.stats.ffi_lean;
    if (site_at_call) {
      // c_call() would emit the call alone.
      if (a_.logger()) a_.comment("; lean (and watch) site: the call, patched into a jump out of line");
      a_.bind(call_site);
      a_.call(trampoline);
      no_callback_sites_.push_back({call_site, full});
    } else {
      no_callback_point(full);
      c_call();
    }
    a_.bind(back);
    later([this, full, back, for_callbacks] {
      a_.bind(full);
      for_callbacks();
      a_.jmp(back);
    });
  } else {
    for_callbacks();
  }

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
  // The result's shadow (jit/int_shadow.h), straight from the C register
  // and before it is tagged (out may be rax): the next call's argument
  // then never waits for the tagging. (Its register is not out's: the
  // result is live where the shadow is defined.)
  ValueId result_shadow = tail || !shadows_result(result) ? ir::kNoValue : shadow_of_result(inst);
  if (result_shadow != ir::kNoValue) {
    Gp d = in_reg(result_shadow) ? reg(result_shadow) : Gp(rcx);
    switch (result) {
      case FfiType::Int8: a_.movsx(d.r32(), al); break;
      case FfiType::UInt8: a_.movzx(d.r32(), al); break;
      case FfiType::Int16: a_.movsx(d.r32(), ax); break;
      case FfiType::UInt16: a_.movzx(d.r32(), ax); break;
      default: a_.mov(d.r32(), eax); break;  // int32, uint32: the low word is the shadow
    }
    if (!in_reg(result_shadow)) store(result_shadow, rcx);
    shadow_made_[result_shadow] = true;
  }
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
    case FfiType::String:
      // Copied out by the helper, as from_c does (it allocates).
      a_.mov(rdi, rax);
      call(reinterpret_cast<const void*>(&helper_ffi_string_result));
      if (buffers) a_.add(rsp, imm(buffers));
      check_raise();
      break;
    default: __builtin_unreachable();  // direct_callable() admits no other type
  }
  if (buffers && result != FfiType::String) a_.add(rsp, imm(buffers));
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
  later([this, call_inst, tail, generic, done, fused, fused_at, at, result_shadow] {
    a_.bind(generic);
    inst_ = at;
    // A lean call's block may run without the frame's record
    // (lazy_record.cpp); a Scheme call needs it.
    push_record_keeping_registers();
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
    if (result_shadow != ir::kNoValue) {
      // Whatever the call returned, its shadow is its low word >> 1.
      load(rax, call_inst->result);
      a_.sar(rax, 1);
      store(result_shadow, rax);
      if (trust_shadows_) {
        load(rcx, call_inst->result);
        check_shadow_source(rcx, rax);
      }
    }
    if (!tail) a_.jmp(done);
  });
  return true;
}

void CodeGen::int_shadow(const Inst& inst) {
  if (shadow_made_.empty()) shadow_made_.assign(f_.num_values, false);
  if (shadow_made_[inst.result]) return;  // by the direct call before it
  ValueId v = inst.args[0];
  if (Value c = constant_value(v); c.is_fixnum()) {
    Gp d = in_reg(inst.result) ? reg(inst.result) : Gp(rax);
    a_.mov(d.r32(), imm(static_cast<uint32_t>(static_cast<uint64_t>(c.as_fixnum()))));
    store(inst.result, d);
    return;
  }
  Gp d = in_reg(inst.result) ? reg(inst.result) : Gp(rax);
  load(d, v);
  a_.sar(d, 1);
  if (trust_shadows_) {
    // v == 2 * sext(d), read from a copy of d: off d's path.
    Gp t = d == rax ? rcx : rax;
    a_.movsxd(t, d.r32());
    a_.add(t, t);
    cmp_value(t, v);
    Label broken = a_.newLabel(), back = a_.newLabel();
    a_.jne(broken);
    a_.bind(back);
    later([this, broken, back, d, v] {
      a_.bind(broken);
      emit_shadows_broken();
      load(d, v);  // the pool registers are kept, rax is not
      a_.sar(d, 1);
      a_.jmp(back);
    });
  }
  store(inst.result, d);
}

bool CodeGen::call_is_lean_site(const Inst& inst, int pos) {
  if (!lean_foreign_call(inst)) return false;
  const ffi::FfiSignature& s = direct_foreign_target(inst)->sig;
  if (s.variadic) return false;
  // No argument staged (emit_ffi's `staged`): no string, none on the
  // stack, none in r8/r9.
  int ints = 0, floats = 0;
  for (uint32_t i = 0; i < s.nargs; ++i) {
    if (s.args[i] == FfiType::String) return false;
    if (is_floating(s.args[i])) {
      if (floats++ >= kFloatArgRegs) return false;
    } else if (ints++ >= kFirstPoolArg) {
      return false;
    }
  }
  return live_across_foreign_call(pos).gp.empty();
}

LiveRegs CodeGen::live_across_foreign_call(int pos) const {
  // Only values live after the call: nothing reads the arguments once C
  // runs (unlike helper calls, see live_caller_saved). (No raw double is
  // in an xmm register across a call: assign_registers.)
  LiveRegs live;
  for (ValueId v = 0; v < f_.num_values; ++v)
    if (reg_[v] >= 0 && !in_xmm(v) && caller_saved(reg(v)) && alloc_.start[v] < pos && pos < alloc_.end[v])
      live.gp.push_back(reg(v));
  return live;
}

void CodeGen::plan_shadow_trust() {
  trust_shadows_ = false;
  bool consumer = false;
  for (BlockId b = 0; b < f_.blocks.size(); ++b) {
    const auto& insts = f_.blocks[b].insts;
    for (size_t i = 0; i < insts.size(); ++i) {
      const Inst& inst = insts[i];
      if (inst.op == Op::IntShadow) {
        ValueId v = inst.args[0];
        if (const Inst* d = def_[v]; d && d->op == Op::Const) {
          Value c = constant(d->imm);
          if (!c.is_fixnum() || c.as_fixnum() != static_cast<int32_t>(c.as_fixnum())) return;
        } else if (i > 0 && insts[i - 1].result == v && (insts[i - 1].op == Op::Call || insts[i - 1].op == Op::TailCall)) {
          // Made by the call's direct path from the C result: exact for
          // every type but uint32 (2^31 and up are no int32).
          const ffi::ForeignProcedure* fp = direct_foreign_target(insts[i - 1]);
          if (fp && fp->sig.result == FfiType::UInt32) return;
        }
      } else if (inst.op == Op::IntShadowUse && i + 1 < insts.size()) {
        const Inst& call = insts[i + 1];
        const ffi::ForeignProcedure* fp = direct_foreign_target(call);
        ValueId v = inst.args[0];
        if (fp && inst.imm < fp->sig.nargs && fp->sig.args[inst.imm] == FfiType::Int32 && !unneeded_[v] &&
            !is_raw(v) && call_is_lean_site(call, alloc_.position(b, i + 1)))
          consumer = true;
      }
    }
  }
  if (!consumer) return;
  trust_shadows_ = true;
  shadow_trust_id_ = new_shadow_trust();
}

void CodeGen::emit_shadows_broken() {
  // Every caller-saved pool register kept (the helper runs C++); 4 pushes
  // and 14 doubles keep rsp 16-byte aligned.
  static const Gp kSaved[] = {r8, r9, r10, r11};
  for (const Gp& r : kSaved) a_.push(r);
  const int32_t area = 8 * kXmmPoolSize;
  static_assert((8 * 4 + 8 * kXmmPoolSize) % 16 == 0);
  a_.sub(rsp, imm(area));
  for (int i = 0; i < kXmmPoolSize; ++i) a_.movsd(qword_ptr(rsp, 8 * i), kXmmPool[i]);
  a_.mov(edi, imm(shadow_trust_id_));
  a_.mov(rax, imm(reinterpret_cast<uint64_t>(&helper_shadows_broken)));
  a_.call(rax);
  for (int i = 0; i < kXmmPoolSize; ++i) a_.movsd(kXmmPool[i], qword_ptr(rsp, 8 * i));
  a_.add(rsp, imm(area));
  for (int i = 3; i >= 0; --i) a_.pop(kSaved[i]);
}

void CodeGen::check_shadow_source(const Gp& v, const Gp& scratch, std::function<void()> remake) {
  // v == 2 * sext(low32(v >> 1)): exactly an int32 fixnum.
  a_.mov(scratch, v);
  a_.sar(scratch, 1);
  a_.movsxd(scratch, scratch.r32());
  a_.add(scratch, scratch);
  a_.cmp(scratch, v);
  Label broken = a_.newLabel(), back = a_.newLabel();
  a_.jne(broken);
  a_.bind(back);
  later([this, broken, back, remake] {
    a_.bind(broken);
    emit_shadows_broken();
    if (remake) remake();
    a_.jmp(back);
  });
}

void CodeGen::int_shadow_use(const Inst& inst) {
  if (shadow_args_pos_ != pos_) shadow_args_.clear();
  shadow_args_.push_back({inst.imm, inst.args[1]});
  shadow_args_pos_ = pos_ + 1;  // the next instruction, the call
}

ValueId CodeGen::shadow_argument(uint32_t k) const {
  if (shadow_args_pos_ != pos_) return ir::kNoValue;
  for (auto [arg, shadow] : shadow_args_)
    if (arg == k) return shadow;
  return ir::kNoValue;
}

ValueId CodeGen::shadow_of_result(const Inst& inst) {
  if (shadow_made_.empty()) shadow_made_.assign(f_.num_values, false);
  if (inst.result == ir::kNoValue) return ir::kNoValue;
  for (const ir::Block& b : f_.blocks)
    for (size_t i = 0; i + 1 < b.insts.size(); ++i)
      if (&b.insts[i] == &inst) {
        const Inst& next = b.insts[i + 1];
        return next.op == Op::IntShadow && next.args[0] == inst.result ? next.result : ir::kNoValue;
      }
  return ir::kNoValue;
}

}  // namespace kiln::jit
