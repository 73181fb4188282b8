// The out-of-line paths that are the same in every compiled function, made
// once per process: a function jumps to them (through two instructions of
// its own, `mov rcx, address; jmp rcx`) instead of carrying a copy, which
// was about sixty instructions to encode at every compilation.
#include <cstdio>
#include <cstdlib>

#include "jit/codegen.h"
#include "jit/control.h"
#include "jit/helpers.h"
#include "jit/runtime.h"
#include "jit/shared_paths.h"
#include "jit/symbols.h"

namespace kiln::jit {

namespace {

SharedPaths g_paths;

void build_shared_paths() {
  CodeHolder code;
  code.init(code_environment());
  Assembler a(&code);
  Label checked_return = a.newLabel(), arity = a.newLabel(), overflow = a.newLabel(), lazy_arity = a.newLabel(),
        lazy_overflow = a.newLabel();
  Label exit = a.newLabel(), raise = a.newLabel(), leave_unclaimed = a.newLabel();
  // Thread::frames_top, from r12, before C runs (as CodeGen::sync_frames_top).
  auto sync_frames_top = [&](const Gp& scratch) {
    a.lea(scratch, qword_ptr(kFrame, kFrameSize));
    a.mov(qword_ptr(kThread, kThreadFramesTop), scratch);
  };
  auto call = [&](const void* fn) {
    sync_frames_top(rax);
    a.mov(rax, imm(reinterpret_cast<uint64_t>(fn)));
    a.call(rax);
  };

  // A return from a record at or below Thread::return_floor, the value in
  // rax: the checks the fast return skips (CodeGen::ret_through_record).
  a.bind(checked_return);
  Label slow = a.newLabel(), sealed = a.newLabel();
  a.test(dword_ptr(kFrame, kFrameFlags), imm(kFrameBoundary));
  a.jnz(slow);
  a.test(dword_ptr(kFrame, kFrameFlags - kFrameSize), imm(kFrameNative));
  a.jz(slow);
  // A caller frame shared with a captured continuation (sealed, see
  // vm/continuation.h) is copied back by a helper first (control.h).
  a.cmp(kFrame, qword_ptr(kThread, kThreadSealLimit));
  a.jbe(sealed);
  // Nothing is above the caller's record now: the floor may come down.
  a.sub(kFrame, imm(kFrameSize));
  a.mov(qword_ptr(kThread, kThreadReturnFloor), kFrame);
  a.mov(kFp, qword_ptr(kFrame, kFrameFp));
  a.jmp(qword_ptr(kFrame, kFramePc));
  a.bind(sealed);
  sync_frames_top(rcx);
  a.mov(rcx, imm(reinterpret_cast<uint64_t>(sealed_return_stub())));
  a.jmp(rcx);
  a.bind(slow);  // into the interpreter's frame, or out of vm_run
  a.mov(qword_ptr(kThread, kThreadJitValue), rax);
  a.mov(eax, imm(kJitReturn));
  a.jmp(exit);

  // A failed entry check, with the caller's arguments (rbx, esi) as they
  // came. The errors are reported at the call site: native_entry pops the
  // record its caller pushed if it is still unclaimed (proto null); a lazy
  // entry has none of its own.
  auto arity_error = [&] {
    a.mov(rdi, qword_ptr(kFp));
    a.mov(edx, esi);
    a.mov(rsi, rdx);
    call(reinterpret_cast<const void*>(&helper_arity_error));
  };
  auto overflow_error = [&] {
    a.mov(rdi, kThread);
    call(reinterpret_cast<const void*>(&helper_stack_overflow));
  };
  a.bind(arity);
  arity_error();
  a.jmp(leave_unclaimed);
  a.bind(overflow);
  overflow_error();
  a.bind(leave_unclaimed);
  a.cmp(qword_ptr(kFrame, kFrameProto), imm(0));
  a.jne(raise);
  a.sub(kFrame, imm(kFrameSize));
  a.jmp(raise);
  a.bind(lazy_arity);
  arity_error();
  a.jmp(raise);
  a.bind(lazy_overflow);
  overflow_error();
  a.bind(raise);
  a.mov(eax, imm(kJitRaise));
  a.jmp(exit);

  // Call entries of Protos without machine code: the interpreter makes
  // the call at rbx with esi arguments.
  Label interp_call = a.newLabel(), interp_tail_call = a.newLabel(), call_with_record = a.newLabel();
  for (bool tail : {false, true}) {
    a.bind(tail ? interp_tail_call : interp_call);
    a.mov(qword_ptr(kThread, kThreadJitFp), kFp);
    a.mov(dword_ptr(kThread, kThreadJitNargs), esi);
    a.mov(eax, imm(tail ? kJitTailCall : kJitCall));
    a.jmp(exit);
  }
  // The record a non-lazy call pushes for its callee (as
  // CodeGen::call_generic's `enter`): fp, pc 0, then proto null (unclaimed),
  // result_reg and flags 0.
  a.bind(call_with_record);
  static_assert(kFramePc == kFrameFp + 8 && kFrameResultReg == kFrameProto + 8);
  a.lea(rdx, qword_ptr(kFrame, kFrameSize));
  a.movq(xmm1, kFp);
  a.movups(qword_ptr(rdx, kFrameFp), xmm1);
  a.xorps(xmm1, xmm1);
  a.movups(qword_ptr(rdx, kFrameProto), xmm1);
  a.mov(kFrame, rdx);
  a.jmp(qword_ptr(rcx, kProtoNativeEntry));

  a.bind(exit);
  sync_frames_top(rcx);
  a.mov(rcx, imm(reinterpret_cast<uint64_t>(exit_stub())));
  a.jmp(rcx);

  void* base = nullptr;
  if (code_memory().add(code, &base) != kErrorOk) {
    std::fprintf(stderr, "kiln: internal error: cannot create the JIT's shared paths\n");
    std::abort();
  }
  auto at = [&](Label l) { return static_cast<const void*>(static_cast<const char*>(base) + code.labelOffsetFromBase(l)); };
  g_paths = SharedPaths{at(checked_return), at(arity),       at(overflow),         at(lazy_arity),
                        at(lazy_overflow),  at(exit),        at(interp_call),      at(interp_tail_call),
                        at(call_with_record)};
  announce_code(base, code.codeSize(), "kiln:jit-shared-paths", true);
}

}  // namespace

const SharedPaths& shared_paths() {
  if (!g_paths.checked_return) build_shared_paths();
  return g_paths;
}

}  // namespace kiln::jit
