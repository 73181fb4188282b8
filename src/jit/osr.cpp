// On-stack replacement: entries into machine code at contified loop
// headers, for a VM activation that is running the loop.
//
// A hot loop whose header is the function's own (block 1) needs none: its
// back edge is a self tail call (interp.cpp, op_LOOP). A contified loop's
// header (ir/build.cpp) is a block in the middle of the function, so an
// activation that tiers up inside it -- mandelbrot's pixel loop, in a
// function called once -- would finish in the VM. Each such header gets an
// entry here that takes the VM's frame exactly as it is at the header:
//
//  - the VM's registers are the IR's slots (vm/emit.cpp uses
//    ir::allocate_slots of the unlowered IR as its registers), so the
//    header's live-in values are at fp[vm slot], and the back edge's
//    parallel move has put the header's parameters there too;
//  - machine code runs on the lowered IR (jit/unbox.h), whose values keep
//    their ids (new ones are appended), and keeps them in pool registers or
//    in its own (compacted) slots of the same frame: the entry moves each
//    live-in value from its VM slot to where the code keeps it, as one
//    parallel move;
//  - a value the code keeps as a raw double must be a flonum in the VM
//    (or, for the product of two unknown operands that only flonum
//    arithmetic uses, a fixnum, which the code converts as that arithmetic
//    would): all of them are checked before anything changes, and any
//    other value declines the entry (kJitOsrDeclined), leaving the frame to
//    the VM. Speculated arguments are checked as their entry guards would.
//    Constants are loaded again (the VM may have folded one into its user).
//  - the frame's record is the VM's, pushed and claimed for this Proto; the
//    entry marks it native (the "record" state, lazy_record.cpp) and jumps
//    to the header's block.
//
// An int32 shadow (jit/int_shadow.h) is not in the VM's frame: the entry
// computes it from its value there, as any path that makes one may.
//
// A speculated free variable is read once at the function's entry
// (jit/unbox.cpp), a value the VM does not have: the entry takes it from a
// free-ref of the same variable live in the VM, or from the closure if that
// is live. A header with a live-in value it cannot find gets no entry (that
// activation stays in the VM).
#include <algorithm>

#include "jit/codegen.h"
#include "jit/fixnum_guards.h"
#include "jit/helpers.h"
#include "jit/unbox.h"
#include "runtime/heap.h"

namespace kiln::jit {

void CodeGen::emit_osr_entries() {
  if (!vm_ir_) return;
  const ir::Function& vm = *vm_ir_;
  // The headers the VM's back edges name (vm/emit.cpp: a Jump to a block
  // laid out at or before its own), but block 1 of a function without a
  // rest list, whose back edge is a self tail call. Found from the VM's
  // block layout alone: most functions have none, and for them the VM's
  // whole slot allocation (below) would be a tenth of their compile time.
  std::vector<BlockId> vm_order;
  std::vector<uint32_t> vm_layout_index;
  ir::layout_blocks(vm, &vm_order, &vm_layout_index);
  std::vector<bool> header(vm.blocks.size(), false);
  bool any = false;
  for (uint32_t li = 0; li < vm_order.size(); ++li) {
    const Inst& t = vm.blocks[vm_order[li]].insts.back();
    if (t.op != Op::Jump || vm_layout_index[t.target[0]] > li) continue;
    if (t.target[0] == 1 && !vm.rest) continue;
    header[t.target[0]] = true;
    any = true;
  }
  if (!any) return;
  ir::SlotAllocation vm_alloc = ir::allocate_slots(vm);  // the VM's registers
  std::vector<bool> self = running_closure_values(vm);
  std::vector<const Inst*> vm_free_ref(vm.num_values, nullptr);  // value -> the free-ref of self defining it
  for (const ir::Block& b : vm.blocks)
    for (const Inst& inst : b.insts)
      if (inst.op == Op::FreeRef && self[inst.args[0]]) vm_free_ref[inst.result] = &inst;
  auto const_def = [&](ValueId v) -> const Inst* {
    const Inst* d = def_[v];
    return d && d->op == Op::Const ? d : nullptr;
  };
  // Past a fixnum guard, an add that a branch on x < n keeps in range
  // relies on n being a fixnum (fixnum_facts.h): an entry at h must check
  // every such n of the adds it may run, which it can only if it brings n
  // (checked below), or if n is made after h. Else there is no entry at h:
  // an activation the VM began with a bignum n, before the function was
  // compiled, would overflow. relied_bounds(h): the n that h must bring.
  bool fixnum_guarded = guarded_fixnum_arguments(f_) != 0;
  std::vector<BlockId> param_block;
  if (fixnum_guarded) {
    param_block.assign(f_.num_values, kNoBlock);
    for (BlockId b = 0; b < f_.blocks.size(); ++b)
      for (ValueId p : f_.blocks[b].params) param_block[p] = b;
  }
  auto dominated_by = [&](BlockId b, BlockId h) {
    for (BlockId d = b; d != kNoBlock; d = d == 0 ? kNoBlock : fixnum_facts_.idom[d])
      if (d == h) return true;
    return false;
  };
  auto relied_bounds = [&](BlockId h) {
    std::vector<ValueId> bounds;
    std::vector<bool> reached(f_.blocks.size(), false);
    std::vector<BlockId> work = {h};
    reached[h] = true;
    while (!work.empty()) {
      BlockId b = work.back();
      work.pop_back();
      for (const Inst& inst : f_.blocks[b].insts) {
        if (inst.op != Op::Add && inst.op != Op::Sub) continue;
        ValueId n = inst.result == ir::kNoValue ? ir::kNoValue : fixnum_facts_.bound[inst.result];
        // (A small n, or a constant, is one on the VM too.)
        if (n == ir::kNoValue || !fixnum_facts_.fixnum[n] || (def_[n] && def_[n]->op == Op::Const)) continue;
        BlockId made = def_[n] ? block_of(def_[n]) : param_block[n];
        if (made == h || !dominated_by(made, h)) bounds.push_back(n);
      }
      for (BlockId s : ir::successors(f_.blocks[b]))
        if (!reached[s]) {
          reached[s] = true;
          work.push_back(s);
        }
    }
    return bounds;
  };
  for (BlockId h = 0; h < header.size(); ++h) {
    if (!header[h] || alloc_.layout_index[h] == UINT32_MAX || single_pred(h) != kNoBlock) continue;
    // Where each live-in value comes from.
    enum class From { Slot, Unbox, UnboxOrFixnum, Const, UnboxConst, Shadow };
    struct Input {
      ValueId v;
      From from;
      uint32_t slot;  // the VM's register (Slot, Unbox*) or constant index
      int32_t free = -1;  // >= 0: free variable `free` of the closure in `slot`
    };
    // A speculated free variable's entry read (unbox.cpp) has no VM value of
    // its own: a free-ref of the same variable that is live here in the VM
    // has its value, or the closure, if that is live, has it.
    auto free_source = [&](const Inst& read, Input* in) {
      for (ValueId r : vm_alloc.live_in_of(h))
        if (vm_free_ref[r] && vm_free_ref[r]->imm == read.imm) {
          in->slot = vm_alloc.slot[r];
          return;
        }
      for (ValueId c : vm_alloc.live_in_of(h))
        if (self[c]) {
          in->slot = vm_alloc.slot[c];
          in->free = static_cast<int32_t>(read.imm);
          return;
        }
    };
    auto entry_read = [&](ValueId x) -> const Inst* {
      const Inst* d = x < def_.size() ? def_[x] : nullptr;
      return x >= vm.num_values && d && d->op == Op::FreeRef ? d : nullptr;
    };
    std::vector<Input> inputs;
    bool mappable = true;
    std::vector<ValueId> values;
    for (ValueId p : f_.blocks[h].params) values.push_back(p);
    for (ValueId v : alloc_.live_in_of(h)) values.push_back(v);
    for (ValueId v : values) {
      if (alloc_.slot[v] == UINT32_MAX || alloc_.uses[v] == 0 || unneeded_[v]) continue;
      const Inst* d = def_[v];
      auto vm_slot = [&](ValueId x) { return x < vm.num_values ? vm_alloc.slot[x] : UINT32_MAX; };
      Input in{v, From::Slot, UINT32_MAX};
      if (const Inst* c = const_def(v)) {
        in = {v, From::Const, c->imm};
      } else if (d && d->op == Op::FlUnbox && const_def(d->args[0])) {
        in = {v, From::UnboxConst, const_def(d->args[0])->imm};
      } else if (v < f_.shadow_of.size() && f_.shadow_of[v] < vm.num_values) {
        // An int32 shadow (jit/int_shadow.h): made from its value, which
        // the VM has here (a parameter, put in place by the back edge, or
        // live through the header).
        ValueId t = f_.shadow_of[v];
        const auto& params = vm.blocks[h].params;
        bool there = vm_alloc.live_in(h, t) || std::find(params.begin(), params.end(), t) != params.end();
        in = {v, From::Shadow, there ? vm_slot(t) : UINT32_MAX};
      } else if (v < vm.num_values) {
        in.slot = vm_slot(v);
        if (is_raw(v)) {
          // The product of two unknown operands (unbox.cpp, "Raw too") is
          // whatever number the VM computed; every other raw value is a
          // flonum there.
          auto flonum_operand = [&](ValueId a) {
            const Inst* c = const_def(a);
            return is_raw(a) || (c && is_flonum(constant(c->imm)));
          };
          bool product = d && (d->op == Op::Add || d->op == Op::Sub || d->op == Op::Mul) &&
                         !flonum_operand(d->args[0]) && !flonum_operand(d->args[1]);
          in.from = product ? From::UnboxOrFixnum : From::Unbox;
        }
      } else if (const Inst* read = entry_read(v)) {
        free_source(*read, &in);
      } else if (d && d->op == Op::FlBox && !is_raw(v)) {
        in.slot = vm_slot(d->args[0]);  // a boxed twin: the VM's value itself
      } else if (d && (d->op == Op::FlGuard || d->op == Op::FlUnbox)) {
        in.slot = vm_slot(d->args[0]);  // a speculated argument, or an unboxed one
        in.from = From::Unbox;
        if (const Inst* read = entry_read(d->args[0])) free_source(*read, &in);
      }
      if ((in.from != From::Const && in.from != From::UnboxConst && in.slot == UINT32_MAX)) {
        mappable = false;
        break;
      }
      inputs.push_back(in);
    }
    if (mappable && fixnum_guarded)
      for (ValueId n : relied_bounds(h))
        mappable &= std::any_of(inputs.begin(), inputs.end(),
                                [&](const Input& in) { return in.from == From::Slot && in.v == n; });
    if (!mappable) continue;

    Label entry = a_.newLabel(), decline = a_.newLabel();
    osr_entries_.push_back({h, entry});
    lazy_here_ = false;
    pos_ = alloc_.block_start[h];
    if (a_.logger()) a_.comment(("; OSR entry at block b" + std::to_string(h)).c_str());
    a_.bind(entry);
    // Checks first: nothing changes until the code is sure to run.
    a_.lea(rax, qword_ptr(kFp, static_cast<int32_t>(8 * frame_size_)));
    a_.cmp(rax, qword_ptr(kThread, kThreadStackLimit));
    a_.ja(decline);
    auto load_source = [&](const Input& in) {
      a_.mov(rax, fp_word(in.slot));
      if (in.free >= 0) a_.mov(rax, qword_ptr(rax, kClosureFree + 8 * in.free));
    };
    for (const Input& in : inputs) {
      if (in.from != From::Unbox && in.from != From::UnboxOrFixnum) continue;
      load_source(in);
      if (in.from == From::UnboxOrFixnum) {
        Label ok = a_.newLabel();
        a_.test(al, imm(1));
        a_.jz(ok);
        check_type(Type::Flonum, decline);
        a_.bind(ok);
      } else {
        check_type(Type::Flonum, decline);
      }
    }
    // Arguments speculated to be fixnums (jit/fixnum_guards.h), and what
    // the code derived from them, are fixnums only past the entry header's
    // guard, which this entry skips: the VM's values must be.
    if (fixnum_guarded)
      for (const Input& in : inputs) {
        if (in.from != From::Slot || !fixnum_facts_.fixnum[in.v]) continue;
        load_source(in);
        a_.test(al, imm(1));
        a_.jnz(decline);
      }
    // A function that trusts its shadows (jit/shadow_trust.h) does not,
    // from now on, if the VM hands it a value beyond int32 where one is
    // made (no pool register is in use yet).
    if (trust_shadows_)
      for (const Input& in : inputs) {
        if (in.from != From::Shadow) continue;
        if (in.slot == UINT32_MAX || in.free >= 0) {
          emit_shadows_broken();
          continue;
        }
        load_source(in);
        check_shadow_source(rax, rcx);
      }
    // Claim the record for machine code (the VM's proto is this Proto).
    a_.mov(rcx, imm(reinterpret_cast<uint64_t>(p_)));
    a_.mov(qword_ptr(kFrame, kFrameProto), rcx);
    a_.or_(dword_ptr(kFrame, kFrameFlags), imm(kFrameNative));
    // The values, as the VM has them, into the code's locations: free
    // variables and shadows read first and kept on the machine stack while
    // the parallel move may overwrite the slot they come from.
    for (const Input& in : inputs)
      if (in.free >= 0 || in.from == From::Shadow) {
        load_source(in);
        if (in.from == From::Shadow) a_.sar(rax, 1);
        a_.push(rax);
      }
    std::vector<std::pair<int, int>> moves;
    for (const Input& in : inputs)
      if (in.from != From::Const && in.from != From::UnboxConst && in.from != From::Shadow && in.free < 0 &&
          where(in.v) != static_cast<int>(in.slot))
        moves.push_back({where(in.v), static_cast<int>(in.slot)});
    parallel_move(std::move(moves));
    for (size_t i = inputs.size(); i-- > 0;)
      if (inputs[i].free >= 0 || inputs[i].from == From::Shadow) {
        a_.pop(rax);
        store(inputs[i].v, rax);
      }
    // Then in place: doubles out of their boxes, constants loaded.
    for (const Input& in : inputs) {
      switch (in.from) {
        case From::Slot:
        case From::Shadow:
          continue;
        case From::Unbox:
          load(rax, in.v);
          a_.mov(rax, qword_ptr(rax, kFlonumValue));
          break;
        case From::UnboxOrFixnum:
          load(rax, in.v);
          to_double(rax, xmm0, decline, false);  // (checked above: never fails)
          a_.movq(rax, xmm0);
          break;
        case From::Const:
        case From::UnboxConst: {
          load_constant(rax, in.slot);
          if (in.from == From::UnboxConst) a_.mov(rax, qword_ptr(rax, kFlonumValue));
          break;
        }
      }
      store(in.v, rax);
    }
    // Safe for space: the frame's other words hold the VM's values, dead
    // here or kept elsewhere now; clear them as the prologue clears its
    // slots (the closure's slot aside, as jump() leaves it).
    std::vector<bool> kept(frame_size_, false);
    for (const Input& in : inputs)
      if (!in_reg(in.v)) kept[alloc_.slot[in.v]] = true;
    for (uint32_t s = 1; s < frame_size_; ++s)
      if (!kept[s]) a_.mov(fp_word(s), imm(0));
    a_.jmp(block_labels_[h]);
    a_.bind(decline);
    a_.mov(eax, imm(kJitOsrDeclined));
    a_.jmp(exit_);
  }
}

}  // namespace kiln::jit
