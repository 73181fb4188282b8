#include <cstdio>
#include <cstdlib>

#include <asmjit/x86.h>

#include "jit/control.h"
#include "jit/jit.h"
#include "jit/runtime.h"
#include "jit/shared_paths.h"
#include "jit/symbols.h"

namespace kiln::jit {

using namespace asmjit;
using namespace asmjit::x86;

namespace {

using EnterFn = uint32_t (*)(Thread* t, Value* fp, uint64_t arg, const void* target);

EnterFn g_enter = nullptr;
const void* g_exit = nullptr;

/// enter(t, fp, arg, target): saves the callee-saved registers, sets up the
/// fixed registers (rbx = fp, r12 = the current Frame, r13 = t), passes
/// `arg` in both rsi (an argument count) and rax (a returned value), and
/// jumps to `target`. The exit stub, reached by a jump with the status in
/// eax, restores the registers and returns it. Between the two, rsp stays
/// 16-byte aligned, so machine code can call C++ directly.
void build_stubs() {
  CodeHolder code;
  code.init(code_environment());
  Assembler a(&code);
  Label exit = a.newLabel();
  a.push(rbp);
  a.mov(rbp, rsp);
  a.push(rbx);
  a.push(r12);
  a.push(r13);
  a.push(r14);
  a.push(r15);
  // The alignment word is zeroed, not just reserved: the collector scans
  // this frame for as long as machine code runs, and a stale pointer left
  // there by an earlier C++ call would keep its object (say a thunk holding
  // the head of a stream) alive all that time. Safe for space.
  a.push(imm(0));
  a.mov(r13, rdi);
  a.mov(rbx, rsi);
  a.mov(rax, rdx);
  a.mov(rsi, rdx);
  a.mov(r12, qword_ptr(r13, offsetof(Thread, frames_top)));
  a.sub(r12, sizeof(Frame));
  // Returns from this record down check what they return into
  // (Thread::return_floor): its caller may be the interpreter's.
  a.mov(rdi, qword_ptr(r13, offsetof(Thread, seal_limit)));
  a.cmp(rdi, r12);
  a.cmovb(rdi, r12);
  a.mov(qword_ptr(r13, offsetof(Thread, return_floor)), rdi);
  a.jmp(rcx);
  a.bind(exit);
  a.add(rsp, 8);
  a.pop(r15);
  a.pop(r14);
  a.pop(r13);
  a.pop(r12);
  a.pop(rbx);
  a.pop(rbp);
  a.ret();
  void* base = nullptr;
  if (code_memory().add(code, &base) != kErrorOk) {
    std::fprintf(stderr, "kiln: internal error: cannot create the JIT entry stub\n");
    std::abort();
  }
  g_enter = reinterpret_cast<EnterFn>(base);
  g_exit = static_cast<const char*>(base) + code.labelOffsetFromBase(exit);
  announce_code(base, code.codeSize(), "kiln:jit-entry-and-exit-stubs", false);
}

}  // namespace

const void* exit_stub() { return g_exit; }

JitStatus enter(Thread* t, Value* fp, uint64_t arg, const void* target) {
  return static_cast<JitStatus>(g_enter(t, fp, arg, target));
}

void jit_init() {
  if (g_enter) return;
  build_stubs();
  // The control stubs too: every function's return refers to one, so the
  // first compilation would otherwise build them, a per-process cost (6-10
  // us measured here at startup) charged to that one function's latency.
  (void)control_stub();
  // Every Proto's call entries point at code from the start (runtime/proto.h).
  const SharedPaths& paths = shared_paths();
  g_call_stubs = CallStubs{paths.interp_tail_call, paths.interp_call, paths.call_with_record};
  g_tier.compile = compile;
  g_tier.enter = enter;
  g_tier.invalidate_site = [](const WatchSite& s) { code_memory().patch_jump(s.code, s.at, s.target); };
  g_tier.invalidate_lean_site = [](const WatchSite& s) {
    code_memory().patch_jump(s.code, s.at, s.target, /*over_jump=*/false);
  };
}

}  // namespace kiln::jit
