// Raw returns of raw self calls: the callee's return and the caller's
// landing (jit/raw_returns.h).
#include "jit/codegen.h"
#include "jit/raw_returns.h"

namespace kiln::jit {

void CodeGen::take_raw_return(const Inst& call) {
  if (!raw_result_) {
    // No raw side to go on to: the box the callee skipped, made here.
    Label done = a_.newLabel();
    cmp_raw(rax, kRawResult);
    a_.jne(done);
    box_double(xmm0, 0);
    a_.bind(done);
    store(call.result, rax);
    return;
  }
  // Stored either way: on the raw side nothing reads it, and the word
  // kRawResult leaves in its slot keeps nothing alive.
  store(call.result, rax);
  cmp_raw(rax, kRawResult);
  a_.jne(block_labels_[raw_result_->target[1]]);  // a boxed return: to the cold side
  ValueId d = f_.blocks[raw_result_->target[0]].params[0];
  if (param_read(d)) store_double(d, xmm0);
  raw_result_taken_ = true;
}

void CodeGen::raw_result_jump(const Inst& test) {
  BlockId to = raw_result_taken_ ? test.target[0] : test.target[1];
  raw_result_taken_ = false;
  if (to != next_) a_.jmp(block_labels_[to]);
}

void CodeGen::emit_raw_return(const Inst& inst) {
  const Inst& box = *def_[inst.args[0]];
  ValueId x = box.op == Op::FlBox ? box.args[0] : box.args[1];
  Label boxed = a_.newLabel();
  cmp_raw(word_operand(inst.args[1], rax), kFalse);  // #f: entered raw
  a_.jne(boxed);
  ret_raw(x, boxed);
  a_.bind(boxed);
  emit(box, nullptr);
  load(rax, inst.args[0]);
  ret();
}

void CodeGen::ret_raw(ValueId x, Label boxed) {
  // The double first: its slot, if it has one, is relative to this frame.
  if (in_xmm(x))
    a_.movsd(xmm0, xreg(x));
  else
    a_.movsd(xmm0, slot(x));
  Label pushed = a_.newLabel();
  if (lazy_here_) {
    // ret()'s two cases: no record of our own, or one pushed since.
    a_.cmp(kFp, qword_ptr(kFrame, kFrameFp));
    a_.je(pushed);
    a_.mov(kFp, qword_ptr(kFrame, kFrameFp));
    a_.mov(eax, imm(static_cast<uint32_t>(raw(kRawResult))));
    a_.jmp(qword_ptr(kFrame, kFramePc));
  }
  a_.bind(pushed);
  a_.cmp(kFrame, qword_ptr(kThread, kThreadReturnFloor));
  a_.jbe(boxed);
  a_.sub(kFrame, imm(kFrameSize));
  a_.mov(kFp, qword_ptr(kFrame, kFrameFp));
  a_.mov(eax, imm(static_cast<uint32_t>(raw(kRawResult))));
  a_.jmp(qword_ptr(kFrame, kFramePc));
}

}  // namespace kiln::jit
