// IR -> x86-64. See jit.h for the model and jit/README.md for the frame
// layout. Every IR value has a home slot in the frame (ir/regalloc); an
// instruction loads its operands into scratch registers, computes, and
// stores its result, with fixnum, pair and vector fast paths inline and
// everything else in out-of-line slow paths that call jit/helpers.
#include <asmjit/x86.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <cstddef>
#include <functional>

#include "ir/ir.h"
#include "ir/regalloc.h"
#include "jit/helpers.h"
#include "jit/jit.h"
#include "jit/runtime.h"
#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/tier.h"

namespace kiln::jit {

using namespace asmjit;
using namespace asmjit::x86;
using ir::BlockId;
using ir::Inst;
using ir::Op;
using ir::ValueId;

namespace {

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
constexpr int32_t kThreadFramesTop = offsetof(Thread, frames_top);
constexpr int32_t kThreadFramesLimit = offsetof(Thread, frames_limit);
constexpr int32_t kThreadJitValue = offsetof(Thread, jit_value);
constexpr int32_t kThreadSealLimit = offsetof(Thread, seal_limit);
constexpr int32_t kThreadJitFp = offsetof(Thread, jit_fp);
constexpr int32_t kThreadJitNargs = offsetof(Thread, jit_nargs);

// Field offsets from a tagged object pointer (address + 1).
constexpr int32_t field(size_t offset) { return static_cast<int32_t>(offset) - 1; }
constexpr int32_t kCarOffset = field(offsetof(Pair, car));
constexpr int32_t kCdrOffset = field(offsetof(Pair, cdr));
constexpr int32_t kBoxValue = field(offsetof(Box, value));
constexpr int32_t kClosureProto = field(offsetof(Closure, proto));
constexpr int32_t kClosureFree = field(offsetof(Closure, free));
constexpr int32_t kVectorItems = field(offsetof(Vector, items));
constexpr int32_t kHeader = field(0);
constexpr int32_t kProtoNativeEntry = offsetof(Proto, native_entry);

constexpr uint64_t raw(Value v) { return v.raw; }

// Values that live in machine registers come from this pool. Instruction
// code uses only rax, rcx, rdx, rsi and rdi as scratch (and rdi, rsi, rdx,
// rcx for C arguments), so pool registers survive everything but C calls;
// around those the caller-saved ones (r8-r11) still live are pushed.
const Gp kPool[] = {r8, r9, r10, r11, r14, r15};
constexpr int kPoolSize = 6;
bool caller_saved(const Gp& r) { return r.id() != r14.id() && r.id() != r15.id(); }

class CodeGen {
 public:
  CodeGen(Proto* p, const ir::Function& f, Assembler& a) : p_(p), f_(f), a_(a) {}

  void run() {
    alloc_ = ir::allocate_slots(f_);
    nslots_ = alloc_.nslots;
    assign_registers();
    uint32_t outgoing = 0;
    for (const ir::Block& b : f_.blocks)
      for (const Inst& inst : b.insts)
        if (inst.op == Op::Call || inst.op == Op::TailCall || inst.op == Op::CallPrim)
          outgoing = std::max<uint32_t>(outgoing, static_cast<uint32_t>(inst.args.size()));
    frame_size_ = nslots_ + 1 + outgoing;

    block_labels_.resize(f_.blocks.size());
    for (auto& l : block_labels_) l = a_.newLabel();
    raise_ = a_.newLabel();
    raise_keep_pc_ = a_.newLabel();
    exit_ = a_.newLabel();

    pos_ = 0;  // nothing lives in registers yet
    prologue();
    for (uint32_t li = 0; li < alloc_.order.size(); ++li) {
      BlockId b = alloc_.order[li];
      a_.bind(block_labels_[b]);
      next_ = li + 1 < alloc_.order.size() ? alloc_.order[li + 1] : UINT32_MAX;
      const auto& insts = f_.blocks[b].insts;
      for (size_t i = 0; i < insts.size(); ++i) {
        const Inst* following = i + 1 < insts.size() ? &insts[i + 1] : nullptr;
        pos_ = alloc_.position(b, i);
        if (emit(insts[i], following)) ++i;  // the branch was fused into the compare
      }
    }
    for (auto& slow : slow_paths_) slow();
    common_exits();
  }

  uint32_t frame_size() const { return frame_size_; }
  const std::vector<std::pair<Label, SrcLoc>>& locs() const { return locs_; }

 private:
  Proto* p_;
  const ir::Function& f_;
  Assembler& a_;
  ir::SlotAllocation alloc_;
  uint32_t nslots_ = 0;
  uint32_t frame_size_ = 0;
  std::vector<Label> block_labels_;
  BlockId next_ = UINT32_MAX;
  Label raise_, raise_keep_pc_, exit_;
  Label inst_;  // the start of the instruction being emitted
  std::vector<std::function<void()>> slow_paths_;
  std::vector<std::pair<Label, SrcLoc>> locs_;
  std::vector<int> reg_;  // value -> index into kPool, or -1: it lives in its slot
  int pos_ = 0;           // the position of the instruction being emitted

  /// Linear scan over the register pool. A value whose interval spans a
  /// Scheme call stays in its frame slot (the callee may clobber every
  /// register, and the interpreter may run in between); so do the entry
  /// block's parameters, which arrive in the frame.
  void assign_registers() {
    reg_.assign(f_.num_values, -1);
    std::vector<int> calls;
    for (BlockId b : alloc_.order) {
      const auto& insts = f_.blocks[b].insts;
      for (size_t i = 0; i < insts.size(); ++i)
        if (insts[i].op == Op::Call) calls.push_back(alloc_.position(b, i));
    }
    std::vector<std::vector<ValueId>> hints(f_.num_values);
    for (BlockId b : alloc_.order) {
      const Inst& t = f_.blocks[b].insts.back();
      if (t.op != Op::Jump) continue;
      const auto& params = f_.blocks[t.target[0]].params;
      for (size_t i = 0; i < params.size(); ++i) {
        hints[params[i]].push_back(t.args[i]);
        hints[t.args[i]].push_back(params[i]);
      }
    }
    std::vector<ValueId> values;
    for (ValueId v = 0; v < f_.num_values; ++v) {
      if (alloc_.start[v] > alloc_.end[v] || alloc_.slot[v] == UINT32_MAX) continue;
      bool entry = std::find(f_.blocks[0].params.begin(), f_.blocks[0].params.end(), v) != f_.blocks[0].params.end();
      bool across_call = false;
      for (int c : calls) across_call |= alloc_.start[v] < c && c < alloc_.end[v];
      if (!entry && !across_call) values.push_back(v);
    }
    std::stable_sort(values.begin(), values.end(),
                     [&](ValueId a, ValueId b) { return alloc_.start[a] < alloc_.start[b]; });
    ValueId owner[kPoolSize];
    bool busy[kPoolSize] = {};
    for (ValueId v : values) {
      for (int r = 0; r < kPoolSize; ++r)
        if (busy[r] && alloc_.end[owner[r]] < alloc_.start[v]) busy[r] = false;
      int chosen = -1;
      for (ValueId h : hints[v])
        if (reg_[h] >= 0 && !busy[reg_[h]]) {
          chosen = reg_[h];
          break;
        }
      for (int r = 0; r < kPoolSize && chosen < 0; ++r)
        if (!busy[r]) chosen = r;
      if (chosen < 0) continue;  // the pool is full: the value stays in its slot
      busy[chosen] = true;
      owner[chosen] = v;
      reg_[v] = chosen;
    }
  }

  /// Queues out-of-line code, emitted after the function body, for the
  /// instruction being emitted now.
  void later(std::function<void()> fn) {
    int pos = pos_;
    slow_paths_.push_back([this, pos, fn] {
      pos_ = pos;
      fn();
    });
  }

  bool in_reg(ValueId v) const { return reg_[v] >= 0; }
  Gp reg(ValueId v) const { return kPool[reg_[v]]; }

  /// The caller-saved pool registers holding values that must survive a C
  /// call made by the instruction at `pos` (live across it, or read by the
  /// instruction after the call).
  std::vector<Gp> live_caller_saved(int pos) const {
    std::vector<Gp> regs;
    for (ValueId v = 0; v < f_.num_values; ++v)
      if (reg_[v] >= 0 && caller_saved(reg(v)) && alloc_.start[v] < pos && pos <= alloc_.end[v]) regs.push_back(reg(v));
    return regs;
  }
  void save(const std::vector<Gp>& regs) {
    for (const Gp& r : regs) a_.push(r);
    if (regs.size() % 2) a_.sub(rsp, 8);  // keep rsp 16-byte aligned for the call
  }
  void restore(const std::vector<Gp>& regs) {
    if (regs.size() % 2) a_.add(rsp, 8);
    for (auto it = regs.rbegin(); it != regs.rend(); ++it) a_.pop(*it);
  }

  Mem slot(ValueId v) const { return qword_ptr(kFp, static_cast<int32_t>(8 * alloc_.slot[v])); }
  Mem fp_word(uint32_t i) const { return qword_ptr(kFp, static_cast<int32_t>(8 * i)); }
  Value constant(uint32_t i) const { return f_.constants[i]; }

  void load(const Gp& r, ValueId v) {
    if (in_reg(v)) {
      if (reg(v).id() != r.id()) a_.mov(r, reg(v));
    } else {
      a_.mov(r, slot(v));
    }
  }
  void store(ValueId v, const Gp& r) {
    if (v == ir::kNoValue || alloc_.slot[v] == UINT32_MAX) return;
    if (in_reg(v)) {
      if (reg(v).id() != r.id()) a_.mov(reg(v), r);
    } else {
      a_.mov(slot(v), r);
    }
  }
  /// A C call from the instruction at pos_, preserving live pool registers.
  void call(const void* fn) {
    auto live = live_caller_saved(pos_);
    save(live);
    a_.mov(rax, imm(reinterpret_cast<uint64_t>(fn)));
    a_.call(rax);
    restore(live);
  }
  void cmp_raw(const Gp& r, Value v) { a_.cmp(r, imm(static_cast<int32_t>(raw(v)))); }
  /// After a helper call: kRaise in rax goes to the raise exit.
  void check_raise() {
    cmp_raw(rax, kRaise);
    Label ok = a_.newLabel();
    a_.jne(ok);
    a_.lea(rdx, ptr(inst_, 1));
    a_.jmp(raise_);
    a_.bind(ok);
  }
  void set_t_sp() {
    a_.lea(rcx, qword_ptr(kFp, static_cast<int32_t>(8 * frame_size_)));
    a_.mov(qword_ptr(kThread, kThreadSp), rcx);
  }
  /// Loads a boolean Value for condition `cc` (set by a preceding compare).
  void materialize(CondCode cc, const Gp& out) {
    a_.set(cc, dl);
    a_.movzx(edx, dl);
    a_.shl(edx, 8);
    a_.add(edx, imm(static_cast<int32_t>(raw(kFalse))));
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

  void prologue() {
    // On entry esi holds the argument count (jit.h). Checks come before the
    // frame record is claimed, so a failing call reports its call site as
    // the VM does: a freshly pushed record (proto still null) is popped.
    Label fail = a_.newLabel();
    if (f_.rest) {
      a_.cmp(esi, imm(f_.nreq));
      a_.jb(fail);
    } else {
      a_.cmp(esi, imm(f_.nreq));
      a_.jne(fail);
    }
    Label overflow = a_.newLabel();
    a_.lea(rax, qword_ptr(kFp, static_cast<int32_t>(8 * frame_size_)));
    a_.cmp(rax, qword_ptr(kThread, kThreadStackLimit));
    a_.ja(overflow);
    a_.mov(qword_ptr(kThread, kThreadSp), rax);
    a_.mov(rax, imm(reinterpret_cast<uint64_t>(p_)));
    a_.mov(qword_ptr(kFrame, kFrameProto), rax);
    a_.or_(dword_ptr(kFrame, kFrameFlags), imm(kFrameNative));
    if (f_.rest) {
      a_.mov(rdi, kThread);
      a_.mov(rdx, rsi);
      a_.mov(rsi, kFp);
      a_.mov(ecx, imm(f_.nreq));
      call(reinterpret_cast<const void*>(&helper_build_rest));
    }
    // Safe for space: the frame's slots beyond the arguments still hold
    // whatever earlier frames left there, and machine code may never write
    // some of them (its values live in registers), so a stale pointer could
    // stay visible to the collector for the whole activation.
    if (frame_size_ > 1 + f_.nreq + (f_.rest ? 1 : 0)) {
      a_.mov(eax, imm(static_cast<int32_t>(raw(kFalse))));
      for (uint32_t i = 1 + f_.nreq + (f_.rest ? 1 : 0); i < frame_size_; ++i) a_.mov(fp_word(i), rax);
    }
    later([this, fail, overflow] {
      a_.bind(fail);
      a_.mov(rdi, fp_word(0));
      a_.mov(edx, esi);
      a_.mov(rsi, rdx);
      call(reinterpret_cast<const void*>(&helper_arity_error));
      leave_unclaimed_frame();
      a_.bind(overflow);
      call(reinterpret_cast<const void*>(&helper_stack_overflow));
      leave_unclaimed_frame();
    });
  }

  /// Raises from the prologue: pops the frame record if the caller pushed it
  /// for us (proto still null), then raises keeping the caller's pc.
  void leave_unclaimed_frame() {
    Label keep = a_.newLabel();
    a_.cmp(qword_ptr(kFrame, kFrameProto), imm(0));
    a_.jne(keep);
    a_.mov(qword_ptr(kThread, kThreadFramesTop), kFrame);
    a_.sub(kFrame, imm(kFrameSize));
    a_.bind(keep);
    a_.jmp(raise_keep_pc_);
  }

  void common_exits() {
    // rdx = the address to record as this frame's pc.
    a_.bind(raise_);
    a_.mov(qword_ptr(kFrame, kFramePc), rdx);
    a_.bind(raise_keep_pc_);
    a_.mov(eax, imm(kJitRaise));
    a_.bind(exit_);
    a_.mov(rcx, imm(reinterpret_cast<uint64_t>(exit_stub())));
    a_.jmp(rcx);
  }

  void exit_with(JitStatus status) {
    a_.mov(eax, imm(status));
    a_.jmp(exit_);
  }

  // --- instructions ------------------------------------------------------------

  /// Emits `inst`; returns true if it also consumed `next` (a fused branch).
  bool emit(const Inst& inst, const Inst* next) {
    inst_ = a_.newLabel();
    a_.bind(inst_);
    if (inst.loc.known()) locs_.push_back({inst_, inst.loc});
    const auto& args = inst.args;
    switch (inst.op) {
      case Op::Const: {
        Value c = constant(inst.imm);
        if (c.is_object()) {
          a_.mov(rax, imm(reinterpret_cast<uint64_t>(&p_->constants[inst.imm])));
          a_.mov(rax, qword_ptr(rax));
        } else {
          a_.mov(rax, imm(raw(c)));
        }
        store(inst.result, rax);
        return false;
      }
      case Op::FreeRef:
        load(rax, args[0]);
        a_.mov(rax, qword_ptr(rax, kClosureFree + static_cast<int32_t>(8 * inst.imm)));
        store(inst.result, rax);
        return false;
      case Op::GlobalRef:
      case Op::GlobalSet:
      case Op::GlobalDef:
        global(inst);
        return false;
      case Op::MakeBox:
        load(rdi, args[0]);
        call(reinterpret_cast<const void*>(&helper_make_box));
        store(inst.result, rax);
        return false;
      case Op::BoxRef:
        load(rax, args[0]);
        a_.mov(rax, qword_ptr(rax, kBoxValue));
        store(inst.result, rax);
        return false;
      case Op::BoxSet:
        load(rax, args[0]);
        load(rcx, args[1]);
        a_.mov(qword_ptr(rax, kBoxValue), rcx);
        return false;
      case Op::MakeClosure: {
        Value child = p_->constants[f_.constants.size() + inst.imm];
        a_.mov(rdi, imm(reinterpret_cast<uint64_t>(child.as<Proto>())));
        a_.mov(esi, imm(static_cast<uint32_t>(args.size())));
        call(reinterpret_cast<const void*>(&helper_alloc_closure));
        for (size_t i = 0; i < args.size(); ++i) {
          load(rcx, args[i]);
          a_.mov(qword_ptr(rax, kClosureFree + static_cast<int32_t>(8 * i)), rcx);
        }
        store(inst.result, rax);
        return false;
      }
      case Op::ClosureSet:
        load(rax, args[0]);
        load(rcx, args[1]);
        a_.mov(qword_ptr(rax, kClosureFree + static_cast<int32_t>(8 * inst.imm)), rcx);
        return false;
      case Op::Call:
        call_scheme(inst, false);
        return false;
      case Op::TailCall:
        call_scheme(inst, true);
        return false;
      case Op::CallPrim: {
        for (size_t i = 0; i < args.size(); ++i) {
          load(rax, args[i]);
          a_.mov(fp_word(nslots_ + static_cast<uint32_t>(i)), rax);
        }
        auto* prim = constant(inst.imm).as<Primitive>();
        a_.mov(rdi, kThread);
        a_.lea(rsi, fp_word(nslots_));
        a_.mov(edx, imm(static_cast<uint32_t>(args.size())));
        call(reinterpret_cast<const void*>(prim->fn));
        check_raise();
        store(inst.result, rax);
        return false;
      }
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
        arith(inst);
        return false;
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge:
      case Op::NumEq:
        return compare(inst, next);
      case Op::Car:
      case Op::Cdr:
        car_cdr(inst);
        return false;
      case Op::Cons: {
        // Inline: pop a 32-byte object off the collector's free list (gc.h),
        // or call the helper, which refills it.
        Label slow = a_.newLabel(), done = a_.newLabel();
        allocate_small(sizeof(Pair), Object::make_header(Type::Pair), slow);
        load(rdx, args[0]);
        a_.mov(qword_ptr(rax, static_cast<int32_t>(offsetof(Pair, car))), rdx);
        load(rdx, args[1]);
        a_.mov(qword_ptr(rax, static_cast<int32_t>(offsetof(Pair, cdr))), rdx);
        a_.inc(rax);  // the object tag
        a_.bind(done);
        store(inst.result, rax);
        later([this, slow, done, args] {
          a_.bind(slow);
          load(rdi, args[0]);
          load(rsi, args[1]);
          call(reinterpret_cast<const void*>(&helper_cons));
          a_.jmp(done);
        });
        return false;
      }
      case Op::Eq:
        load(rax, args[0]);
        load(rcx, args[1]);
        a_.cmp(rax, rcx);
        return predicate(inst, next, CondCode::kE);
      case Op::Not:
        load(rax, args[0]);
        cmp_raw(rax, kFalse);
        return predicate(inst, next, CondCode::kE);
      case Op::IsNull:
        load(rax, args[0]);
        cmp_raw(rax, kNil);
        return predicate(inst, next, CondCode::kE);
      case Op::IsPair: {
        load(rax, args[0]);
        Label no = a_.newLabel(), done = a_.newLabel();
        a_.mov(ecx, eax);
        a_.and_(ecx, imm(7));
        a_.cmp(ecx, imm(1));
        a_.jne(no);
        a_.cmp(byte_ptr(rax, kHeader), imm(static_cast<int>(Type::Pair)));
        a_.jmp(done);
        a_.bind(no);
        a_.cmp(ecx, imm(0xff));  // never equal: sets "not equal"
        a_.bind(done);
        return predicate(inst, next, CondCode::kE);
      }
      case Op::VectorRef:
      case Op::VectorSet:
        vector_access(inst);
        return false;
      case Op::Jump:
        jump(inst);
        return false;
      case Op::Branch:
        load(rax, args[0]);
        cmp_raw(rax, kFalse);
        branch_on(CondCode::kNE, inst);
        return false;
      case Op::Return:
        load(rax, args[0]);
        ret();
        return false;
    }
    return false;
  }

  void global(const Inst& inst) {
    Value cell = constant(inst.imm);
    a_.mov(rcx, imm(reinterpret_cast<uint64_t>(&as_cell(cell)->value)));
    if (inst.op == Op::GlobalDef) {
      load(rax, inst.args[0]);
      a_.mov(qword_ptr(rcx), rax);
      return;
    }
    Label slow = a_.newLabel(), done = a_.newLabel();
    a_.mov(rax, qword_ptr(rcx));
    cmp_raw(rax, kUnbound);
    a_.je(slow);
    if (inst.op == Op::GlobalRef) {
      store(inst.result, rax);
    } else {
      load(rax, inst.args[0]);
      a_.mov(qword_ptr(rcx), rax);
    }
    a_.bind(done);
    Label at = inst_;
    bool ref = inst.op == Op::GlobalRef;
    later([this, slow, at, cell, ref] {
      a_.bind(slow);
      a_.mov(rdi, imm(raw(cell)));
      call(reinterpret_cast<const void*>(ref ? &helper_unbound : &helper_set_unbound));
      a_.lea(rdx, ptr(at, 1));
      a_.jmp(raise_);
    });
  }

  /// rax, rcx = the operands; both fixnums -> inline, else the helper.
  void load_binary(const Inst& inst, Label slow) {
    load(rax, inst.args[0]);
    load(rcx, inst.args[1]);
    a_.mov(edx, eax);
    a_.or_(edx, ecx);
    a_.test(dl, imm(1));
    a_.jnz(slow);
  }

  void arith(const Inst& inst) {
    Label slow = a_.newLabel(), done = a_.newLabel();
    load_binary(inst, slow);
    a_.mov(rdx, rax);
    const void* helper = nullptr;
    switch (inst.op) {
      case Op::Add:
        a_.add(rdx, rcx);
        helper = reinterpret_cast<const void*>(&helper_add);
        break;
      case Op::Sub:
        a_.sub(rdx, rcx);
        helper = reinterpret_cast<const void*>(&helper_sub);
        break;
      default:
        a_.sar(rdx, 1);
        a_.imul(rdx, rcx);
        helper = reinterpret_cast<const void*>(&helper_mul);
        break;
    }
    a_.jo(slow);
    store(inst.result, rdx);
    a_.bind(done);
    slow_binary(slow, done, helper, inst.result);
  }

  /// Out of line: the generic routine `helper` on rax and rcx (the
  /// operands load_binary left there), raising on kRaise.
  void call_binary_helper(const void* helper, Label at) {
    a_.mov(rdi, rax);
    a_.mov(rsi, rcx);
    call(helper);
    inst_ = at;
    check_raise();
  }

  /// The slow path of a binary op whose result is stored: `slow` calls
  /// `helper` and continues at `done`.
  void slow_binary(Label slow, Label done, const void* helper, ValueId result) {
    Label at = inst_;
    later([this, slow, done, at, helper, result] {
      a_.bind(slow);
      call_binary_helper(helper, at);
      store(result, rax);
      a_.jmp(done);
    });
  }

  bool compare(const Inst& inst, const Inst* next) {
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
    load_binary(inst, slow);
    a_.cmp(rax, rcx);
    if (fusable(inst, next)) {
      branch_on(cc, *next);
      const Inst br = *next;
      Label at = inst_;
      later([this, slow, at, helper, br] {
        a_.bind(slow);
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
    slow_binary(slow, done, helper, inst.result);
    return false;
  }

  /// A boolean from flags `cc`, or a fused branch on them.
  bool predicate(const Inst& inst, const Inst* next, CondCode cc) {
    if (fusable(inst, next)) {
      branch_on(cc, *next);
      return true;
    }
    materialize(cc, rax);
    store(inst.result, rax);
    return false;
  }

  /// rax = an untagged, zeroed object of `bytes` (<= kSmallMax) popped off
  /// the collector's free list, with its header set; jumps to `slow` when
  /// the list is empty. Clobbers rcx, rdx.
  void allocate_small(size_t bytes, uint64_t header, Label slow) {
    a_.mov(rcx, imm(reinterpret_cast<uint64_t>(&g_small_free[gc_small_class(bytes)])));
    a_.mov(rax, qword_ptr(rcx));
    a_.test(rax, rax);
    a_.jz(slow);
    a_.mov(rdx, qword_ptr(rax));  // the next free object
    a_.mov(qword_ptr(rcx), rdx);
    a_.mov(rdx, imm(header));
    a_.mov(qword_ptr(rax), rdx);  // the header replaces the link word
  }

  /// rax = the object; jumps to `slow` unless it is a heap object of `type`.
  void check_type(Type type, Label slow) {
    a_.mov(edx, eax);
    a_.and_(edx, imm(7));
    a_.cmp(edx, imm(1));
    a_.jne(slow);
    a_.cmp(byte_ptr(rax, kHeader), imm(static_cast<int>(type)));
    a_.jne(slow);
  }

  void car_cdr(const Inst& inst) {
    bool is_car = inst.op == Op::Car;
    Label slow = a_.newLabel();
    load(rax, inst.args[0]);
    check_type(Type::Pair, slow);
    a_.mov(rax, qword_ptr(rax, is_car ? kCarOffset : kCdrOffset));
    store(inst.result, rax);
    Label at = inst_;
    later([this, slow, at, is_car] {
      a_.bind(slow);
      a_.mov(rdi, rax);
      call(reinterpret_cast<const void*>(is_car ? &helper_car_error : &helper_cdr_error));
      a_.lea(rdx, ptr(at, 1));
      a_.jmp(raise_);
    });
  }

  void vector_access(const Inst& inst) {
    bool set = inst.op == Op::VectorSet;
    Label slow = a_.newLabel(), done = a_.newLabel();
    load(rax, inst.args[0]);
    load(rcx, inst.args[1]);
    check_type(Type::Vector, slow);
    a_.test(cl, imm(1));
    a_.jnz(slow);
    a_.mov(rdx, qword_ptr(rax, kHeader));
    if (set) {
      a_.test(edx, imm(static_cast<int32_t>(Object::kImmutableBit)));
      a_.jnz(slow);
    }
    a_.shr(rdx, imm(Object::kSizeShift));
    a_.mov(rsi, rcx);
    a_.sar(rsi, 1);
    a_.cmp(rsi, rdx);
    a_.jae(slow);  // unsigned: negative indices too
    if (set) {
      load(rdx, inst.args[2]);
      a_.mov(qword_ptr(rax, rsi, 3, kVectorItems), rdx);
    } else {
      a_.mov(rax, qword_ptr(rax, rsi, 3, kVectorItems));
      store(inst.result, rax);
    }
    a_.bind(done);
    Label at = inst_;
    ValueId result = inst.result;
    ValueId value = set ? inst.args[2] : ir::kNoValue;
    later([this, slow, done, at, set, result, value] {
      a_.bind(slow);
      a_.mov(rdi, rax);
      a_.mov(rsi, rcx);
      if (set) load(rdx, value);
      call(set ? reinterpret_cast<const void*>(&helper_vector_set) : reinterpret_cast<const void*>(&helper_vector_ref));
      inst_ = at;
      check_raise();
      if (!set) store(result, rax);
      a_.jmp(done);
    });
  }

  void jump(const Inst& inst) {
    // A location: a pool register (-1 - index) or a frame slot (>= 0).
    auto where = [&](ValueId v) { return in_reg(v) ? -1 - reg_[v] : static_cast<int>(alloc_.slot[v]); };
    auto operand_of = [&](int loc) -> Operand {
      if (loc < 0) return kPool[-1 - loc];
      return fp_word(static_cast<uint32_t>(loc));
    };
    auto move = [&](int dst, int src) {
      if (dst < 0 || src < 0) {
        if (dst < 0 && src < 0)
          a_.mov(kPool[-1 - dst], kPool[-1 - src]);
        else if (dst < 0)
          a_.mov(kPool[-1 - dst], fp_word(static_cast<uint32_t>(src)));
        else
          a_.mov(fp_word(static_cast<uint32_t>(dst)), kPool[-1 - src]);
      } else {
        a_.mov(rax, fp_word(static_cast<uint32_t>(src)));
        a_.mov(fp_word(static_cast<uint32_t>(dst)), rax);
      }
    };
    (void)operand_of;
    BlockId target = inst.target[0];
    const auto& params = f_.blocks[target].params;
    std::vector<std::pair<int, int>> moves;  // (dst, src)
    for (size_t i = 0; i < params.size(); ++i) {
      if (alloc_.slot[params[i]] == UINT32_MAX) continue;  // never used
      int dst = where(params[i]), src = where(inst.args[i]);
      if (dst != src) moves.push_back({dst, src});
    }
    while (!moves.empty()) {
      bool progress = false;
      for (size_t i = 0; i < moves.size(); ++i) {
        int dst = moves[i].first;
        bool read_later = false;
        for (auto& m : moves) read_later |= m.second == dst;
        if (read_later) continue;
        move(dst, moves[i].second);
        moves.erase(moves.begin() + static_cast<long>(i));
        progress = true;
        break;
      }
      if (progress) continue;
      // Every destination is still to be read: a cycle. Park one source.
      int src = moves[0].second, parked = static_cast<int>(alloc_.scratch());
      move(parked, src);
      for (auto& m : moves)
        if (m.second == src) m.second = parked;
    }
    // Safe for space: a slot whose value dies at this jump and that no
    // parameter took over is cleared. (The entry block's arguments arrive in
    // slots; once the loop header holds them in registers, the slots would
    // otherwise keep the first arguments alive for the whole activation.)
    for (size_t i = 0; i < inst.args.size(); ++i) {
      ValueId v = inst.args[i];
      if (in_reg(v) || alloc_.end[v] != pos_) continue;
      int loc = where(v);
      bool reused = false;
      for (ValueId p : params) reused |= alloc_.slot[p] != UINT32_MAX && where(p) == loc;
      if (!reused) a_.mov(fp_word(static_cast<uint32_t>(loc)), imm(static_cast<int32_t>(raw(kFalse))));
    }
    if (target != next_) a_.jmp(block_labels_[target]);
  }

  /// rax = the result. Returns to a native caller directly; everything else
  /// (a VM caller, the boundary to C++) goes through the interpreter.
  void ret() {
    Label slow = a_.newLabel();
    a_.test(dword_ptr(kFrame, kFrameFlags), imm(kFrameBoundary));
    a_.jnz(slow);
    a_.test(dword_ptr(kFrame, kFrameFlags - kFrameSize), imm(kFrameNative));
    a_.jz(slow);
    // A caller frame shared with a captured continuation (sealed, see
    // vm/continuation.h) is unsealed by the interpreter before it runs.
    a_.cmp(kFrame, qword_ptr(kThread, kThreadSealLimit));
    a_.jbe(slow);
    a_.mov(qword_ptr(kThread, kThreadFramesTop), kFrame);
    a_.sub(kFrame, imm(kFrameSize));
    a_.mov(kFp, qword_ptr(kFrame, kFrameFp));
    a_.jmp(qword_ptr(kFrame, kFramePc));
    a_.bind(slow);
    a_.mov(qword_ptr(kThread, kThreadJitValue), rax);
    exit_with(kJitReturn);
  }

  /// A call or tail call of an unknown procedure. Native callees are
  /// entered directly; anything else is handed to the interpreter.
  void call_scheme(const Inst& inst, bool tail) {
    const auto& args = inst.args;  // args[0] is the callee
    uint32_t n = static_cast<uint32_t>(args.size() - 1);
    for (size_t i = 0; i < args.size(); ++i) {
      load(rax, args[i]);
      a_.mov(fp_word(nslots_ + static_cast<uint32_t>(i)), rax);
    }
    if (!tail) {
      // Safe for space, as in the VM: slots whose values die at this call
      // are cleared once the arguments are copied.
      // (Pool registers too: r14 and r15 survive into the callee and, being
      // callee-saved, are scanned in every C frame below it.)
      for (ValueId v : args) {
        if (alloc_.end[v] != pos_) continue;
        if (in_reg(v))
          a_.xor_(reg(v).r32(), reg(v).r32());
        else
          a_.mov(slot(v), imm(static_cast<int32_t>(raw(kFalse))));
      }
    }
    Label resume = a_.newLabel(), slow = a_.newLabel();
    if (tail) {
      for (uint32_t i = 0; i <= n; ++i) {
        a_.mov(rax, fp_word(nslots_ + i));
        a_.mov(fp_word(i), rax);
      }
      // The staged copies the move did not overwrite are cleared, as in the
      // VM (interp.cpp, clear_staging): safe for space.
      for (uint32_t i = std::max(nslots_, n + 1); i <= nslots_ + n; ++i)
        a_.mov(fp_word(i), imm(static_cast<int32_t>(raw(kFalse))));
      a_.lea(rdx, ptr(inst_, 1));
      a_.mov(qword_ptr(kFrame, kFramePc), rdx);
    } else {
      a_.lea(rdx, ptr(resume));
      a_.mov(qword_ptr(kFrame, kFramePc), rdx);
    }
    // Is the callee a closure with machine code?
    a_.mov(rax, fp_word(tail ? 0 : nslots_));
    check_type(Type::Closure, slow);
    a_.mov(r8, qword_ptr(rax, kClosureProto));
    a_.mov(r8, qword_ptr(r8, kProtoNativeEntry));
    a_.test(r8, r8);
    a_.jz(slow);
    if (tail) {
      a_.mov(esi, imm(n));
      a_.jmp(r8);
    } else {
      a_.lea(rdx, qword_ptr(kFrame, kFrameSize));
      a_.cmp(rdx, qword_ptr(kThread, kThreadFramesLimit));
      a_.jae(slow);
      a_.lea(rcx, qword_ptr(rdx, kFrameSize));
      a_.mov(qword_ptr(kThread, kThreadFramesTop), rcx);
      a_.lea(kFp, fp_word(nslots_));
      a_.mov(qword_ptr(rdx, kFrameFp), kFp);
      a_.mov(qword_ptr(rdx, kFramePc), imm(0));
      a_.mov(qword_ptr(rdx, kFrameProto), imm(0));
      a_.mov(qword_ptr(rdx, kFrameResultReg), imm(0));  // result_reg and flags
      a_.mov(kFrame, rdx);
      a_.mov(esi, imm(n));
      a_.jmp(r8);
    }
    // The interpreter makes the call; a non-tail call comes back to `resume`
    // with the result in rax, and rbx/r12 restored.
    later([this, slow, tail, n] {
      a_.bind(slow);
      a_.lea(rdx, fp_word(tail ? 0 : nslots_));
      a_.mov(qword_ptr(kThread, kThreadJitFp), rdx);
      a_.mov(dword_ptr(kThread, kThreadJitNargs), imm(n));
      exit_with(tail ? kJitTailCall : kJitCall);
    });
    if (!tail) {
      a_.bind(resume);
      set_t_sp();
      store(inst.result, rax);
    }
  }
};

/// With KILN_PERF_MAP=1, machine code is listed in /tmp/perf-PID.map so
/// that `perf report` names Scheme functions.
void perf_map_add(const void* code, uint32_t size, const Proto* p) {
  static FILE* map = [] () -> FILE* {
    const char* on = std::getenv("KILN_PERF_MAP");
    if (!on || std::string(on) != "1") return nullptr;
    return std::fopen(("/tmp/perf-" + std::to_string(getpid()) + ".map").c_str(), "a");
  }();
  if (!map) return;
  std::string where = format_srcloc(p->loc);
  std::fprintf(map, "%lx %x scheme:%s%s%s\n", reinterpret_cast<unsigned long>(code), size,
               proto_display_name(p).c_str(), where.empty() ? "" : "@", where.c_str());
  std::fflush(map);
}

}  // namespace

bool compile(Proto* p) {
  if (p->native_entry) return true;
  if (!p->ir) {
    p->jit_failed = true;
    ++g_tier.stats.rejected;
    return false;
  }
  auto started = std::chrono::steady_clock::now();
  const auto& f = *static_cast<const ir::Function*>(p->ir);
  CodeHolder code;
  code.init(jit_runtime().environment());
  Assembler a(&code);
  CodeGen gen(p, f, a);
  gen.run();
  void* entry = nullptr;
  if (jit_runtime().add(&entry, &code) != kErrorOk) {
    p->jit_failed = true;
    ++g_tier.stats.rejected;
    return false;
  }
  const auto& locs = gen.locs();
  auto* table = static_cast<PcLoc*>(gc_alloc_atomic(std::max<size_t>(1, locs.size()) * sizeof(PcLoc)));
  for (size_t i = 0; i < locs.size(); ++i)
    table[i] = {static_cast<uint32_t>(code.labelOffsetFromBase(locs[i].first)), locs[i].second};
  p->native_locs = table;
  p->num_native_locs = static_cast<uint32_t>(locs.size());
  p->native_size = static_cast<uint32_t>(code.codeSize());
  p->native_frame_size = gen.frame_size();
  p->native_entry = entry;
  perf_map_add(entry, p->native_size, p);
  // KILN_JIT_DUMP=DIR: the raw machine code of each function, for
  // `objdump -D -b binary -mi386:x86-64 DIR/NAME.bin`.
  if (const char* dir = std::getenv("KILN_JIT_DUMP")) {
    std::string path = std::string(dir) + "/" + proto_display_name(p) + ".bin";
    if (FILE* out = std::fopen(path.c_str(), "wb")) {
      std::fwrite(entry, 1, p->native_size, out);
      std::fclose(out);
    }
  }
  ++g_tier.stats.compiled;
  g_tier.stats.code_bytes += p->native_size;
  g_tier.stats.compile_ns += static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started).count());
  return true;
}

}  // namespace kiln::jit
