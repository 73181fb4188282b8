// Frame records pushed only when needed, for calls from machine code.
//
// A non-tail call from machine code to a compiled function does not push
// the callee's frame record. It stores its own return address in its own
// record and jumps to the callee's lazy entry (Proto::native_lazy_entry)
// with rbx at the callee's frame; that entry checks the arity and that the
// stacks have room for the frame and for one more record. (A direct self
// call checks the stacks itself and enters past those checks.) The callee
// runs *lazy*: r12 still points at the caller's record. That is enough for
// code that makes no call and cannot be seen from outside -- typically the
// leaves of a recursion, `(if (< n 2) n ...)` -- which returns straight to
// the caller's recorded address, with no record to pop and no flags to
// check (the caller is machine code, neither sealed nor a boundary:
// nothing could have captured or entered it since it made the call). The
// one call that seals its caller itself, the last call of an inline
// call/cc's body (helper_reseal), enters with a record for that reason.
//
// The interpreter, tail calls and the control helpers (jit/control.h)
// still push a record and enter at native_entry, which claims it. So do
// calls of functions with a rest list, which have no lazy entry: building
// the list is a C call.
//
// Anything that needs the record pushes it first (materializes it):
//   - entering a block that may call (the first non-lazy block on a path);
//   - any C call (CodeGen::call: a helper may collect garbage, which bounds
//     the value stack by the topmost claimed record, or walk the frames);
//   - raising and exiting to the interpreter.
// A block is lazy when it has no Call, TailCall or call/cc (whose
// continuation holds the record), lean direct foreign calls aside
// (emit_ffi.cpp: no Scheme code and no collection can run in their C
// function; their generic and full paths push the record first). (A failing fl-guard
// restarts the call through native_entry, after a C call that pushed the
// record.) Lazy blocks
// run in either state -- the function is also entered the ordinary way,
// with its record pushed, and a loop may come back to a lazy block after
// a call -- and tell which by `cmp rbx, [r12]`: a pushed record holds this
// frame's fp, while the caller's holds the caller's, which is lower (a
// caller keeps at least its closure's slot below the callee's). Other
// blocks always have their record: one that a lazy block (or the entry)
// leads to checks for it first.
#include <algorithm>

#include "jit/codegen.h"

namespace kiln::jit {

void CodeGen::plan_lazy_record() {
  lazy_entry_ = false;
  lazy_block_.assign(f_.blocks.size(), false);
  needs_record_.assign(f_.blocks.size(), false);
  // (A function with a rest list builds it by a C call at entry, so it
  // could never run lazily; compact_slots always keeps slot 0.)
  if (f_.rest || nslots_ == 0) return;
  lazy_entry_ = true;
  for (BlockId b : alloc_.order) {
    lazy_block_[b] = true;
    for (const Inst& inst : f_.blocks[b].insts)
      if ((inst.op == Op::Call || inst.op == Op::TailCall || inst.op == Op::CallCC || inst.op == Op::CallCCTail) &&
          !lean_foreign_call(inst))
        lazy_block_[b] = false;
  }
  // A block that needs its record and that a lazy block (or the entry)
  // leads to checks for it on entry.
  for (BlockId b : alloc_.order)
    for (BlockId s : ir::successors(f_.blocks[b]))
      if (lazy_block_[b] && !lazy_block_[s]) needs_record_[s] = true;
  if (!alloc_.order.empty() && !lazy_block_[alloc_.order[0]]) needs_record_[alloc_.order[0]] = true;
  // The slots a value may occupy while the record is missing: those of
  // values live somewhere in a lazy block, and of the parameters of the
  // blocks it jumps to (a record pushed later must not clear them).
  // Whatever is live where the record is pushed was defined without it,
  // hence in a lazy block, as an argument or by a lazy block's jump.
  lazy_slot_.assign(nslots_, false);
  // (Not the closure, where the code never reads it: what its slot holds
  // is dead, see clear_slots.)
  auto mark = [this](ValueId v) {
    if (!reads_closure_ && running_closure_[v]) return;
    if (!in_reg(v) && alloc_.slot[v] != UINT32_MAX) lazy_slot_[alloc_.slot[v]] = true;
  };
  for (BlockId b : alloc_.order)
    if (lazy_block_[b])
      for (BlockId s : ir::successors(f_.blocks[b]))
        for (ValueId v : f_.blocks[s].params) mark(v);
  // A value is live in a lazy block when its interval holds one of the
  // block's positions: lazy_below[p] counts the lazy positions below p.
  int npos = 0;
  for (BlockId b : alloc_.order)
    npos = std::max(npos, alloc_.block_start[b] + static_cast<int>(f_.blocks[b].insts.size()) + 1);
  std::vector<uint32_t> lazy_below(npos + 1, 0);
  for (BlockId b : alloc_.order)
    if (lazy_block_[b])
      for (int p = alloc_.block_start[b], last = p + static_cast<int>(f_.blocks[b].insts.size()); p <= last; ++p)
        lazy_below[p + 1] = 1;
  for (int p = 0; p < npos; ++p) lazy_below[p + 1] += lazy_below[p];
  for (ValueId v = 0; v < f_.num_values; ++v) {
    if (alloc_.start[v] > alloc_.end[v]) continue;
    int first = std::max(alloc_.start[v], 0), last = std::min(alloc_.end[v], npos - 1);
    if (first <= last && lazy_below[last + 1] > lazy_below[first]) mark(v);
  }
}

void CodeGen::clear_slots(uint32_t first, const std::vector<bool>& keep, bool keep_registers) {
  auto kept = [&](uint32_t s) { return s < keep.size() && keep[s]; };
  bool zero = false;
  // Slot 0 too, when the code never reads its closure: a known call of it
  // then stores no callee there (watch_sites.cpp), so the word holds what
  // it held before -- a list a returned callee left, say -- and the
  // collector would keep that alive for the whole activation.
  if (!reads_closure_ && first > 0 && !kept(0)) {
    if (keep_registers) {
      a_.mov(fp_word(0), imm(0));
    } else {
      a_.xorps(xmm0, xmm0);
      a_.movsd(fp_word(0), xmm0);
      zero = true;
    }
  }
  for (uint32_t i = first; i < nslots_; ++i) {
    if (kept(i)) continue;
    if (keep_registers) {
      a_.mov(fp_word(i), imm(0));
      continue;
    }
    if (!zero) a_.xorps(xmm0, xmm0);
    zero = true;
    if (i + 1 < nslots_ && !kept(i + 1)) {
      a_.movups(fp_word(i), xmm0);
      ++i;
    } else {
      a_.movsd(fp_word(i), xmm0);
    }
  }
}

void CodeGen::clear_unclaimed_slots(bool keep_registers, std::vector<bool> written) {
  written.resize(std::max(written.size(), lazy_slot_.size()), false);
  for (size_t i = 0; i < lazy_slot_.size(); ++i) written[i] = written[i] || lazy_slot_[i];
  clear_slots(1 + f_.nreq, written, keep_registers);
}

std::vector<bool> CodeGen::written_first(BlockId b) const {
  std::vector<bool> written(nslots_, false);
  auto in_slot = [this](ValueId v) {
    return v != ir::kNoValue && !in_reg(v) && alloc_.slot[v] != UINT32_MAX && alloc_.uses[v] > 0;
  };
  // This block, then the one its jump goes to, if it gets that far.
  for (int hop = 0; hop < 2; ++hop) {
    const auto& insts = f_.blocks[b].insts;
    size_t i = 0;
    // Exactly the instructions whose code is a load and its store (see
    // CodeGen::emit): nothing else is known to come before a C call.
    for (; i < insts.size(); ++i) {
      const Inst& inst = insts[i];
      if (inst.op != Op::FreeRef && !(inst.op == Op::Const && !unneeded_[inst.result])) break;
      if (in_slot(inst.result)) written[alloc_.slot[inst.result]] = true;
    }
    if (i == insts.size() || insts[i].op != Op::Jump) break;
    // CodeGen::jump: every parameter read gets its value, by moves only.
    b = insts[i].target[0];
    for (ValueId p : f_.blocks[b].params)
      if (param_read(p) && !in_reg(p)) written[alloc_.slot[p]] = true;
  }
  return written;
}

void CodeGen::push_record_if_lazy(BlockId b) {
  // Inline: registers are free at a block's start, rax aside (nothing in
  // rax survives into a block).
  Label pushed = a_.newLabel();
  a_.cmp(kFp, qword_ptr(kFrame, kFrameFp));
  a_.je(pushed);
  a_.lea(rdx, qword_ptr(kFrame, kFrameSize));  // the caller checked the room
  a_.movq(xmm1, kFp);
  a_.movups(qword_ptr(rdx, kFrameFp), xmm1);  // fp, pc 0
  a_.movups(xmm1, ptr(claimed_record()));
  a_.movups(qword_ptr(rdx, kFrameProto), xmm1);
  a_.mov(kFrame, rdx);
  clear_unclaimed_slots(false, written_first(b));
  a_.bind(pushed);
}

void CodeGen::push_record_keeping_registers() {
  if (!lazy_here_) return;
  if (!push_record_.isValid()) push_record_ = a_.newLabel();
  Label pushed = a_.newLabel();
  a_.cmp(kFp, qword_ptr(kFrame, kFrameFp));
  a_.je(pushed);
  a_.call(push_record_);
  a_.bind(pushed);
}

void CodeGen::emit_push_record_routine() {
  if (!push_record_.isValid()) return;
  // Called from anywhere in a lazy block's code: changes no register but
  // r12 and no flags (mov and lea only; rdx and rcx saved on the C stack,
  // whose alignment nothing here depends on).
  a_.bind(push_record_);
  a_.push(rdx);
  a_.push(rcx);
  a_.lea(rdx, qword_ptr(kFrame, kFrameSize));
  a_.mov(qword_ptr(rdx, kFrameFp), kFp);
  a_.mov(qword_ptr(rdx, kFramePc), imm(0));
  a_.mov(rcx, ptr(claimed_record()));
  a_.mov(qword_ptr(rdx, kFrameProto), rcx);
  a_.mov(rcx, ptr(claimed_record(), 8));
  a_.mov(qword_ptr(rdx, kFrameResultReg), rcx);
  a_.mov(kFrame, rdx);
  clear_unclaimed_slots(true);
  a_.pop(rcx);
  a_.pop(rdx);
  a_.ret();
}

}  // namespace kiln::jit
