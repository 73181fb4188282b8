// The JIT's code generator, shared by the files that emit its parts:
// codegen.cpp (driver, register assignment, entry and exits, the
// instruction switch), emit_ops.cpp (arithmetic, compares, pairs and
// vectors), emit_intrinsics.cpp (primitives inline), emit_calls.cpp
// (globals, jumps, calls and returns), emit_ffi.cpp
// (direct calls of foreign procedures), watch_sites.cpp (sites that assume
// a global's value) and jit_constants.cpp (the machine code's GC-visible
// constants). Internal to src/jit; the interface is jit.h.
#pragma once

#include <asmjit/x86.h>

#include <algorithm>
#include <cassert>
#include <climits>
#include <cstddef>
#include <functional>
#include <vector>

#include "ir/ir.h"
#include "ir/regalloc.h"
#include "jit/fixnum_facts.h"
#include "jit/runtime.h"
#include "runtime/proto.h"
#include "runtime/thread.h"

namespace kiln::ffi {
struct ForeignProcedure;
}

namespace kiln::jit {

using namespace asmjit;
using namespace asmjit::x86;
using ir::BlockId;
using ir::Inst;
using ir::Op;
using ir::ValueId;

// Registers with a fixed role (jit.h).
const Gp kFp = rbx;
const Gp kFrame = r12;
const Gp kThread = r13;

constexpr int32_t kFrameSize = sizeof(Frame);
constexpr int32_t kFrameFp = offsetof(Frame, fp);
constexpr int32_t kFramePc = offsetof(Frame, pc);
constexpr int32_t kFrameProto = offsetof(Frame, proto);
constexpr int32_t kFrameResultReg = offsetof(Frame, result_reg);
constexpr int32_t kFrameFlags = offsetof(Frame, flags);
static_assert(offsetof(Frame, flags) == offsetof(Frame, result_reg) + 4);

constexpr int32_t kThreadSp = offsetof(Thread, sp);
constexpr int32_t kThreadStackLimit = offsetof(Thread, stack_limit);
constexpr int32_t kThreadSmallFrameFpLimit = offsetof(Thread, small_frame_fp_limit);
constexpr int32_t kThreadFramesTop = offsetof(Thread, frames_top);
constexpr int32_t kThreadJitValue = offsetof(Thread, jit_value);
constexpr int32_t kThreadSealLimit = offsetof(Thread, seal_limit);
constexpr int32_t kThreadReturnFloor = offsetof(Thread, return_floor);
constexpr int32_t kThreadJitFp = offsetof(Thread, jit_fp);
constexpr int32_t kThreadJitNargs = offsetof(Thread, jit_nargs);

// Field offsets from a tagged object pointer (address + 1).
constexpr int32_t field(size_t offset) { return static_cast<int32_t>(offset) - 1; }
// Pair fields from a tagged pair (address + 5; pairs have no header).
constexpr int32_t kCarOffset = static_cast<int32_t>(offsetof(Pair, car) - Value::kPairTag);
constexpr int32_t kCdrOffset = static_cast<int32_t>(offsetof(Pair, cdr) - Value::kPairTag);
constexpr int32_t kBoxValue = field(offsetof(Box, value));
constexpr int32_t kClosureProto = field(offsetof(Closure, proto));
constexpr int32_t kClosureFree = field(offsetof(Closure, free));
constexpr int32_t kVectorItems = field(offsetof(Vector, items));
constexpr int32_t kFlonumValue = field(offsetof(Flonum, value));
constexpr int32_t kPrimitiveFn = field(offsetof(Primitive, fn));
constexpr int32_t kPrimitiveMinArgs = field(offsetof(Primitive, min_args));
constexpr int32_t kPrimitiveMaxArgs = field(offsetof(Primitive, max_args));
constexpr int32_t kPrimitiveControl = field(offsetof(Primitive, control));
constexpr int32_t kHeader = field(0);
constexpr int32_t kProtoNativeEntry = offsetof(Proto, native_entry);
constexpr int32_t kProtoNativeLazyEntry = offsetof(Proto, native_lazy_entry);
constexpr int32_t kProtoCallEntry = offsetof(Proto, call_entry);
constexpr int32_t kProtoTailCallEntry = offsetof(Proto, tail_call_entry);

constexpr uint64_t raw(Value v) { return v.raw; }

// Values that live in machine registers come from this pool. Instruction
// code uses only rax, rcx, rdx, rsi and rdi as scratch (and rdi, rsi, rdx,
// rcx for C arguments), so pool registers survive everything but C calls;
// around those the caller-saved ones (r8-r11) still live are pushed.
const Gp kPool[] = {r8, r9, r10, r11, r14, r15};
constexpr int kPoolSize = 6;
inline bool caller_saved(const Gp& r) { return r.id() != r14.id() && r.id() != r15.id(); }
// Raw doubles (jit/unbox.h) live in registers of their own; xmm0 and xmm1
// are the instructions' scratch. Every one is caller-saved: around a C
// call the live ones are stored on the machine stack.
const Xmm kXmmPool[] = {xmm2, xmm3, xmm4, xmm5, xmm6, xmm7, xmm8, xmm9, xmm10, xmm11, xmm12, xmm13, xmm14, xmm15};
constexpr int kXmmPoolSize = 14;

/// The registers holding values that must survive a C call.
struct LiveRegs {
  std::vector<Gp> gp;
  std::vector<Xmm> xmm;
};

/// How call_generic enters a callee's code, once its frame is in place:
/// `self` (this function's own code) or the code at r8, or, if `via` is
/// given, at the entry word it addresses; `lazy` if that code is a lazy
/// entry (lazy_record.cpp), which needs no record pushed.
using EnterFn = std::function<void(bool self, bool lazy, const Mem* via)>;

class CodeGen {
 public:
  CodeGen(Proto* p, const ir::Function& f, Assembler& a) : p_(p), f_(f), a_(a), users_(f), block_of_(f) {}

  /// The frame that made the function hot (closure, then arguments), if
  /// any: direct foreign calls guess local callees from it (emit_ffi.cpp).
  /// Must stay valid until run() returns.
  void set_sample(const Value* frame, uint32_t nvalues) {
    sample_ = frame;
    nsample_ = frame ? nvalues : 0;
  }

  /// The IR the VM runs (before jit/unbox.h's lowering), whose slots are
  /// the VM's registers: given, run() also emits OSR entries (osr.cpp).
  void set_vm_ir(const ir::Function* vm) { vm_ir_ = vm; }

  void run();

  uint32_t frame_size() const { return frame_size_; }
  uint32_t slots() const { return nslots_; }
  /// Whether the code has an entry for callers that push no record
  /// (Proto::native_lazy_entry), and its label.
  bool lazy_entry() const { return lazy_entry_; }
  /// Whether the code reads its closure (slot 0): see Proto::native_ignores_closure.
  bool reads_closure() const { return reads_closure_; }
  Label lazy_entry_label() const { return lazy_entry_label_; }
  const std::vector<std::pair<Label, SrcLoc>>& locs() const { return locs_; }
  /// The OSR entries emitted: (loop header, entry label).
  const std::vector<std::pair<BlockId, Label>>& osr_entries() const { return osr_entries_; }

  /// A site whose code assumes that a global still holds `expected`
  /// (runtime/cell_watch.h): a 5-byte no-op at `at` that invalidation
  /// turns into a jump to `target`. `cell` and `expected` are also in the
  /// IR's constants and the JitConstants, which keep them alive.
  struct WatchedSite {
    Value cell;
    Value expected;
    Label at;
    Label target;
  };
  const std::vector<WatchedSite>& watch_sites() const { return watch_sites_; }
  /// The sites of lean direct foreign calls (emit_ffi.cpp): (the 5-byte
  /// no-op, the full sequence it jumps to once a foreign-callback exists).
  const std::vector<std::pair<Label, Label>>& no_callback_sites() const { return no_callback_sites_; }

 private:
  Proto* p_;
  const ir::Function& f_;
  Assembler& a_;
  const ir::UseLists users_;     // value -> the instructions taking it
  const ir::InstBlocks block_of_;
  ir::SlotAllocation alloc_;
  uint32_t nslots_ = 0;
  uint32_t frame_size_ = 0;
  std::vector<Label> block_labels_;
  /// Where control often arrives by a jump -- loop headers, the body's
  /// entry, the return points of calls -- starts on a 32-byte boundary.
  /// Measured on fib, tak and ack under every shift of the code by 0..60
  /// bytes: unaligned, one shift could cost 40% (fib 0.55 -> 0.77 s);
  /// aligned, all stay within 5% of the best. (Padding after an
  /// unconditional jump never runs; before a loop header or the body, it
  /// runs as one or two long NOPs.)
  static constexpr uint32_t kHotAlign = 32;
  void align_hot() { a_.align(AlignMode::kCode, kHotAlign); }
  BlockId next_ = UINT32_MAX;
  Label raise_, raise_keep_pc_, exit_;
  Label checked_entry_;  // the entry past the arity check
  Label claimed_entry_;  // the body, past the checks (and the claim): lazy entries and direct self calls run on from here
  size_t claimed_entry_offset_ = SIZE_MAX;
  /// Right past the entry header's fixnum guard, when no code comes between
  /// claimed_entry_ and it: a direct self call whose arguments there are
  /// known fixnums enters here (enters_past_fixnum_guard).
  Label past_fixnum_guard_;
  uint64_t past_fixnum_guard_arguments_ = 0;  // the guard's arguments (guarded_fixnum_arguments), once bound
  bool enters_past_fixnum_guard(const Inst& call) const;
  Label lazy_entry_label_;  // Proto::native_lazy_entry
  Label inst_;  // the start of the instruction being emitted
  Label claimed_record_;  // data: a claimed record's proto, result_reg, flags

  /// 16 bytes after the code: the last half of a frame record of this
  /// function claimed by its caller (proto, result_reg 0, kFrameNative),
  /// which a direct self call stores in one instruction.
  Label claimed_record() {
    if (!claimed_record_.isValid()) claimed_record_ = a_.newLabel();
    return claimed_record_;
  }
  /// Out-of-line code queued by later(), with the state it is emitted in.
  struct SlowPath {
    int pos;
    bool lazy;
    std::function<void()> emit;
  };
  std::vector<SlowPath> slow_paths_;
  std::vector<std::pair<Label, SrcLoc>> locs_;
  std::vector<int> reg_;  // value -> index into kPool (kPoolSize + index into kXmmPool), or -1: its slot
  /// reg_ inverted: register r's values, in order of start, are
  /// reg_values_[reg_values_start_[r] .. reg_values_start_[r + 1]].
  std::vector<ValueId> reg_values_;
  uint32_t reg_values_start_[kPoolSize + kXmmPoolSize + 1] = {};
  int pos_ = 0;           // the position of the instruction being emitted
  std::vector<const Inst*> def_;  // value -> its defining instruction (null: a parameter)
  std::vector<bool> unneeded_;    // constants used only as immediates: never materialized

  /// Linear scan over the register pool. A value whose interval spans a
  /// Scheme call stays in its frame slot (the callee may clobber every
  /// register, and the interpreter may run in between); so do the entry
  /// block's parameters, which arrive in the frame.
  void assign_registers();
  /// What keeping each value in a register is worth to assign_registers:
  /// its definition and uses, each weighted by the loop depth it is in.
  std::vector<uint64_t> spill_weights() const;
  /// Safe for space: after `inst`, #f into the slots of the values that die
  /// there, as a call clears them (emit_calls.cpp). For the instructions
  /// that stand for a call, its callee run inline (record_calls.cpp): a
  /// value lives in a slot only if it lives across a call, and a later call
  /// could otherwise keep it alive for as long as that call runs
  /// (docs/architecture.md).
  void clear_dead_slots(const Inst& inst);
  /// Renumbers the frame's slots so that only those some value actually
  /// lives in remain (ir/regalloc gives every value a slot, as the VM needs;
  /// here most values live in registers). A smaller frame is fewer slots
  /// for every call to clear, and less stack.
  void compact_slots();

  /// Queues out-of-line code, emitted after the function body, for the
  /// instruction being emitted now.
  void later(std::function<void()> fn) { slow_paths_.push_back({pos_, lazy_here_, std::move(fn)}); }

  // --- on-stack replacement at contified loop headers (osr.cpp) ------------

  const ir::Function* vm_ir_ = nullptr;
  std::vector<std::pair<BlockId, Label>> osr_entries_;
  /// Emits an entry for each loop header the VM's back edges name (block 1
  /// aside) whose live-in values the VM frame holds: it moves them from the
  /// VM's registers to the code's locations and jumps to the header.
  void emit_osr_entries();

  // --- frame records pushed only when needed (lazy_record.cpp) -------------

  bool lazy_entry_ = false;          // calls from machine code enter without a record
  std::vector<bool> lazy_block_;     // block -> may run without its record
  std::vector<bool> needs_record_;   // block -> pushes it on entry if missing
  bool lazy_here_ = false;           // the code being emitted is in a lazy block
  bool cold_here_ = false;           // ... in a cold block (ir::Block::cold): emitted last, never aligned
  Label push_record_;                // the routine behind push_record_keeping_registers
  std::vector<bool> lazy_slot_;      // slot -> a value may live in it while the code runs lazily

  /// Decides lazy_entry_, lazy_block_ and needs_record_.
  void plan_lazy_record();
  /// At block b's start: pushes this function's record unless it is there.
  void push_record_if_lazy(BlockId b);
  /// The same anywhere in a lazy block's code, changing no register but r12
  /// (its test does change the flags: not for use between a compare and
  /// its branch); emits nothing outside lazy blocks.
  void push_record_keeping_registers();
  void emit_push_record_routine();
  /// Clears the frame's slots that the prologue would have cleared and that
  /// no value may occupy yet (lazy_slot_), as the record is pushed. With
  /// `keep_registers`, by immediate stores only: no register, no flags.
  /// Nor the slots `written` (written_first) marks.
  void clear_unclaimed_slots(bool keep_registers, std::vector<bool> written = {});
  /// Clears slots [first, nslots_) except those `keep` marks, two at a time
  /// through xmm0 (or by immediate stores, keeping every register). Not the
  /// outgoing area past nslots_: a call writes its arguments there, and a
  /// C call may have staged them already; what else it holds is what the
  /// latest callee's frame left, as after every call.
  void clear_slots(uint32_t first, const std::vector<bool>& keep, bool keep_registers);
  /// The slots that the code from block b's start (through a jump that
  /// ends it, into the next block's start) surely writes before anything
  /// that could collect, run C or leave: the results of its first FreeRefs
  /// and Consts that live in slots, and the jump's slot parameters. A
  /// record claimed or pushed right before need not clear them: no
  /// collector sees what they held.
  std::vector<bool> written_first(BlockId b) const;

  /// Whether v lives in a register (a pool register or, for a raw
  /// double, an xmm pool register) rather than its slot.
  bool in_reg(ValueId v) const { return reg_[v] >= 0; }
  bool in_xmm(ValueId v) const { return reg_[v] >= kPoolSize; }
  /// Whether v holds a raw double (jit/unbox.h) rather than a Scheme value.
  bool is_raw(ValueId v) const { return v < f_.raw.size() && f_.raw[v]; }
  Gp reg(ValueId v) const {
    assert(!in_xmm(v));
    return kPool[reg_[v]];
  }
  Xmm xreg(ValueId v) const {
    assert(in_xmm(v));
    return kXmmPool[reg_[v] - kPoolSize];
  }

  /// The caller-saved registers holding values that must survive a C call
  /// made by the instruction at `pos` (live across it, or read by the
  /// instruction after the call).
  /// The caller-saved general registers a direct foreign call at `pos`
  /// must keep: values live across it (emit_ffi.cpp).
  LiveRegs live_across_foreign_call(int pos) const;
  LiveRegs live_caller_saved(int pos) const {
    // A register's values have disjoint intervals (start, end], kept in
    // order of start (reg_values_), so only the last to start before pos
    // can hold it there: a search per register, not a pass over every value
    // per C call, which made large functions compile in quadratic time.
    // Saved in value order, as they always were.
    ValueId at[kPoolSize + kXmmPoolSize];
    size_t n = 0;
    for (int r = 0; r < kPoolSize + kXmmPoolSize; ++r) {
      const ValueId* first = reg_values_.data() + reg_values_start_[r];
      const ValueId* after = std::partition_point(first, reg_values_.data() + reg_values_start_[r + 1],
                                                  [&](ValueId v) { return alloc_.start[v] < pos; });
      if (after != first && pos <= alloc_.end[after[-1]]) at[n++] = after[-1];
    }
    std::sort(at, at + n);
    LiveRegs live;
    for (size_t i = 0; i < n; ++i) {
      ValueId v = at[i];
      if (in_xmm(v))
        live.xmm.push_back(xreg(v));
      else if (caller_saved(reg(v)))
        live.gp.push_back(reg(v));
    }
    return live;
  }
  /// The general registers are pushed, then the doubles stored below them
  /// in `xmm_area` bytes that keep rsp 16-byte aligned for the call.
  static int32_t xmm_area(const LiveRegs& live) {
    return static_cast<int32_t>(8 * (live.xmm.size() + (live.gp.size() + live.xmm.size()) % 2));
  }
  void save(const LiveRegs& live) {
    for (const Gp& r : live.gp) a_.push(r);
    if (int32_t bytes = xmm_area(live)) a_.sub(rsp, imm(bytes));
    for (size_t i = 0; i < live.xmm.size(); ++i) a_.movsd(qword_ptr(rsp, static_cast<int32_t>(8 * i)), live.xmm[i]);
  }
  void restore(const LiveRegs& live) {
    for (size_t i = 0; i < live.xmm.size(); ++i) a_.movsd(live.xmm[i], qword_ptr(rsp, static_cast<int32_t>(8 * i)));
    if (int32_t bytes = xmm_area(live)) a_.add(rsp, imm(bytes));
    for (auto it = live.gp.rbegin(); it != live.gp.rend(); ++it) a_.pop(*it);
  }

  Mem slot(ValueId v) const { return qword_ptr(kFp, static_cast<int32_t>(8 * alloc_.slot[v])); }
  Mem fp_word(uint32_t i) const { return qword_ptr(kFp, static_cast<int32_t>(8 * i)); }
  Value constant(uint32_t i) const { return f_.constants[i]; }
  /// The Proto of child function i (MakeClosure's imm): the Proto's
  /// constants are the IR's, then its children's Protos. (The IR's as the
  /// VM emitted it: lowering may add constants to its copy, which machine
  /// code loads from its own JitConstants.)
  const Proto* child_proto(uint32_t i) const {
    return p_->constants[static_cast<const ir::Function*>(p_->ir)->constants.size() + i].as<Proto>();
  }

  /// r = constant i of f_: an immediate, or a heap object read from a
  /// GC-visible table (jit_constants.cpp).
  void load_constant(const Gp& r, uint32_t i);
  void load(const Gp& r, ValueId v) {
    if (unneeded_[v]) {
      // An immediate's slow path (or a float instruction's flonum).
      load_constant(r, def_[v]->imm);
    } else if (in_xmm(v)) {
      a_.movq(r, xreg(v));  // a raw double's bits
    } else if (in_reg(v)) {
      if (reg(v).id() != r.id()) a_.mov(r, reg(v));
    } else {
      a_.mov(r, slot(v));
    }
  }
  void store(ValueId v, const Gp& r) {
    // (A result nothing reads, say set-cdr!'s, goes nowhere.)
    if (v == ir::kNoValue || alloc_.slot[v] == UINT32_MAX || alloc_.uses[v] == 0) return;
    if (in_xmm(v)) {
      a_.movq(xreg(v), r);
    } else if (in_reg(v)) {
      if (reg(v).id() != r.id()) a_.mov(reg(v), r);
    } else {
      a_.mov(slot(v), r);
    }
  }
  /// Machine code pushes and pops frame records without updating
  /// Thread::frames_top; it sets it (r12 + one record) before C runs,
  /// which is the only code that reads it: every C call, and every exit.
  void sync_frames_top(const Gp& scratch) {
    a_.lea(scratch, qword_ptr(kFrame, kFrameSize));
    a_.mov(qword_ptr(kThread, kThreadFramesTop), scratch);
  }
  /// Where a call of an inline call/cc's k comes back into this frame:
  /// Thread::sp down to this frame's end. The collector does not need it
  /// (live_stack_top), but a value left higher up would keep dead frames
  /// visible. (A call's return needs none: whatever raises sp puts it
  /// back, jit/README.md.)
  void lower_sp_to_frame() {
    a_.lea(rcx, qword_ptr(kFp, static_cast<int32_t>(8 * frame_size_)));
    a_.mov(qword_ptr(kThread, kThreadSp), rcx);
  }
  /// Thread::sp up to `end` if it is lower: arguments staged past this
  /// frame's extent (apply's spread) stay visible to the collector.
  void raise_sp_to(const Gp& end) {
    Label covered = a_.newLabel();
    a_.cmp(end, qword_ptr(kThread, kThreadSp));
    a_.jbe(covered);
    a_.mov(qword_ptr(kThread, kThreadSp), end);
    a_.bind(covered);
  }
  /// A C call from the instruction at pos_, preserving live pool registers.
  /// `outgoing`, if known, is how many words of the outgoing area the call
  /// reads (arguments staged there): the record says so while it runs
  /// (Frame::result_reg, see live_stack_top), and a collection in it scans
  /// no further. What else the area holds -- a returned callee's frame, a
  /// deeper activation's from before this frame was claimed -- is dead, and
  /// scanned it kept whatever it pointed to alive.
  static constexpr uint32_t kWholeOutgoing = UINT32_MAX;
  void call(const void* fn, uint32_t outgoing = kWholeOutgoing) {
    push_record_keeping_registers();
    sync_frames_top(rax);
    if (outgoing != kWholeOutgoing) a_.mov(dword_ptr(kFrame, kFrameResultReg), imm(outgoing + 1));
    auto live = live_caller_saved(pos_);
    save(live);
    a_.mov(rax, imm(reinterpret_cast<uint64_t>(fn)));
    a_.call(rax);
    restore(live);
    if (outgoing != kWholeOutgoing) a_.mov(dword_ptr(kFrame, kFrameResultReg), imm(0));
  }
  void cmp_raw(const Gp& r, Value v) { a_.cmp(r, imm(static_cast<int32_t>(raw(v)))); }
  /// Compares r with Scheme value v where v lives (a register or its slot).
  void cmp_value(const Gp& r, ValueId v) {
    if (in_reg(v))
      a_.cmp(r, reg(v));
    else
      a_.cmp(r, slot(v));
  }
  /// After a helper call: kRaise in rax goes to the raise exit.
  void check_raise() {
    cmp_raw(rax, kRaise);
    Label ok = a_.newLabel();
    a_.jne(ok);
    a_.lea(rdx, ptr(inst_, 1));
    a_.jmp(raise_);
    a_.bind(ok);
  }
  /// Loads a boolean Value for condition `cc` (set by a preceding compare)
  /// into `out`, leaving the flags as they were. Clobbers rcx and rdx.
  void materialize(CondCode cc, const Gp& out) {
    a_.mov(edx, imm(static_cast<int32_t>(raw(kFalse))));
    a_.mov(ecx, imm(static_cast<int32_t>(raw(kTrue))));
    a_.cmov(cc, edx, ecx);
    if (out.id() != rdx.id()) a_.mov(out, rdx);
  }
  /// Jumps for a fused branch: to target[0] on `cc`, else target[1].
  void branch_on(CondCode cc, const Inst& br) {
    BlockId yes = br.target[0], no = br.target[1];
    if (yes == next_) {
      a_.j(negateCond(cc), block_labels_[no]);
    } else {
      a_.j(cc, block_labels_[yes]);
      if (no != next_) a_.jmp(block_labels_[no]);
    }
  }
  /// Whether `next` is a branch on `inst`'s result and its only use.
  bool fusable(const Inst& inst, const Inst* next) const {
    return next && next->op == Op::Branch && next->args[0] == inst.result && alloc_.uses[inst.result] == 1;
  }

  // --- entry and exits -------------------------------------------------------

  void prologue();

  /// Jumps to code outside this function (rcx is clobbered).
  void jump_to(const void* code);

  void common_exits();

  void exit_with(JitStatus status);

  /// An argument count known only at run time, in esi: apply's, once it
  /// has spread its list (emit_apply.cpp).
  static constexpr uint32_t kArgcInEsi = UINT32_MAX;
  /// Out of line: the call (tail or not, `n` arguments or kArgcInEsi,
  /// staged as call_generic stages them) of a callee that is not a closure,
  /// made by helper_control_call (control.h). Returns the label to jump to
  /// with the callee in rax. emit_control.cpp.
  Label control_call(bool tail, uint32_t n);

  /// call/cc or call/cc-tail (an inline (call/cc (lambda (k) ...))): k by
  /// helper_callcc; a call/cc's continuation resumes at an out-of-line
  /// landing that passes the value to its join block. emit_control.cpp.
  void inline_callcc(const Inst& inst);

  /// A call/cc's landing, and the last call of its body when that call can
  /// seal the frame again (helper_reseal): a `call` whose value the body
  /// returns (the next instruction jumps with it to the join) and that
  /// passes k, so k is at hand (in the outgoing argument k_arg).
  struct CallCCLanding {
    const Inst* capture;
    Label landing;
    const Inst* last_call = nullptr;
    uint32_t k_arg = 0;
  };
  std::vector<CallCCLanding> landings_;
  /// Fills landings_ (emit_control.cpp).
  void plan_callcc_landings();
  /// The landing whose body's last call is `call`, or null.
  const CallCCLanding* resealing_call(const Inst& call) const;
  /// In a resealing call's entry sequence, before the callee's record is
  /// pushed: helper_reseal, keeping r8 (the entry to jump to).
  void emit_reseal(const CallCCLanding& l);

  // --- instructions ------------------------------------------------------------

  /// Emits `inst`; returns true if it also consumed `next` (a fused branch).
  bool emit(const Inst& inst, const Inst* next);

  void global(const Inst& inst);

  /// An operand that is a Scheme value (a fixnum fast path's, a vector, a
  /// pair's fields...): its pool register, or loaded into `scratch` (from
  /// its slot, or an immediate's constant).
  Gp word_operand(ValueId v, const Gp& scratch);
  /// To `slow` unless a (and b, without an immediate) hold fixnums.
  /// Clobbers rdx.
  void check_fixnums(const Gp& a, const Gp* b, Label slow);
  /// check_fixnums of the operands not known to be fixnums (x in xr; y in
  /// *yr, or null for an immediate); whether it tested any.
  bool check_unknown_fixnums(ValueId x, const Gp& xr, ValueId y, const Gp* yr, Label slow);
  /// rax, rcx = the first two operands, wherever they live (immediates
  /// included): what the slow paths and the generic routines take.
  void load_operands(const Inst& inst);
  /// Whether v is a constant fixnum whose tagged word fits an imm32 (an
  /// operand the fixnum fast paths take as an immediate, never loaded but
  /// by load_operands for a slow path).
  bool fixnum_immediate(ValueId v, int32_t* raw) const;
  /// The constant v was loaded from (a Const instruction's), or kUnbound.
  Value constant_value(ValueId v) const;
  /// Bit i set: argument i (of the first two) is a raw double; the shape
  /// the boxing helpers (helper_mixed_binary, helper_call_boxing) take.
  uint32_t raw_mask(const Inst& inst) const;

  void arith(const Inst& inst);
  /// An add or mul whose first operand, not its second, is a fixnum
  /// immediate: arith takes it as the immediate all the same.
  bool constant_first(const Inst& inst) const;

  /// Out of line: the generic routine `helper` on rax and rcx (the
  /// operands load_operands put there), raising on kRaise.
  void call_binary_helper(const void* helper, Label at);


  bool compare(const Inst& inst, const Inst* next);
  /// x = the number in r as a double; jumps to `fail` unless r holds a
  /// fixnum or a flonum (or, with `exact`, a fixnum the double represents
  /// exactly). Clobbers rdx and rsi.
  /// With `flonum_first`, a flonum falls through and a fixnum is converted
  /// out of line (where a double is expected: the float instructions).
  void to_double(const Gp& r, const Xmm& x, Label fail, bool exact, bool flonum_first = false);
  /// rax = a new flonum holding x (inline allocation). Clobbers rcx, rdx.
  /// `outgoing`: the words staged in the outgoing area, which must stay
  /// visible to a collection in the allocation (CodeGen::call).
  void box_double(const Xmm& x, uint32_t outgoing);
  /// Jumps to `yes` if x `op` y (a numeric compare), else to `no`.
  void float_branch(Op op, const Xmm& x, const Xmm& y, Label yes, Label no);
  /// eax = #t or #f: x `op` y (a numeric compare).
  void float_boolean(Op op, const Xmm& x, const Xmm& y);
  /// x = x `op` y for + - *, y a register or memory.
  void float_op(Op op, const Xmm& x, const Operand& y);
  /// x = operand v as a double: a raw value's bits, a flonum constant's, or
  /// (jumping to `fail` unless it is a fixnum or a flonum, see to_double)
  /// a Scheme value, read in its register or loaded into `scratch`.
  void load_double(const Xmm& x, ValueId v, Label fail, const Gp& scratch = rax, bool exact = false);
  /// Whether v is a number constant with a double's value (exactly so,
  /// with `exact`), and that double's bits.
  bool constant_double(ValueId v, uint64_t* bits, bool exact = true) const;
  /// A generic binary instruction's slow path once its fixnum test failed:
  /// its operands as doubles in xmm0 and xmm1, or a jump to `generic` with
  /// them in rax and rcx.
  void float_operands(const Inst& inst, Label generic, bool exact);
  /// Operand v as a double where an instruction can read it: its own xmm
  /// register, or else `scratch` loaded by load_double.
  Xmm double_operand(ValueId v, const Xmm& scratch, Label fail, const Gp& gp_scratch = rax, bool exact = false);
  /// + - * with a raw double result (jit/unbox.h); either operand raw or not.
  void float_arith(const Inst& inst);
  /// Stores the double in x as raw value v.
  void store_double(ValueId v, const Xmm& x);
  /// A compare with at least one raw operand.
  bool float_compare(const Inst& inst, const Inst* next);
  /// The generic slow path of a float op: boxes the raw operands and runs
  /// the routine of `inst`'s op (helpers.h); rax = its result, raising on
  /// kRaise.
  void mixed_binary_slow(const Inst& inst, Label at);
  /// `/`, `sqrt` or `inexact` with a raw double result (jit/unbox.h); the
  /// slow path calls the primitive itself on boxed arguments.
  void float_primitive(const Inst& inst);
  /// A call-prim: the primitive's C function on the arguments, staged in
  /// the outgoing area; raises on kRaise.
  void call_primitive(const Inst& inst);
  /// Queues the slow path of an inline primitive: at `slow`, the call of
  /// the primitive itself (call_primitive, as the instruction at inst_
  /// now), then back to `done`.
  void primitive_out_of_line(const Inst& inst, Label slow, Label done);
  /// The same for a primitive fused into `branch`: its result taken to
  /// the branch's targets.
  void primitive_branch_out_of_line(const Inst& inst, const Inst& branch, Label slow);
  /// A call-prim of a primitive with an inline fast path (quotient,
  /// cadr, list, vector-length, ...: emit_intrinsics.cpp), the primitive
  /// itself out of line; false if `inst` names none.
  bool intrinsic(const Inst& inst);
  /// zero?, even? or odd? whose only use is the next instruction, a branch:
  /// a fixnum's test fused into it, the primitive out of line. False (and
  /// nothing emitted) otherwise.
  bool fixnum_test(const Inst& inst, const Inst* next, bool* fused);
  /// char=?, char<?, char>?, char<=? or char>=? of two values: two tag
  /// tests and a compare inline, fused into the next instruction when it is
  /// the only use's branch, the primitive out of line. False (and nothing
  /// emitted) for any other primitive or number of arguments.
  bool char_compare(const Inst& inst, const Inst* next, bool* fused);
  /// char-alphabetic?, char-numeric?, char-whitespace?, char-upper-case?
  /// or char-lower-case?: ASCII answered inline, as char_compare's; false
  /// (nothing emitted) for any other primitive.
  bool char_class(const Inst& inst, const Inst* next, bool* fused);
  /// The end of an inline predicate whose flags say `cc` when it holds,
  /// after tests that jump to `slow` for what the primitive must answer:
  /// a branch fused into `next` when it is the only use (returns true),
  /// else the boolean stored; the primitive out of line at `slow`.
  bool finish_predicate(const Inst& inst, const Inst* next, CondCode cc, Label slow);
  /// rdx = v's code point when v is an ASCII character (rax = v), else to
  /// `slow`.
  void ascii_code_point(ValueId v, Label slow);
  /// k, if `inst` is a call-prim of quotient, remainder or modulo by the
  /// constant 2^k (1 <= k <= 30); else 0.
  int power_of_two_divisor(const Inst& inst) const;
  // --- type facts (type_facts.cpp) -----------------------------------------
  //
  // What is known of a value's type where code is being emitted, so a check
  // made once is not repeated. Emitters consult `known` before a check and
  // `learn` what their instruction guarantees once it has run (a car's
  // operand is a pair: had it not been, the car would have raised).

  /// kKnownRecord: a record of the type in known_record_type_.
  static constexpr uint8_t kKnownPair = 1, kKnownVector = 2, kKnownFixnum = 4, kKnownRecord = 8;
  static constexpr BlockId kNoBlock = UINT32_MAX;
  static_assert(kNoBlock == FixnumFacts::kNone, "single_pred and idom answer in kNoBlock");
  struct BlockFacts {
    bool emitted = false;
    std::vector<std::pair<ValueId, uint8_t>> facts;  // at the block's end
    std::vector<std::pair<ValueId, ValueId>> record_types;  // the kKnownRecord ones' types
  };
  std::vector<uint8_t> known_;           // value -> kKnown* bits, here
  std::vector<ValueId> known_record_type_;  // value -> the value holding its record type, if kKnownRecord
  std::vector<ValueId> known_values_;    // the values with bits in known_
  std::vector<BlockFacts> block_facts_;  // block -> its facts at its end
  FixnumFacts fixnum_facts_;             // fixnums by the program's logic, dominators, single predecessors
  /// b's only predecessor (one edge, from a reachable block), or kNoBlock.
  BlockId single_pred(BlockId b) const { return fixnum_facts_.single_pred[b]; }

  void init_facts();
  void begin_block_facts(BlockId b);
  void end_block_facts(BlockId b);
  void learn(ValueId v, uint8_t kinds);
  bool known(ValueId v, uint8_t kind) const {
    return (known_[v] & kind) || ((kind & kKnownFixnum) && fixnum_facts_.fixnum[v]);
  }
  /// v is a record of the type in value `type`.
  void learn_record(ValueId v, ValueId type);
  /// Whether v is known to be a record of the type in value `type` (the
  /// same value, or a constant equal to the one known).
  bool known_record(ValueId v, ValueId type) const;

  /// Flags "equal" iff rax holds a heap object of `type`. Clobbers rcx.
  void test_heap_type(Type type);
  /// Flags "equal" iff r (rax by default) holds a pair: a test of the tag,
  /// no load. Clobbers rdx.
  void test_pair(const Gp& r = rax);
  /// A call-prim of a type predicate (symbol?, string?, vector?,
  /// bytevector?, char?, boolean?, procedure?, number?, exact-integer?): a test inline, a fused
  /// branch when the branch is its only use (*fused). False if `inst` names
  /// none (emit_intrinsics.cpp).
  bool type_predicate(const Inst& inst, const Inst* next, bool* fused);
  /// A call-prim of %record, %record?, %record-ref or %record-set! (the
  /// code define-record-type makes): inline, with the primitive out of line
  /// for anything else; %record? a fused branch as type_predicate's. False
  /// if `inst` names none of them, or one this cannot inline
  /// (emit_records.cpp).
  bool record_primitive(const Inst& inst, const Inst* next, bool* fused);
  /// The operand of record primitive `inst` that is its record type, if a
  /// constant record type; else kNoValue.
  ValueId record_type_constant(const Inst& inst) const;
  /// fl-guard: the argument's raw double, or a restart without speculation.
  void flonum_guard(const Inst& inst);
  /// fx-guard: one tag test of all the values it checks, or a restart
  /// without speculation (jit/fixnum_guards.h).
  void fixnum_guard(const Inst& inst);
  /// Out of line at `fail`: recompile without speculation (on fixnums
  /// only, if `fixnums_only`) and call the function again with `restart`
  /// (the entry header's values) as its closure and arguments, or with the
  /// frame's own if `restart` is empty.
  void restart_without_speculation(Label fail, std::vector<ValueId> restart, bool fixnums_only);

  /// A boolean from flags `cc`, or a fused branch on them.
  bool predicate(const Inst& inst, const Inst* next, CondCode cc);

  /// rax = an untagged object of `bytes` (<= kSmallMax) popped off the
  /// free list gc_small_list() picks for the header's type, with its header
  /// set and the rest zeroed (but a flonum's); jumps to `slow` when the
  /// list is empty. Clobbers rdx.
  void allocate_small(size_t bytes, uint64_t header, Label slow);
  /// rax = a slot popped off g_small_free[list] (the Thread's
  /// small_free), its first word still the list's link; jumps to `slow`
  /// when the list is empty. Clobbers rdx.
  void pop_small(size_t list, Label slow);
  /// rax = an untagged 16-byte pair slot popped off the smallest class's
  /// free list (gc.h); its first word still holds the list's link, which
  /// the caller overwrites with the car before anything can collect. Jumps
  /// to `slow` when the list is empty. Clobbers rdx.
  void allocate_pair(Label slow);
  /// Jumps to `slow` unless r (rax by default) holds a pair (test_pair).
  /// Clobbers rdx.
  void check_pair(Label slow, const Gp& r = rax);
  /// Jumps to `slow` if the pair in rax is a literal (literal.h): its
  /// address range, no load. Clobbers rdx.
  void check_not_literal_pair(Label slow);

  /// Jumps to `slow` unless r (rax by default) holds a heap object of
  /// `type`. Clobbers rdx.
  void check_type(Type type, Label slow, const Gp& r = rax);

  void car_cdr(const Inst& inst);

  void vector_access(const Inst& inst);

  /// Where value v lives: a pool register (-1 - index, the xmm pool's
  /// numbered after the other's) or a frame slot (>= 0).
  int where(ValueId v) const { return in_reg(v) ? -1 - reg_[v] : static_cast<int>(alloc_.slot[v]); }
  /// Performs the moves (destination, source) of locations as by `where`
  /// as if all at once; rdx breaks a cycle. Clobbers rax and rdx. The move
  /// to `last`, if any, is made after the others where it can be; true if
  /// rax then holds the word moved there.
  bool parallel_move(std::vector<std::pair<int, int>> moves, int last = INT_MAX);

  void jump(const Inst& inst);

  /// rax = the result. Returns to a native caller directly; everything else
  /// (a VM caller, the boundary to C++) goes through the interpreter.
  void ret();
  /// The return of a function whose record is pushed: pops it.
  void ret_through_record();
  /// The jump to the checks of a return from a record at or below
  /// Thread::return_floor (shared_paths.h), shared by the function's
  /// returns; emitted once, after the code.
  void emit_checked_return();
  Label checked_return_;

  /// A call or tail call: a direct foreign call when it has a direct
  /// foreign target (below), else call_generic.
  void call_scheme(const Inst& inst, bool tail);

  /// A call or tail call of an unknown procedure. Native callees are
  /// entered directly; anything else is handed to the interpreter.
  void call_generic(const Inst& inst, bool tail);
  /// call_generic's dispatch on the callee in rax: a known callee
  /// (known_local_callee, known_callee) or a closure with machine code is
  /// entered by `enter(self, lazy)`, lazily only if `lazy_ok` (a non-tail
  /// call that does not reseal); a primitive is called here; control
  /// callees go to helper_control_call; the rest to `slow`.
  void emit_dispatch(const Inst& inst, bool tail, bool lazy_ok, uint32_t n, Label slow, Label resume,
                     const EnterFn& enter, const std::vector<uint32_t>& raw_out = {});
  /// Whether a call is a raw self call (jit/raw_self_calls.h): a watched
  /// known call of this code that passes its guarded arguments raw.
  bool raw_call(const Inst& inst) const;
  /// A raw self call's other paths: the doubles in outgoing slots `raw_out`
  /// boxed in place, among the call's `staged` words there.
  void box_raw_arguments(const std::vector<uint32_t>& raw_out, uint32_t staged);
  /// The raw entry raw self calls enter (if the lowering made one).
  void emit_raw_entry();
  Label raw_entry_;

  // --- raw returns (jit/raw_returns.h; emit_raw_returns.cpp) ---------------

  /// At a raw call's return, before anything else: a raw return goes on,
  /// its double in xmm0, to the raw side of raw_result_ if the call has
  /// one (raw_result_taken_), else it is boxed; any other result is stored
  /// as a call's and, with a raw side, goes to the boxed one.
  void take_raw_return(const Inst& call);
  /// The raw-result right after the call being emitted, if any.
  const Inst* raw_result_ = nullptr;
  bool raw_result_taken_ = false;
  /// After a call whose result raw-result `test` examines: to the side the
  /// call took (take_raw_return), or to the boxed side if it took none.
  void raw_result_jump(const Inst& test);
  /// A return of a box that returns_raw allows to skip: the double itself
  /// when the activation was entered raw, else the box.
  void emit_raw_return(const Inst& inst);
  /// ret()'s sequence with the double in x returned raw; to `boxed`
  /// instead where the return goes through the checks (at or below the
  /// return floor), which expect a Scheme value.
  void ret_raw(ValueId x, Label boxed);
  /// Values only ever passed on to block parameters that are themselves
  /// never read (a loop's closure parameter when nothing reads the
  /// closure): they get no register, and jumps move nothing into them.
  std::vector<bool> passed_on_only() const;
  std::vector<bool> dead_;
  /// Whether block parameter p is ever read, so that entering its block
  /// must put a value where it lives.
  bool param_read(ValueId p) const { return alloc_.slot[p] != UINT32_MAX && alloc_.uses[p] > 0 && !dead_[p]; }
  /// fl-box results a raw self call passes raw: they make no box.
  std::vector<bool> passed_raw_;
  /// Whether emit_dispatch makes the call a watched known call, which
  /// needs the callee in rax only once the site is patched.
  bool dispatches_watched(const Inst& inst, bool lazy_ok) const;
  /// Enters `known`'s code (this function's own, or its entry in r8).
  void enter_known(const Closure* known, bool lazy_ok, const EnterFn& enter);
  /// Enters the Proto in rcx through its call entry if `lazy_ok`, else
  /// (a tail call) its tail call entry: machine code, or a stub that hands
  /// the call to the interpreter (runtime/proto.h). A non-tail call that
  /// may not enter lazily (it reseals) enters its native_entry, or `slow`.
  void enter_code_of_rcx(bool tail, bool lazy_ok, Label slow, const EnterFn& enter);
  /// The dispatch on whatever the callee in rax turns out to be.
  void emit_generic_dispatch(bool tail, bool lazy_ok, uint32_t n, Label slow, Label resume,
                             const EnterFn& enter);
  /// The call of the callee in rax, not a closure, with `n` arguments (or
  /// kArgcInEsi) staged: a primitive's C function, called here once its
  /// arity checks out (to `slow` if not), then a return (tail) or a jump to
  /// `resume` with the result in rax; a control primitive, or anything
  /// else, to `control` (control_call). `at` is the call's location.
  void call_primitive_of_rax(bool tail, uint32_t n, Label control, Label slow, Label resume, Label at);
  /// (apply f a ... list) through the builtin apply, which `apply` is when
  /// compiling (apply_callee): if the callee in rax is still it, the list
  /// is spread into the outgoing slots here and f called with as many
  /// arguments (argc in esi); if the list is not a proper one of at most
  /// kMaxInlineSpread elements that fits the stack, the call goes to
  /// helper_control_call as before; any other callee goes on to the
  /// dispatch that follows. emit_apply.cpp.
  void spread_apply(bool tail, uint32_t n, Value apply, Label resume);
  static constexpr uint32_t kMaxInlineSpread = 1024;
  /// The builtin apply, if it is the callee a call makes through a global
  /// with a list to spread, and machine code spreads it (spread_apply).
  Value apply_callee(const Inst& inst, bool tail) const;
  /// Values that are the running closure (running_closure_values, unbox.h).
  std::vector<bool> running_closure_;
  /// The closure a call's callee is when compiling, if the call may jump
  /// straight to its machine code: the callee is read from a global that
  /// now holds a closure taking exactly these arguments, compiled (or this
  /// very function). The call then skips the dispatch: while a watch on
  /// the global's cell is intact (watched_callee_ref), or if the callee is
  /// that closure (a JIT constant) when the call may not trust a watch.
  const Closure* known_callee(const Inst& inst) const;
  /// The Proto every closure a call's callee can be has, when the callee is
  /// a free variable holding a letrec-bound lambda (ir::Function::known_free)
  /// and the sample shows which, compiled, taking exactly these arguments.
  /// Such a call needs no guard: it jumps to that code.
  const Proto* known_local_callee(const Inst& inst, bool tail) const;

  // --- calls of constant or just-made closures (constant_calls.cpp) --------

  /// The closure a call's callee is when it is a constant (a closed
  /// lambda's, ast::Lambda::closed) taking exactly these arguments: the
  /// call needs no check at all.
  const Closure* constant_callee(const Inst& inst) const;
  /// The Proto of the closure a call's callee is when this function makes
  /// it (MakeClosure) and it takes exactly these arguments: no check either.
  const Proto* made_callee(const Inst& inst) const;
  /// Enters `callee`, a constant or made callee (emit_dispatch's `enter`):
  /// its machine code, or that of this function, when compiled now; else
  /// whatever entry its Proto has when the call runs (enter_code_of_rcx).
  void enter_direct(const Proto* callee, bool tail, bool lazy_ok, Label slow, const EnterFn& enter);
  /// Whether non-tail call `call` of a constant callee stores no callee in
  /// its outgoing slot 0: the callee's code, compiled now, never reads its
  /// closure.
  bool skips_constant_callee_store(const Inst& call) const;

  // --- sites that assume a global's value (watch_sites.cpp) ----------------
  //
  // A known call (known_callee) and a direct foreign call of a global
  // trust a watch on the global's cell instead of comparing the callee on
  // every call: a patchable no-op, registered on the cell when the code is
  // installed (register_watch_sites), which any assignment of the cell
  // turns into a jump to the generic path (runtime/cell_watch.h).

  std::vector<WatchedSite> watch_sites_;
  /// Emits the 5-byte no-op of a site watching `cell`, which now holds
  /// `expected`; invalidated, it jumps to `target`.
  void watch_point(Value cell, Value expected, Label target);
  /// Registers the 5 bytes at `at` (an instruction emitted by the caller:
  /// a direct foreign call's `call rel32`) as a site watching `cell`.
  void watch_site(Value cell, Value expected, Label at, Label target);
  /// Emits a site's 5-byte no-op (with `what` it becomes, in a listing).
  Label patchable_nop(const char* what);
  std::vector<std::pair<Label, Label>> no_callback_sites_;
  /// Emits the 5-byte no-op of a site that assumes no foreign-callback
  /// exists (ffi/callback.h); patched, it jumps to `target`.
  void no_callback_point(Label target);
  /// Whether `call` (a call or tail call whose callee is the value of
  /// GlobalRef `ref`) may trust a watch on ref's cell: ref comes before the
  /// call in the same block and nothing in between can run Scheme code or
  /// assign a global, so while the site is intact the value ref read is
  /// still the one compiled for. (Not so across a call, which may redefine
  /// the global after ref read it, or across a loop header, which an OSR
  /// entry may enter with a value the VM read before a redefinition.)
  bool watchable(const Inst& ref, const Inst& call) const;
  /// The block instruction `i` is in (kNoBlock if none).
  BlockId block_of(const Inst* i) const { return block_of_(i); }
  /// The call or tail call whose callee GlobalRef `ref` is, when that is
  /// ref's only use; else null.
  const Inst* only_call_of(const Inst& ref) const;
  /// The call whose known callee (known_callee) GlobalRef `ref` is the only
  /// use of, when watchable: ref then loads the known closure from the
  /// code's constants instead of reading the cell. Else null.
  const Inst* watched_known_call(const Inst& ref) const;
  /// The GlobalRef defining `inst`'s callee when its known callee is
  /// watched rather than compared; else null.
  const Inst* watched_callee_ref(const Inst& inst) const;
  /// Whether non-tail call `call` stores no callee in its outgoing slot 0:
  /// a watched known call of code that never reads its closure. (Its
  /// generic path, once patched, stores the cell's value; the interpreter's
  /// path for a self call's overflow stores the known closure.) Its
  /// GlobalRef then emits nothing.
  bool skips_callee_store(const Inst& call) const;
  /// Whether the code a direct call of `callee` enters never reads its
  /// closure: this function's being compiled, or callee's compiled code.
  bool code_ignores_closure(const Proto* callee) const;
  bool reads_closure_ = true;
  /// For `eq g self`, g a global-ref and self the running closure (the
  /// test ir/build.cpp puts before a global function's self tail call: a
  /// jump to its loop header if the global still holds this closure, else
  /// a tail call of it), g; else kNoValue. Code that reads its closure
  /// nowhere else may ask instead whether g is a closure of this Proto:
  /// then the loop is that tail call, whichever closure of it runs. So the
  /// test does not read the closure (compute_reads_closure), and known
  /// callers need not store one.
  ValueId self_identity_test(const Inst& inst) const;
  /// That question, for global-ref g: ZF set if and only if yes.
  void self_test(ValueId g);
  /// For `eq g K`, g a global-ref and K a constant equal to the global's
  /// value now, g; else kNoValue.
  ValueId constant_identity_test(const Inst& inst) const;
  /// Whether identity test `eq` (a self-identity test or a constant one),
  /// fused into branch `next`, is a watch site instead: the global held the
  /// closure of this Proto or the constant when compiling and nothing between
  /// its global-ref and `eq` assigns globals, so while the cell is not
  /// assigned the answer is yes (a no-op, then a jump to the yes side); an
  /// assignment patches the site into a jump to the test. Its g, or kNoValue.
  ValueId watched_identity_test(const Inst& eq, const Inst* next) const;
  /// For a global-ref, the watched identity test (above) that makes its
  /// load unneeded, when all its other uses are in the block only that
  /// test's "no" leads to: the test's out-of-line path loads it instead.
  const Inst* identity_test_defers_load(const Inst& ref) const;
  /// Fills identity_test_of_: for each global-ref value, the identity test
  /// that takes it (no self-identity test where the code reads its closure).
  void find_identity_tests();
  std::vector<const Inst*> identity_test_of_;
  /// Emits watched identity test `eq` fused into branch `next`.
  void emit_watched_identity_test(const Inst& eq, const Inst& next);
  /// Computes reads_closure_: whether any instruction but a jump takes the
  /// closure, the entry's first parameter, or a block parameter it is
  /// passed to.
  bool compute_reads_closure() const;

  // --- constants of machine code (jit_constants.cpp) -----------------------
  //
  // Machine code must never hold a Value as an immediate: the collector
  // does not scan code, so the object could be freed (Boehm never moves
  // objects; freeing is the danger). A heap value the code needs that is not
  // in the IR's constant table (which the Proto already keeps, see the Const
  // case) goes into the Proto's JitConstants chain (runtime/proto.h): scanned
  // GC memory, alive as long as the Proto, whose slots never move. Code
  // embeds a slot's address and loads the value from it, one load. Any
  // emitter may use these (direct foreign calls do; direct calls of known
  // Scheme functions can); equal values share a slot.

  /// The address of the slot holding `v` (added on first use).
  const Value* jit_constant(Value v);
  /// `scratch` = the slot's address; returns the operand [scratch], e.g.
  /// `a_.cmp(rax, jit_constant_mem(v, rcx))`.
  Mem jit_constant_mem(Value v, const Gp& scratch) {
    a_.mov(scratch, imm(reinterpret_cast<uint64_t>(jit_constant(v))));
    return qword_ptr(scratch);
  }
  /// An operand that reads v from the code's own data (rip-relative, one
  /// instruction): a copy of the word, after the function's code. v stays
  /// alive in the JitConstants as well, the copy being invisible to the
  /// collector (which never moves objects, so the copy stays right).
  Mem code_constant(Value v);
  /// An operand that reads a word that is no Value (a double's bits) from
  /// the code's own data, as code_constant does.
  Mem code_word(uint64_t word);
  std::vector<std::pair<uint64_t, Label>> code_words_;  // the words after the code, each once
  /// r = v, loaded from its slot.
  void load_jit_constant(const Gp& r, Value v) { a_.mov(r, jit_constant_mem(v, r)); }

  // --- direct calls of foreign procedures (emit_ffi.cpp) -------------------

  const Value* sample_ = nullptr;  // see set_sample
  uint32_t nsample_ = 0;

  /// The foreign procedure the call `inst` is specialised to: its callee is
  /// a GlobalRef whose cell holds, at compile time, a foreign procedure of
  /// the right arity (any signature), or a free variable of the running
  /// closure or an argument that holds one in the sample. Else nullptr.
  const ffi::ForeignProcedure* direct_foreign_target(const Inst& inst);

  /// Called first by call_scheme. When `inst` has a direct foreign target,
  /// emits the direct native call guarded by the callee's identity, with
  /// call_generic out of line (taken when the guard or an argument check
  /// fails), and returns true. Else emits nothing and returns false.
  bool direct_foreign_call(const Inst& inst, bool tail);

  /// Whether `inst` is a direct foreign call that is *lean*: made while no
  /// foreign-callback exists (ffi::callbacks_made), of a C function that
  /// cannot reach the collector (ForeignProcedure::may_reach_collector).
  /// Its C function can then run no Scheme code and start no collection,
  /// so the call needs neither the frame's record nor its pc nor
  /// Thread::frames_top, nor the callback-failure test; a block whose
  /// only calls are lean ones runs without its record (lazy_record.cpp).
  /// The first callback patches the site (no_callback_point) into a jump
  /// to the full sequence, out of line.
  bool lean_foreign_call(const Inst& inst);
  /// Whether the direct foreign call `inst` at position `pos` is lean and
  /// has nothing to do between its last check and the C call (no pool
  /// register to save, no staged argument, no C stack area, not
  /// variadic): its `call` instruction is then its lean site and its
  /// watch site (emit_ffi.cpp).
  bool call_is_lean_site(const Inst& inst, int pos);
  /// Sets trust_shadows_ (jit/shadow_trust.h): some int32 argument with a
  /// shadow is passed by a lean-site call, no constant shadow is of a
  /// value beyond int32 and no direct call's uint32 result has one.
  void plan_shadow_trust();
  /// Where a shadow is made from any value (a `sar`, a generic path, an
  /// OSR entry), in a function that trusts shadows: the call, keeping
  /// every pool register, that breaks the function's trust
  /// (helper_shadows_broken). Out of line.
  void emit_shadows_broken();
  /// Tests that the value in `v` (register) is an int32 fixnum, using
  /// `scratch`, and calls emit_shadows_broken out of line if not; then
  /// `remake` (out of line) restores what the helper call clobbered.
  void check_shadow_source(const Gp& v, const Gp& scratch, std::function<void()> remake = {});
  bool trust_shadows_ = false;
  uint32_t shadow_trust_id_ = 0;
  /// The trusting calls' sites (their `call`) and generic paths.
  std::vector<std::pair<Label, Label>> trusted_sites_;

 public:
  const std::vector<std::pair<Label, Label>>& trusted_sites() const { return trusted_sites_; }
  uint32_t shadow_trust_id() const { return shadow_trust_id_; }

 private:

  /// Called first by global(). A GlobalRef whose value is only the callee
  /// of a call with a direct foreign target that may watch its cell
  /// (watchable, watch_sites.cpp) is fused into that call: it emits nothing
  /// (the call's generic path reads the cell, and would raise the
  /// GlobalRef's unbound-variable error). Returns whether it did.
  bool fuse_global_into_direct_call(const Inst& inst);

  /// The fused GlobalRefs (above), with their instructions' labels.
  std::vector<std::pair<const Inst*, Label>> fused_globals_;

  // --- int32 shadows (jit/int_shadow.h; emit_ffi.cpp) ----------------------

  std::vector<bool> shadow_made_;  // shadow value -> its direct call computed it
  std::vector<std::pair<uint32_t, ValueId>> shadow_args_;  // (foreign argument, its shadow) of the next call
  int shadow_args_pos_ = -1;  // the position of the call shadow_args_ is for
  /// int-shadow: nothing when the direct foreign call before it made the
  /// shadow from the C result; else the low word of (v >> 1).
  void int_shadow(const Inst& inst);
  /// int-arg: notes the shadow for the call that follows.
  void int_shadow_use(const Inst& inst);
  /// The shadow the int-args before the call at pos_ give its foreign
  /// argument k, or kNoValue.
  ValueId shadow_argument(uint32_t k) const;
  /// The int-shadow of call `inst`'s result right after it, or kNoValue.
  ValueId shadow_of_result(const Inst& inst);
};

/// What the callee of call or tail call `inst` of `f` (p's IR) is while p
/// is compiled: a GlobalRef's cell's value, or, in the sample (the frame
/// that made p hot; may be null), the running closure's free variable or
/// the argument it reads; kUnbound when unknown. Only a guess: code that
/// relies on it guards it. `definition` gives a value's defining
/// instruction (null: a parameter). sampled_callees.cpp.
Value callee_when_compiling(const Proto* p, const ir::Function& f,
                            const std::function<const Inst*(ValueId)>& definition, const Inst& inst,
                            const Value* sample, uint32_t nsample);

/// The foreign procedure a call or tail call `inst` of `f` (p's lowered IR)
/// is compiled to as a direct foreign call (emit_ffi.cpp): its callee is
/// a GlobalRef whose cell holds, now, a foreign procedure of the right
/// arity, or, in the sample (the frame that made p hot; may be null), a
/// free variable of the running closure or an argument that holds one.
/// `definition` gives a value's defining instruction (null: a parameter).
const ffi::ForeignProcedure* foreign_target(const Proto* p, const ir::Function& f,
                                            const std::function<const Inst*(ValueId)>& definition, const Inst& inst,
                                            const Value* sample, uint32_t nsample);

/// Registers the watch sites of `gen`'s code, installed at `entry` from
/// `code`, on their cells (watch_sites.cpp). A cell assigned since the code
/// was generated (nothing does that today: compilation runs no Scheme) has
/// its site patched at once.
void register_watch_sites(const CodeGen& gen, const CodeHolder& code, const void* entry);

}  // namespace kiln::jit
