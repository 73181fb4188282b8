// Control calls from machine code (call/cc, apply, case-lambda,
// continuations) and returns into sealed frames, made through the helpers
// of control.h instead of a round trip through the interpreter; and the
// two stubs that carry out a helper's answer.
#include <cstdio>
#include <cstdlib>

#include "jit/codegen.h"
#include "jit/control.h"
#include "jit/symbols.h"

namespace kiln::jit {

namespace {

const void* g_control_stub = nullptr;
const void* g_sealed_return_stub = nullptr;

/// control: rax = a helper's answer. Below kControlStatusLimit it is a
/// JitStatus to exit with; else an address to jump to with the fixed
/// registers set from the Thread (r12 = frames_top - 1, rbx = jit_fp), the
/// argument count of an entry in esi and the value of a return in rax
/// (both set: each target reads only its own).
/// sealed_return: rax = the value returned from the current frame.
/// Both are reached by jumps with rsp 16-byte aligned, as everywhere in
/// machine code between the entry and exit stubs.
void build_control_stubs() {
  CodeHolder code;
  code.init(code_environment());
  Assembler a(&code);
  Label control = a.newLabel(), exit = a.newLabel(), sealed_return = a.newLabel();
  a.bind(control);
  a.cmp(rax, imm(kControlStatusLimit));
  a.jb(exit);
  a.mov(rcx, rax);
  a.mov(kFrame, qword_ptr(kThread, kThreadFramesTop));
  a.sub(kFrame, imm(kFrameSize));
  a.mov(kFp, qword_ptr(kThread, kThreadJitFp));
  a.mov(esi, dword_ptr(kThread, kThreadJitNargs));
  a.mov(rax, qword_ptr(kThread, kThreadJitValue));
  // Safe for space: the Thread is a root.
  a.mov(qword_ptr(kThread, kThreadJitValue), imm(static_cast<int32_t>(raw(kFalse))));
  a.jmp(rcx);
  a.bind(exit);
  a.mov(rcx, imm(reinterpret_cast<uint64_t>(exit_stub())));
  a.jmp(rcx);
  a.bind(sealed_return);
  a.mov(rdi, kThread);
  a.mov(rsi, rax);
  a.mov(rax, imm(reinterpret_cast<uint64_t>(&helper_return_sealed)));
  a.call(rax);
  a.jmp(control);
  void* base = nullptr;
  if (code_memory().add(code, &base) != kErrorOk) {
    std::fprintf(stderr, "kiln: internal error: cannot create the JIT control stubs\n");
    std::abort();
  }
  g_control_stub = static_cast<const char*>(base) + code.labelOffsetFromBase(control);
  g_sealed_return_stub = static_cast<const char*>(base) + code.labelOffsetFromBase(sealed_return);
  announce_code(base, code.codeSize(), "kiln:jit-control-stubs", true);
}

}  // namespace

const void* control_stub() {
  if (!g_control_stub) build_control_stubs();
  return g_control_stub;
}

const void* sealed_return_stub() {
  if (!g_sealed_return_stub) build_control_stubs();
  return g_sealed_return_stub;
}

Label CodeGen::control_call(bool tail, uint32_t n) {
  Label control = a_.newLabel();
  Label at = inst_;
  later([this, control, at, tail, n] {
    a_.bind(control);
    if (n == kArgcInEsi)
      a_.mov(edx, esi);
    else
      a_.mov(edx, imm(n));
    a_.mov(rdi, kThread);
    a_.lea(rsi, fp_word(tail ? 0 : nslots_));
    sync_frames_top(rax);
    a_.mov(ecx, imm(tail ? 1 : 0));
    a_.mov(rax, imm(reinterpret_cast<uint64_t>(&helper_control_call)));
    a_.call(rax);
    Label go = a_.newLabel();
    a_.cmp(rax, imm(kJitRaise));
    a_.jne(go);
    a_.lea(rdx, ptr(at, 1));  // a primitive called through apply raised here
    a_.jmp(raise_);
    a_.bind(go);
    jump_to(control_stub());
  });
  return control;
}

void CodeGen::plan_callcc_landings() {
  landings_.clear();
  for (const auto& b : f_.blocks)
    for (const Inst& inst : b.insts)
      if (inst.op == Op::CallCC) landings_.push_back({&inst, a_.newLabel()});
  // The body's value reaches the join by the one jump ending the body
  // (ir/build.cpp); a call right before it, whose value that jump passes,
  // returns to where k's continuation does.
  for (const auto& b : f_.blocks) {
    if (b.insts.size() < 2 || b.insts.back().op != Op::Jump) continue;
    const Inst& jump = b.insts.back();
    const Inst& call = b.insts[b.insts.size() - 2];
    if (call.op != Op::Call || jump.args.size() != 1 || jump.args[0] != call.result) continue;
    for (auto& l : landings_) {
      if (l.capture->target[1] != jump.target[0]) continue;
      for (uint32_t i = 1; i < call.args.size() && !l.last_call; ++i)
        if (call.args[i] == l.capture->result) {
          l.last_call = &call;
          l.k_arg = i;
        }
    }
  }
}

const CodeGen::CallCCLanding* CodeGen::resealing_call(const Inst& call) const {
  for (const auto& l : landings_)
    if (l.last_call == &call) return &l;
  return nullptr;
}

void CodeGen::emit_reseal(const CallCCLanding& l) {
  // No pool register is live at a call; r8 is passed through.
  a_.mov(rdi, kThread);
  a_.mov(rsi, kFrame);
  a_.mov(rdx, fp_word(nslots_ + l.k_arg));
  a_.mov(rcx, r8);
  a_.mov(rax, imm(reinterpret_cast<uint64_t>(&helper_reseal)));
  a_.call(rax);
  a_.mov(r8, rax);
}

void CodeGen::inline_callcc(const Inst& inst) {
  // The block has its record (lazy_record.cpp). Values live across a
  // call/cc are in slots (assign_registers), which the capture saves.
  bool tail = inst.op == Op::CallCCTail;
  Label landing;
  const CallCCLanding* planned = nullptr;
  if (!tail) {
    // Where a call of k resumes: the frame's record says so, as a call's
    // return address would.
    for (const auto& l : landings_)
      if (l.capture == &inst) planned = &l;
    landing = planned->landing;
    a_.lea(rdx, ptr(landing));
    a_.mov(qword_ptr(kFrame, kFramePc), rdx);
    // Safe for space: a slot of k's may still hold the k of a previous
    // pass, which the copy would keep alive (and it the one before).
    // Nothing live shares the slot here.
    if (!in_reg(inst.result) && alloc_.slot[inst.result] != UINT32_MAX)
      a_.mov(slot(inst.result), imm(static_cast<int32_t>(raw(kFalse))));
  }
  a_.mov(rdi, kThread);
  if (tail)
    a_.mov(rsi, kFp);
  else
    a_.lea(rsi, fp_word(nslots_));
  a_.mov(edx, imm(tail ? 1 : 0));
  call(reinterpret_cast<const void*>(&helper_callcc));
  store(inst.result, rax);
  if (tail) return;
  BlockId body = inst.target[0], join = inst.target[1];
  if (body != next_) a_.jmp(block_labels_[body]);
  SrcLoc loc = inst.loc;
  const Inst* last_call = planned->last_call;
  later([this, landing, join, loc, last_call] {
    if (last_call && last_call->loc.known()) {
      // The body's last call returns here too (call_generic): a frame
      // waiting on it shows that call's location in a backtrace, which
      // takes the last location strictly before the return address.
      Label before = a_.newLabel();
      a_.bind(before);
      locs_.push_back({before, last_call->loc});
      a_.int3();  // never runs: the code above jumps away
    }
    // A call of k: rax = its value, rbx and r12 this frame's (restored
    // from the continuation), as at a call's return address.
    a_.bind(landing);
    if (loc.known()) locs_.push_back({landing, loc});
    lower_sp_to_frame();
    store(f_.blocks[join].params[0], rax);
    a_.jmp(block_labels_[join]);
  });
}

}  // namespace kiln::jit
