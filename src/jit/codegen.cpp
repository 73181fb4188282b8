// IR -> x86-64: the driver. See jit.h for the model, jit/README.md for the
// frame layout and codegen.h for how the generator is split. Every IR value
// has a home slot in the frame (ir/regalloc) and, if the linear scan finds
// one, a pool register; an instruction loads its operands into scratch
// registers, computes, and stores its result, with fixnum, pair and vector
// fast paths inline and everything else in out-of-line slow paths that call
// jit/helpers.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "jit/codegen.h"
#include "jit/fixnum_guards.h"
#include "jit/shared_paths.h"
#include "jit/helpers.h"
#include "jit/jit.h"
#include "jit/raw_returns.h"
#include "jit/raw_self_calls.h"
#include "jit/symbols.h"
#include "jit/unbox.h"
#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/tier.h"

namespace kiln::jit {

void CodeGen::run() {
  def_ = ir::definitions(f_);
  alloc_ = ir::allocate_slots(f_);
  nslots_ = alloc_.nslots;
  // A constant every use of which takes it as an immediate needs no code.
  std::vector<uint32_t> immediate_uses(f_.num_values, 0);
  for (const ir::Block& b : f_.blocks)
    for (const Inst& inst : b.insts) {
      int32_t k;
      bool raw_operand = is_compare(inst.op) && (is_raw(inst.args[0]) || is_raw(inst.args[1]));
      bool fixnum_op = (is_arith(inst.op) && !is_raw(inst.result)) || (is_compare(inst.op) && !raw_operand);
      if (fixnum_op && inst.args[0] != inst.args[1] && fixnum_immediate(inst.args[1], &k))
        ++immediate_uses[inst.args[1]];
      if (fixnum_op && constant_first(inst)) ++immediate_uses[inst.args[0]];
      if (inst.op == Op::CallPrim && !is_raw(inst.result) && power_of_two_divisor(inst))
        ++immediate_uses[inst.args[1]];
      // The constants of a record primitive (its type, field index and
      // procedure name), and a global's value that an identity test
      // compares with: read where needed, the type from the code's data.
      if (inst.op == Op::CallPrim && record_type_constant(inst) != ir::kNoValue)
        for (ValueId a : inst.args)
          if (constant_value(a) != kUnbound) ++immediate_uses[a];
      if (ValueId g = constant_identity_test(inst); g != ir::kNoValue)
        ++immediate_uses[inst.args[inst.args[0] == g ? 1 : 0]];
      // A constant callee: stored, if at all, from the code's data.
      if ((inst.op == Op::Call || inst.op == Op::TailCall) && constant_callee(inst)) ++immediate_uses[inst.args[0]];
      // A float instruction takes a number constant as its double's bits
      // (load_double).
      bool float_op = ((is_arith(inst.op) || inst.op == Op::CallPrim) && is_raw(inst.result)) || raw_operand;
      if (float_op)
        for (ValueId a : inst.args)
          if (Value c = constant_value(a); is_flonum(c) || c.is_fixnum()) ++immediate_uses[a];
      // A return loads an immediate straight into rax (a base case's
      // `0` or `'()` costs one instruction, not three).
      if (inst.op == Op::Return && constant_value(inst.args[0]) != kUnbound &&
          !constant_value(inst.args[0]).is_heap())
        ++immediate_uses[inst.args[0]];
    }
  unneeded_.assign(f_.num_values, false);
  for (ValueId v = 0; v < f_.num_values; ++v)
    unneeded_[v] = immediate_uses[v] > 0 && immediate_uses[v] == alloc_.uses[v];
  running_closure_ = running_closure_values(f_);
  reads_closure_ = compute_reads_closure();
  find_identity_tests();
  dead_ = passed_on_only();
  assign_registers();
  compact_slots();
  plan_lazy_record();
  uint32_t outgoing = 0;
  for (const ir::Block& b : f_.blocks)
    for (const Inst& inst : b.insts)
      if (inst.op == Op::Call || inst.op == Op::TailCall || inst.op == Op::CallPrim)
        outgoing = std::max<uint32_t>(outgoing, static_cast<uint32_t>(inst.args.size()));
      else if (inst.op == Op::FlGuard)  // an element guard stages its restart there
        outgoing = std::max<uint32_t>(outgoing, static_cast<uint32_t>(inst.args.size() - 1));
      else if (size_t r = restart_values(inst))  // and a fixnum guard, or an add that may overflow
        outgoing = std::max<uint32_t>(outgoing, static_cast<uint32_t>(inst.args.size() - r));
  frame_size_ = nslots_ + outgoing;

  block_labels_.resize(f_.blocks.size());
  for (auto& l : block_labels_) l = a_.newLabel();
  raise_ = a_.newLabel();
  raise_keep_pc_ = a_.newLabel();
  checked_entry_ = a_.newLabel();
  claimed_entry_ = a_.newLabel();
  raw_entry_ = a_.newLabel();
  lazy_entry_label_ = a_.newLabel();
  exit_ = a_.newLabel();
  plan_callcc_landings();
  passed_raw_.assign(f_.num_values, false);
  for (const ir::Block& b : f_.blocks)
    for (const Inst& inst : b.insts)
      if (raw_call(inst))
        for (uint32_t i : raw_argument_indices(f_)) passed_raw_[inst.args[i]] = true;
  plan_shadow_trust();

  init_facts();
  pos_ = 0;  // nothing lives in registers yet
  // Comments only reach a listing ((disassemble f)); they emit no code.
  if (a_.logger()) a_.comment("; entry: arity and stack checks, claim the frame");
  prologue();
  // A loop header: some block laid out at or after it jumps to it.
  std::vector<bool> header(f_.blocks.size(), false);
  for (BlockId p : alloc_.order)
    for (BlockId s : ir::successors(f_.blocks[p]))
      if (alloc_.layout_index[p] >= alloc_.layout_index[s]) header[s] = true;
  // The blocks' code in layout order, cold blocks last. Only where the
  // code goes changes: every value has one place for its whole interval,
  // and intervals follow the layout (so a value a cold block reads does
  // not live on to the function's end, keeping a dead object in a slot).
  std::vector<BlockId> order;
  order.reserve(alloc_.order.size());
  for (int cold = 0; cold < 2; ++cold)
    for (BlockId b : alloc_.order)
      if (f_.blocks[b].cold == (cold == 1)) order.push_back(b);
  for (uint32_t li = 0; li < order.size(); ++li) {
    BlockId b = order[li];
    if (a_.logger()) a_.comment(("; block b" + std::to_string(b)).c_str());
    if (header[b]) align_hot();
    a_.bind(block_labels_[b]);
    lazy_here_ = lazy_block_[b];
    cold_here_ = f_.blocks[b].cold;
    if (needs_record_[b]) push_record_if_lazy(b);
    next_ = li + 1 < order.size() ? order[li + 1] : UINT32_MAX;
    const auto& insts = f_.blocks[b].insts;
    begin_block_facts(b);
    for (size_t i = 0; i < insts.size(); ++i) {
      const Inst* following = i + 1 < insts.size() ? &insts[i + 1] : nullptr;
      pos_ = alloc_.position(b, i);
      if (a_.logger()) a_.comment(("; " + ir::dump_inst(insts[i], &f_)).c_str());
      if (emit(insts[i], following)) {  // the branch was fused into the compare
        ++i;
        if (a_.logger()) a_.comment(("; (fused into the above) " + ir::dump_inst(insts[i], &f_)).c_str());
      }
    }
    end_block_facts(b);
  }
  lazy_here_ = false;
  begin_block_facts(kNoBlock);  // slow paths assume nothing
  emit_osr_entries();
  emit_raw_entry();
  if (a_.logger()) a_.comment("; out of line: slow paths");
  // Out-of-line code may queue more (a flonum box's allocation miss, a
  // direct foreign call's generic path, itself a call with a slow path), so
  // iterate by index, taking each out of the vector that may grow.
  for (size_t i = 0; i < slow_paths_.size(); ++i) {
    SlowPath slow = std::move(slow_paths_[i]);
    pos_ = slow.pos;
    lazy_here_ = slow.lazy;
    slow.emit();
  }
  if (a_.logger()) a_.comment("; exits to the interpreter");
  common_exits();
}

void CodeGen::clear_dead_slots(const Inst& inst) {
  // Not the arguments: a failed flonum guard restarts the function from
  // them (and a jump clears them once the loop header has them).
  const auto& arguments = f_.blocks[0].params;
  for (size_t i = 0; i < inst.args.size(); ++i) {
    ValueId v = inst.args[i];
    if (v == ir::kNoValue || in_reg(v) || alloc_.end[v] != pos_ || alloc_.slot[v] == UINT32_MAX) continue;
    // (A constant keeps nothing alive that the code's constants do not.)
    if (def_[v] && def_[v]->op == Op::Const) continue;
    if (std::find(arguments.begin(), arguments.end(), v) != arguments.end() ||
        std::find(inst.args.begin(), inst.args.begin() + i, v) != inst.args.begin() + i)
      continue;
    // (The result may have taken the slot over.)
    if (inst.result != ir::kNoValue && !in_reg(inst.result) && alloc_.slot[inst.result] == alloc_.slot[v]) continue;
    a_.mov(slot(v), imm(static_cast<int32_t>(raw(kFalse))));
  }
}

std::vector<bool> CodeGen::passed_on_only() const {
  // The greatest fixed point: every block parameter but the entry's
  // (arguments, pinned to their slots) starts out dead.
  std::vector<bool> dead(f_.num_values, false);
  for (BlockId b = 1; b < f_.blocks.size(); ++b)
    for (ValueId p : f_.blocks[b].params) dead[p] = true;
  for (bool changed = true; changed;) {
    changed = false;
    auto read = [&](ValueId v) {
      if (dead[v]) changed = true;
      dead[v] = false;
    };
    for (const ir::Block& b : f_.blocks)
      for (const Inst& inst : b.insts) {
        if (inst.op == Op::Jump) {
          const auto& params = f_.blocks[inst.target[0]].params;
          for (size_t i = 0; i < inst.args.size(); ++i)
            if (i >= params.size() || !dead[params[i]]) read(inst.args[i]);
        } else if (self_identity_test(inst) != ir::kNoValue && !reads_closure_) {
          read(self_identity_test(inst));  // the global, not the closure
        } else if (restart_values(inst) && !reads_closure_) {
          // Its restart passes the closure on only where the code reads it
          // (restart_without_speculation).
          for (size_t i = 0; i < inst.args.size(); ++i)
            if (i != restart_values(inst)) read(inst.args[i]);
        } else {
          for (ValueId a : inst.args) read(a);
        }
      }
  }
  return dead;
}

void CodeGen::assign_registers() {
  reg_.assign(f_.num_values, -1);
  std::vector<int> calls;
  for (BlockId b : alloc_.order) {
    const auto& insts = f_.blocks[b].insts;
    for (size_t i = 0; i < insts.size(); ++i)
      // (A call/cc's continuation is resumed like a call's return.)
      if (insts[i].op == Op::Call || insts[i].op == Op::CallCC) calls.push_back(alloc_.position(b, i));
  }
  // A value and the block parameter it is jumped into hope to share a
  // register, both ways: the hints of v are hint_values[hint_start[v] ..
  // hint_start[v + 1]] (two arrays, not a vector per value, which were a
  // good part of a compilation's allocations).
  std::vector<uint32_t> hint_start(f_.num_values + 1, 0);
  auto for_each_jump_arg = [&](auto fn) {
    for (BlockId b : alloc_.order) {
      const Inst& t = f_.blocks[b].insts.back();
      if (t.op != Op::Jump) continue;
      const auto& params = f_.blocks[t.target[0]].params;
      for (size_t i = 0; i < params.size(); ++i) fn(params[i], t.args[i]);
    }
  };
  for_each_jump_arg([&](ValueId param, ValueId arg) {
    ++hint_start[param + 1];
    ++hint_start[arg + 1];
  });
  for (size_t v = 0; v < f_.num_values; ++v) hint_start[v + 1] += hint_start[v];
  std::vector<ValueId> hint_values(hint_start.back());
  std::vector<uint32_t> hint_fill(hint_start.begin(), hint_start.end() - 1);
  for_each_jump_arg([&](ValueId param, ValueId arg) {
    hint_values[hint_fill[param]++] = arg;
    hint_values[hint_fill[arg]++] = param;
  });
  auto hints = [&](ValueId v) {
    struct Range {
      const ValueId *b, *e;
      const ValueId* begin() const { return b; }
      const ValueId* end() const { return e; }
    };
    return Range{hint_values.data() + hint_start[v], hint_values.data() + hint_start[v + 1]};
  };
  std::vector<ValueId> values;
  values.reserve(f_.num_values);
  // (`calls` is in increasing order: positions grow along the layout.)
  for (ValueId v = 0; v < f_.num_values; ++v) {
    if (alloc_.start[v] > alloc_.end[v] || alloc_.slot[v] == UINT32_MAX || dead_[v]) continue;
    bool entry = std::find(f_.blocks[0].params.begin(), f_.blocks[0].params.end(), v) != f_.blocks[0].params.end();
    auto next_call = std::upper_bound(calls.begin(), calls.end(), alloc_.start[v]);
    bool across_call = next_call != calls.end() && *next_call < alloc_.end[v];
    if (!entry && !across_call) values.push_back(v);
  }
  std::stable_sort(values.begin(), values.end(),
                   [&](ValueId a, ValueId b) { return alloc_.start[a] < alloc_.start[b]; });
  // Each pool is its own linear scan: raw doubles take xmm registers, all
  // else the general ones. reg_ numbers the xmm pool after the other.
  std::vector<uint64_t> weight;  // made when a pool first runs out
  auto scan = [&](bool raw_class, int base, int size) {
    std::vector<ValueId> owner(size, ir::kNoValue), last(size, ir::kNoValue);
    for (ValueId v : values) {
      if (is_raw(v) != raw_class) continue;
      // A call's result may take the register of a value the call reads
      // last: every path of a call reads its operands before it writes
      // its result (the loop's `(loop (f x))` then needs no move). So may
      // a car's or cdr's: its one load is the last read of the pair, and
      // its error path leaves before it (`(loop (cdr l))` needs no move).
      bool reads_first = def_[v] && (def_[v]->op == Op::Call || def_[v]->op == Op::Car || def_[v]->op == Op::Cdr);
      for (int r = 0; r < size; ++r)
        if (owner[r] != ir::kNoValue &&
            (alloc_.end[owner[r]] < alloc_.start[v] || (reads_first && alloc_.end[owner[r]] == alloc_.start[v])))
          owner[r] = ir::kNoValue;
      int chosen = -1;
      for (ValueId h : hints(v))
        if (reg_[h] >= base && reg_[h] < base + size && owner[reg_[h] - base] == ir::kNoValue) {
          chosen = reg_[h] - base;
          break;
        }
      // Else a free register no later value hopes to share with its last
      // owner (passed to that block parameter, or passed it): a call's
      // result must not take the register its jump's other argument, the
      // result's int32 shadow (int_shadow.h), could share with its
      // parameter, or the jump swaps them.
      auto awaited = [&](int r) {
        if (last[r] == ir::kNoValue) return false;
        for (ValueId h : hints(last[r]))
          if (h != v && reg_[h] < 0 && alloc_.start[h] > alloc_.start[v]) return true;
        return false;
      };
      for (int r = 0; r < size && chosen < 0; ++r)
        if (owner[r] == ir::kNoValue && !awaited(r)) chosen = r;
      for (int r = 0; r < size && chosen < 0; ++r)
        if (owner[r] == ir::kNoValue) chosen = r;
      if (chosen < 0) {
        // The pool is full: the value least worth a register goes to its
        // slot, this one or a register's owner (Poletto and Sarkar's
        // linear scan, with a spill cost): uses weighted by loop depth,
        // and among equals the interval that ends last. A value live
        // through a loop but used only outside it must not keep its
        // register from the short-lived values inside, each of which would
        // make a store and a reload per pass.
        if (weight.empty()) weight = spill_weights();
        auto worse = [&](ValueId a, ValueId b) {
          return weight[a] != weight[b] ? weight[a] < weight[b] : alloc_.end[a] > alloc_.end[b];
        };
        int victim = 0;
        for (int r = 1; r < size; ++r)
          if (worse(owner[r], owner[victim])) victim = r;
        if (!worse(owner[victim], v)) continue;
        reg_[owner[victim]] = -1;
        chosen = victim;
      }
      owner[chosen] = last[chosen] = v;
      reg_[v] = base + chosen;
    }
  };
  scan(false, 0, kPoolSize);
  scan(true, kPoolSize, kXmmPoolSize);
  // (A counting sort of `values`, which is in order of start.)
  std::fill(std::begin(reg_values_start_), std::end(reg_values_start_), 0);
  for (ValueId v : values)
    if (reg_[v] >= 0) ++reg_values_start_[reg_[v] + 1];
  for (int r = 0; r < kPoolSize + kXmmPoolSize; ++r) reg_values_start_[r + 1] += reg_values_start_[r];
  reg_values_.resize(reg_values_start_[kPoolSize + kXmmPoolSize]);
  uint32_t fill[kPoolSize + kXmmPoolSize];
  std::copy(reg_values_start_, reg_values_start_ + kPoolSize + kXmmPoolSize, fill);
  for (ValueId v : values)
    if (reg_[v] >= 0) reg_values_[fill[reg_[v]]++] = v;
}

std::vector<uint64_t> CodeGen::spill_weights() const {
  // Loop depth from the layout: a jump back to a block laid out at or
  // before its source encloses the blocks laid out between them (loops are
  // contiguous in ir::layout_blocks' order; an approximation otherwise,
  // which only makes a spill choice worse).
  size_t n = alloc_.order.size();
  std::vector<uint32_t> depth(n + 1, 0);  // a difference array over layout indices
  for (BlockId p : alloc_.order)
    for (BlockId s : ir::successors(f_.blocks[p]))
      if (alloc_.layout_index[p] >= alloc_.layout_index[s]) {
        ++depth[alloc_.layout_index[s]];
        --depth[alloc_.layout_index[p] + 1];
      }
  std::vector<uint64_t> weight(f_.num_values, 0);
  uint32_t d = 0;
  for (size_t li = 0; li < n; ++li) {
    d += depth[li];
    uint64_t w = uint64_t{1} << (3 * std::min<uint32_t>(d, 6));  // 8 per level
    const ir::Block& block = f_.blocks[alloc_.order[li]];
    for (ValueId p : block.params) weight[p] += w;
    for (const Inst& inst : block.insts) {
      if (inst.result != ir::kNoValue) weight[inst.result] += w;
      for (ValueId a : inst.args)
        if (a != ir::kNoValue) weight[a] += w;
    }
  }
  return weight;
}

void CodeGen::compact_slots() {
  // Keep: the calling convention's slots (self, the arguments, the rest
  // list) and every slot some memory-resident value lives in (not the
  // allocator's scratch slot: parallel moves park in a register). Register
  // values keep a slot number (UINT32_MAX means "never used" to the
  // emitters) but never touch it.
  uint32_t pinned = static_cast<uint32_t>(f_.blocks[0].params.size());
  std::vector<bool> needed(nslots_, false);
  for (uint32_t s = 0; s < pinned && s < nslots_; ++s) needed[s] = true;
  for (ValueId v = 0; v < f_.num_values; ++v)
    if (alloc_.slot[v] != UINT32_MAX && !in_reg(v) && alloc_.start[v] <= alloc_.end[v]) needed[alloc_.slot[v]] = true;
  std::vector<uint32_t> renumber(nslots_, 0);
  uint32_t n = 0;
  for (uint32_t s = 0; s < nslots_; ++s)
    if (needed[s]) renumber[s] = n++;
  for (ValueId v = 0; v < f_.num_values; ++v)
    if (alloc_.slot[v] != UINT32_MAX) alloc_.slot[v] = renumber[alloc_.slot[v]];
  alloc_.nslots = nslots_ = n;
}

void CodeGen::prologue() {
  // On entry esi holds the argument count (jit.h). Checks come before the
  // frame record is claimed, so a failing call reports its call site as
  // the VM does: a freshly pushed record (proto still null) is popped.
  Label fail = a_.newLabel();
  auto arity_check = [&](Label failed) {
    a_.cmp(esi, imm(f_.nreq));
    if (f_.rest)
      a_.jb(failed);
    else
      a_.jne(failed);
  };
  auto stack_check = [&](Label failed) {
    if (frame_size_ <= kSmallFrameValues) {
      a_.cmp(kFp, qword_ptr(kThread, kThreadSmallFrameFpLimit));  // runtime/thread.h
    } else {
      a_.lea(rax, qword_ptr(kFp, static_cast<int32_t>(8 * frame_size_)));
      a_.cmp(rax, qword_ptr(kThread, kThreadStackLimit));
    }
    a_.ja(failed);
  };
  size_t checks_start = a_.offset();
  arity_check(fail);
  a_.bind(checked_entry_);  // direct self tail calls enter here (emit_calls.cpp)
  Label overflow = a_.newLabel();
  stack_check(overflow);
  size_t checks_size = a_.offset() - checks_start;  // the lazy entry's too
  a_.mov(rcx, imm(reinterpret_cast<uint64_t>(p_)));
  a_.mov(qword_ptr(kFrame, kFrameProto), rcx);
  a_.or_(dword_ptr(kFrame, kFrameFlags), imm(kFrameNative));
  if (f_.rest) {
    // No argument beyond the required ones (map's usual call): the rest
    // list is () with no call.
    Label build = a_.newLabel(), built = a_.newLabel();
    a_.cmp(esi, imm(f_.nreq));
    a_.jne(build);
    a_.mov(fp_word(f_.nreq + 1), imm(static_cast<int32_t>(raw(kNil))));
    a_.jmp(built);
    a_.bind(build);
    a_.mov(rdi, kThread);
    a_.mov(rdx, rsi);
    a_.mov(rsi, kFp);
    a_.mov(ecx, imm(f_.nreq));
    call(reinterpret_cast<const void*>(&helper_build_rest));
    a_.bind(built);
  }
  // Safe for space: the frame's slots beyond the arguments still hold
  // whatever earlier frames left there, and machine code may never write
  // some of them (its values live in registers), so a stale pointer could
  // stay visible to the collector for the whole activation. They are
  // cleared to fixnum zero once the frame is claimed: here, or, entered
  // lazily, when the record is pushed (lazy_record.cpp), since until then
  // nothing sees the frame and a leaf never pushes one.
  // (Not those the first instructions write before any collection.)
  clear_slots(1 + f_.nreq + (f_.rest ? 1 : 0), alloc_.order.empty() ? std::vector<bool>{} : written_first(alloc_.order[0]),
              false);
  // Calls from machine code enter here with no record for this frame
  // (lazy_record.cpp): the stack checks include room for the record the
  // function may push, and a failing call leaves nothing to pop.
  Label lazy_fail = a_.newLabel(), lazy_overflow = a_.newLabel();
  if (lazy_entry_) {
    a_.jmp(claimed_entry_);
    // The lazy entry falls through into the body's aligned entry: padded
    // before (where nothing runs), not after, so that no call runs no-ops.
    // Its checks encode as the native entry's did (labels unbound alike).
    size_t end = a_.offset() + checks_size;
    if (size_t pad = (kHotAlign - end % kHotAlign) % kHotAlign) a_.embedUInt8(0xCC, pad);  // int3
    a_.bind(lazy_entry_label_);
    arity_check(lazy_fail);
    stack_check(lazy_overflow);  // (the frame stack has room: runtime.cpp)
  }
  // Direct self calls enter here, having checked the stacks. (Thread::sp
  // is not stored: the frame record bounds the stack, see live_stack_top.)
  align_hot();
  a_.bind(claimed_entry_);
  claimed_entry_offset_ = a_.offset();
  // The failures' paths are the same in every function (shared_paths.h).
  later([this, fail, overflow, lazy_fail, lazy_overflow] {
    const SharedPaths& shared = shared_paths();
    a_.bind(fail);
    jump_to(shared.arity_error);
    a_.bind(overflow);
    jump_to(shared.stack_overflow);
    if (!lazy_entry_) return;
    a_.bind(lazy_fail);
    jump_to(shared.lazy_arity_error);
    a_.bind(lazy_overflow);
    jump_to(shared.lazy_stack_overflow);
  });
}

void CodeGen::jump_to(const void* code) {
  a_.mov(rcx, imm(reinterpret_cast<uint64_t>(code)));
  a_.jmp(rcx);
}

void CodeGen::common_exits() {
  // rdx = the address to record as this frame's pc.
  a_.bind(raise_);
  lazy_here_ = lazy_entry_;  // raising from a lazy block: the record first
  push_record_keeping_registers();
  lazy_here_ = false;
  a_.mov(qword_ptr(kFrame, kFramePc), rdx);
  a_.bind(raise_keep_pc_);
  a_.mov(eax, imm(kJitRaise));
  a_.bind(exit_);
  jump_to(shared_paths().exit);
  emit_checked_return();
  emit_push_record_routine();  // (may be the first to use claimed_record)
  if (claimed_record_.isValid()) {
    a_.align(AlignMode::kData, 16);
    a_.bind(claimed_record_);
    a_.embedUInt64(reinterpret_cast<uint64_t>(p_));
    a_.embedUInt64(uint64_t{kFrameNative} << 32);  // result_reg 0, flags
  }
  if (!code_words_.empty()) a_.align(AlignMode::kData, 8);
  for (auto& [word, label] : code_words_) {
    a_.bind(label);
    a_.embedUInt64(word);
  }
}

void CodeGen::exit_with(JitStatus status) {
  push_record_keeping_registers();
  a_.mov(eax, imm(status));
  a_.jmp(exit_);
}

bool CodeGen::emit(const Inst& inst, const Inst* next) {
  inst_ = a_.newLabel();
  a_.bind(inst_);
  if (inst.loc.known()) locs_.push_back({inst_, inst.loc});
  const auto& args = inst.args;
  switch (inst.op) {
    case Op::Const: {
      if (unneeded_[inst.result]) return false;
      // Straight into the result's register, if it has one.
      bool to_reg = in_reg(inst.result) && !in_xmm(inst.result) && alloc_.uses[inst.result] > 0;
      Gp r = to_reg ? reg(inst.result) : Gp(rax);
      load_constant(r, inst.imm);
      if (!to_reg) store(inst.result, rax);
      return false;
    }
    case Op::FreeRef: {
      Gp closure = word_operand(args[0], rax);
      Gp to = in_reg(inst.result) ? reg(inst.result) : Gp(rax);
      a_.mov(to, qword_ptr(closure, kClosureFree + static_cast<int32_t>(8 * inst.imm)));
      store(inst.result, to);
      return false;
    }
    case Op::GlobalRef:
    case Op::GlobalSet:
    case Op::GlobalDef:
      global(inst);
      return false;
    case Op::MakeBox:
      load(rdi, args[0]);
      call(reinterpret_cast<const void*>(&helper_make_box), 0);
      store(inst.result, rax);
      return false;
    case Op::BoxRef: {
      // (Read and written where box and value live, as free-ref does.)
      Gp box = word_operand(args[0], rax);
      Gp to = in_reg(inst.result) ? reg(inst.result) : Gp(rax);
      a_.mov(to, qword_ptr(box, kBoxValue));
      store(inst.result, to);
      return false;
    }
    case Op::BoxSet:
      a_.mov(qword_ptr(word_operand(args[0], rax), kBoxValue), word_operand(args[1], rcx));
      return false;
    case Op::MakeClosure: {
      uint64_t proto = reinterpret_cast<uint64_t>(child_proto(inst.imm));
      uint32_t nfree = static_cast<uint32_t>(args.size());
      auto by_helper = [this, proto, nfree] {
        a_.mov(rdi, imm(proto));
        a_.mov(esi, imm(nfree));
        call(reinterpret_cast<const void*>(&helper_alloc_closure), 0);
      };
      size_t bytes = sizeof(Closure) + nfree * sizeof(Value);
      if (bytes <= kSmallMax) {
        // Inline, as cons: a free-list pop (the free slots come zeroed).
        Label slow = a_.newLabel(), done = a_.newLabel();
        allocate_small(bytes, Object::make_header(Type::Closure, nfree), slow);
        a_.mov(rcx, imm(proto));
        a_.mov(qword_ptr(rax, static_cast<int32_t>(offsetof(Closure, proto))), rcx);
        a_.inc(rax);  // the object tag
        a_.bind(done);
        later([this, slow, done, by_helper] {
          a_.bind(slow);
          by_helper();
          a_.jmp(done);
        });
      } else {
        by_helper();
      }
      for (size_t i = 0; i < args.size(); ++i)
        a_.mov(qword_ptr(rax, kClosureFree + static_cast<int32_t>(8 * i)), word_operand(args[i], rcx));
      store(inst.result, rax);
      return false;
    }
    case Op::ClosureSet:
      a_.mov(qword_ptr(word_operand(args[0], rax), kClosureFree + static_cast<int32_t>(8 * inst.imm)),
             word_operand(args[1], rcx));
      return false;
    case Op::Call: {
      raw_result_ = next && next->op == Op::RawResult && next->args[0] == inst.result ? next : nullptr;
      raw_result_taken_ = false;
      call_scheme(inst, false);
      if (!raw_result_) return false;
      raw_result_jump(*raw_result_);
      raw_result_ = nullptr;
      return true;
    }
    case Op::RawResult:
      raw_result_jump(inst);  // (not right after its call: no raw return reaches it)
      return false;
    case Op::TailCall:
      call_scheme(inst, true);
      return false;
    case Op::CallPrim: {
      bool fused = false;
      if (!is_raw(inst.result) && type_predicate(inst, next, &fused)) return fused;
      if (!is_raw(inst.result) && fixnum_test(inst, next, &fused)) return fused;
      if (!is_raw(inst.result) && char_compare(inst, next, &fused)) return fused;
      if (!is_raw(inst.result) && char_class(inst, next, &fused)) return fused;
      if (!is_raw(inst.result) && record_primitive(inst, next, &fused)) return fused;
      if (is_raw(inst.result))
        float_primitive(inst);
      else if (!intrinsic(inst))
        call_primitive(inst);
      return false;
    }
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
      if (is_raw(inst.result))
        float_arith(inst);
      else
        arith(inst);
      return false;
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
    case Op::NumEq:
      if (is_raw(args[0]) || is_raw(args[1])) return float_compare(inst, next);
      return compare(inst, next);
    case Op::FlBox:
      if (passed_raw_[inst.result]) return false;  // the raw self call writes the double
      if (next && returns_raw(inst, *next)) return false;  // made by the return, if at all
      box_double(double_operand(args[0], xmm0, Label()), 0);
      store(inst.result, rax);
      return false;
    case Op::FlRebox: {
      if (next && returns_raw(inst, *next)) return false;  // made by the return, if at all
      // The argument's box, or (entered raw: #f) a new one.
      Label done = a_.newLabel();
      load(rax, args[0]);
      cmp_raw(rax, kFalse);
      a_.jne(done);
      box_double(double_operand(args[1], xmm0, Label()), 0);
      a_.bind(done);
      store(inst.result, rax);
      return false;
    }
    case Op::FlUnbox:
      load(rax, args[0]);
      if (in_xmm(inst.result)) {
        a_.movsd(xreg(inst.result), qword_ptr(rax, kFlonumValue));
        return false;
      }
      a_.mov(rax, qword_ptr(rax, kFlonumValue));
      store(inst.result, rax);
      return false;
    case Op::FlGuard:
      flonum_guard(inst);
      return false;
    case Op::FxGuard:
      fixnum_guard(inst);
      return false;
    case Op::IntShadow:
      int_shadow(inst);
      return false;
    case Op::IntShadowUse:
      int_shadow_use(inst);
      return false;
    case Op::Car:
    case Op::Cdr:
      car_cdr(inst);
      return false;
    case Op::Cons: {
      // Inline: pop a 16-byte slot off the collector's free list (gc.h),
      // or call the helper, which refills it.
      Label slow = a_.newLabel(), done = a_.newLabel();
      allocate_pair(slow);
      a_.mov(qword_ptr(rax, static_cast<int32_t>(offsetof(Pair, car))), word_operand(args[0], rdx));
      a_.mov(qword_ptr(rax, static_cast<int32_t>(offsetof(Pair, cdr))), word_operand(args[1], rdx));
      a_.add(rax, imm(static_cast<int32_t>(Value::kPairTag)));
      a_.bind(done);
      store(inst.result, rax);
      learn(inst.result, kKnownPair);
      later([this, slow, done, args] {
        a_.bind(slow);
        load(rdi, args[0]);
        load(rsi, args[1]);
        call(reinterpret_cast<const void*>(&helper_cons), 0);
        a_.jmp(done);
      });
      return false;
    }
    case Op::Eq:
      if (watched_identity_test(inst, next) != ir::kNoValue) {
        emit_watched_identity_test(inst, *next);
        return true;
      }
      if (ValueId g = self_identity_test(inst); g != ir::kNoValue && !reads_closure_) {
        self_test(g);
        return predicate(inst, next, CondCode::kE);
      }
      a_.cmp(word_operand(args[0], rax), word_operand(args[1], rcx));
      return predicate(inst, next, CondCode::kE);
    case Op::Not:
      cmp_raw(word_operand(args[0], rax), kFalse);
      return predicate(inst, next, CondCode::kE);
    case Op::IsNull:
      cmp_raw(word_operand(args[0], rax), kNil);
      return predicate(inst, next, CondCode::kE);
    case Op::IsPair:
      test_pair(word_operand(args[0], rax));
      return predicate(inst, next, CondCode::kE);
    case Op::VectorRef:
    case Op::VectorSet:
      vector_access(inst);
      return false;
    case Op::Jump:
      jump(inst);
      return false;
    case Op::Branch:
      cmp_raw(word_operand(args[0], rax), kFalse);
      branch_on(CondCode::kNE, inst);
      return false;
    case Op::Return:
      if (args.size() == 2 && def_[args[0]] && returns_raw(*def_[args[0]], inst)) {
        emit_raw_return(inst);
        return false;
      }
      load(rax, args[0]);
      ret();
      return false;
    case Op::CallCC:
    case Op::CallCCTail:
      inline_callcc(inst);
      return false;
  }
  return false;
}

namespace {

/// One CodeHolder and Assembler serve every compilation: a soft reset keeps
/// the zone memory that labels, label links and sections live in, which a
/// fresh holder would allocate (and free) again for every function.
struct Workspace {
  CodeHolder code;
  Assembler a;
  bool busy = false;
};

Workspace& workspace() {
  static Workspace* w = new Workspace;  // lives for the whole process
  return *w;
}

/// Readies a workspace for one compilation and marks it in use meanwhile.
class WorkspaceClaim {
 public:
  explicit WorkspaceClaim(Workspace& w) : w_(w) {
    w_.code.reset(ResetPolicy::kSoft);  // (detaches the assembler)
    w_.code.init(code_environment());
    w_.code.attach(&w_.a);
    w_.busy = true;
  }
  ~WorkspaceClaim() { w_.busy = false; }
  WorkspaceClaim(const WorkspaceClaim&) = delete;
  WorkspaceClaim& operator=(const WorkspaceClaim&) = delete;

 private:
  Workspace& w_;
};

}  // namespace

bool compile(Proto* p, const Value* frame, uint32_t nvalues) {
  if (p->native_entry) return true;
  if (!p->ir) {
    p->jit_failed = true;
    ++g_tier.stats.rejected;
    return false;
  }
  const auto& ir = *static_cast<const ir::Function*>(p->ir);
  auto started = std::chrono::steady_clock::now();
  // Speculate on the arguments and the free variables of the running
  // closure that are flonums in the frame we were given (the call or loop
  // that made the function hot): see jit/unbox.h; and on the arguments that
  // are fixnums there (jit/fixnum_guards.h). The first 64 of each, kept in
  // the Proto for (disassemble f).
  // Recompiled, with no frame, after its fixnums proved wrong: the
  // flonums speculated on stay (helper_despecialize).
  bool keep_flonums = !frame && p->jit_no_fixnum_speculation && !p->jit_no_speculation;
  if (!keep_flonums) p->jit_speculated_args = p->jit_speculated_free = 0;
  p->jit_speculated_fixnums = 0;
  if (frame && !p->jit_no_speculation) {
    if (nvalues == 1 + ir.nreq && !ir.rest) {
      for (uint32_t i = 0; i < ir.nreq && i < 64; ++i) {
        if (is_flonum(frame[1 + i]))
          p->jit_speculated_args |= uint64_t{1} << i;
        else if (frame[1 + i].is_fixnum() && !p->jit_no_fixnum_speculation)
          p->jit_speculated_fixnums |= uint64_t{1} << i;  // (jit/fixnum_guards.h)
      }
    }
    // Not with a rest list: a failed entry guard re-enters with nreq
    // arguments, after the prologue already gathered the rest into a list.
    if (nvalues >= 1 && !ir.rest && is_closure(frame[0]) && frame[0].as<Closure>()->proto == p) {
      const Closure* c = frame[0].as<Closure>();
      for (size_t i = 0; i < c->size() && i < 64; ++i)
        if (is_flonum(c->free[i])) p->jit_speculated_free |= uint64_t{1} << i;
    }
  }
  InlinedCallees inlined;
  const ir::Function f = lower(p, true, frame, nvalues, &inlined);
  if (ir::verify_enabled()) {
    std::string problem = ir::verify(f, true);
    if (!problem.empty()) {
      std::fprintf(stderr, "kiln: internal error: lowered IR of %s: %s\n%s", proto_display_name(p).c_str(),
                   problem.c_str(), ir::dump(f, false).c_str());
      std::abort();
    }
  }
  Workspace& shared = workspace();
  std::optional<Workspace> own;  // (never used so far: nothing compiles while compiling)
  Workspace& w = shared.busy ? own.emplace() : shared;
  WorkspaceClaim claim(w);
  CodeHolder& code = w.code;
  Assembler& a = w.a;
  CodeGen gen(p, f, a);
  gen.set_sample(frame, nvalues);
  gen.set_vm_ir(&ir);
  gen.run();
  if (code.hasUnresolvedLinks()) {  // a label used but never bound: a bug here
    std::fprintf(stderr, "kiln: internal error: unbound label compiling %s\n", proto_display_name(p).c_str());
    std::abort();
  }
  // The pc-location table and the OSR entries go right after the code, in
  // code memory (CodeMemory::add): they describe the code, live as long as
  // it (a retired version's locations included) and hold no Value; from
  // the GC heap they were allocations that could start a collection in the
  // middle of a compilation.
  const auto& locs = gen.locs();
  const auto& osr = gen.osr_entries();
  static_assert(sizeof(PcLoc) % alignof(OsrEntry) == 0);
  size_t locs_bytes = locs.size() * sizeof(PcLoc);
  const PcLoc* loc_table = nullptr;
  const OsrEntry* osr_table = nullptr;
  auto fill = [&](void* rw, const void* rx) {
    const char* code_rx = static_cast<const char*>(rx) - CodeMemory::data_offset(code.codeSize());
    auto* out_locs = static_cast<PcLoc*>(rw);
    for (size_t i = 0; i < locs.size(); ++i)
      out_locs[i] = {static_cast<uint32_t>(code.labelOffsetFromBase(locs[i].first)), locs[i].second};
    auto* out_osr = reinterpret_cast<OsrEntry*>(static_cast<char*>(rw) + locs_bytes);
    for (size_t i = 0; i < osr.size(); ++i)
      out_osr[i] = {osr[i].first, code_rx + code.labelOffsetFromBase(osr[i].second)};
    loc_table = static_cast<const PcLoc*>(rx);
    osr_table = reinterpret_cast<const OsrEntry*>(static_cast<const char*>(rx) + locs_bytes);
  };
  void* entry = nullptr;
  if (code_memory().add(code, &entry, locs_bytes + osr.size() * sizeof(OsrEntry), fill) != kErrorOk) {
    p->jit_failed = true;
    ++g_tier.stats.rejected;
    return false;
  }
  p->native_locs = loc_table;
  p->num_native_locs = static_cast<uint32_t>(locs.size());
  p->native_size = static_cast<uint32_t>(code.codeSize());
  // Never smaller than an earlier version's (a failed speculation): frames
  // of retired code may still be running, and this bounds them for the
  // collector (live_stack_top) and for a handler called on top of them.
  p->native_frame_size = std::max(p->native_frame_size, gen.frame_size());
  p->native_slots = std::max(p->native_slots, gen.slots());
  p->native_osr = osr_table;
  p->num_native_osr = static_cast<uint32_t>(osr.size());
  // Callers compiled against earlier code that ignored the closure store
  // none, and a failed speculation enters this code with their frames: it
  // must ignore it too. (It does: recompiling drops guards, which only
  // ever add reads of the closure.)
  // Checked in every build: broken, it would run callers' stale slots as
  // closures.
  if (p->native_entry && p->native_ignores_closure && gen.reads_closure()) {
    std::fprintf(stderr, "kiln: internal error: %s recompiled to read the closure its callers no longer store\n",
                 proto_display_name(p).c_str());
    std::abort();
  }
  p->native_ignores_closure = !gen.reads_closure();
  p->native_entry = entry;
  p->native_lazy_entry =
      gen.lazy_entry() ? static_cast<const char*>(entry) + code.labelOffsetFromBase(gen.lazy_entry_label()) : nullptr;
  set_call_entries(p);  // the generic dispatch enters the new code from now on
  register_watch_sites(gen, code, entry);  // only now: the code is in place
  announce_code(entry, p->native_size, native_symbol(p), true);  // perf and gdb
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
  g_tier.stats.primitive_callees += inlined.primitives;
  g_tier.stats.record_callees += inlined.records;
  // Only the arguments the guard checks stay speculated on, so that what
  // makes the VM despecialize (an OSR entry declining) is speculation in
  // the code; lowering again (disassemble) guards the same ones.
  p->jit_speculated_fixnums = guarded_fixnum_arguments(f);
  if (p->jit_speculated_fixnums) ++g_tier.stats.fixnum_guarded;
  g_tier.stats.code_bytes += p->native_size;
  record_compile_time(g_tier.stats, static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                        std::chrono::steady_clock::now() - started)
                                        .count()));
  return true;
}

}  // namespace kiln::jit
