// Globals, jumps between blocks, and Scheme calls, tail calls and returns
// (the calling convention is in jit.h and jit/README.md).
#include <algorithm>
#include <cassert>
#include <climits>

#include "jit/codegen.h"
#include "jit/control.h"
#include "jit/helpers.h"
#include "jit/raw_self_calls.h"
#include "jit/shared_paths.h"
#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/tier.h"

namespace kiln::jit {

void CodeGen::global(const Inst& inst) {
  if (fuse_global_into_direct_call(inst)) return;  // emit_ffi.cpp
  if (identity_test_defers_load(inst)) return;    // watch_sites.cpp
  Value cell = constant(inst.imm);
  // The callee of a watched known call (watch_sites.cpp): while the site
  // is intact the cell holds the known closure, so it is read from the
  // code's constants; an invalidated site reloads the cell.
  if (const Inst* call = watched_known_call(inst)) {
    if (skips_callee_store(*call)) return;  // nothing reads the callee
    Mem known = code_constant(Value::object(known_callee(*call)));
    a_.mov(in_reg(inst.result) ? reg(inst.result) : Gp(rax), known);
    if (!in_reg(inst.result)) store(inst.result, rax);
    return;
  }
  a_.mov(rcx, imm(reinterpret_cast<uint64_t>(&as_cell(cell)->value)));
  // A store to a cell some code watches first invalidates that code
  // (runtime/cell_watch.h): one test inline, the helper out of line.
  // Clobbers rax and rcx (and, through the helper, what call() does).
  auto assign = [this, cell](ValueId value) {
    load(rax, value);
    Label watched = a_.newLabel(), stored = a_.newLabel();
    static_assert(offsetof(Cell, watch) - offsetof(Cell, value) <= 127);
    a_.cmp(qword_ptr(rcx, static_cast<int32_t>(offsetof(Cell, watch) - offsetof(Cell, value))), imm(0));
    a_.jne(watched);
    a_.mov(qword_ptr(rcx), rax);
    a_.bind(stored);
    later([this, watched, stored, cell] {
      a_.bind(watched);
      a_.mov(rsi, rax);
      a_.mov(rdi, imm(raw(cell)));
      call(reinterpret_cast<const void*>(&helper_assign_cell), 0);
      a_.jmp(stored);
    });
  };
  if (inst.op == Op::GlobalDef) {
    assign(inst.args[0]);
    return;
  }
  // Nothing ever stores kUnbound into a cell, so one that is bound now
  // stays bound: its reference or assignment needs no check.
  if (as_cell(cell)->value != kUnbound) {
    if (inst.op == Op::GlobalRef) {
      a_.mov(rax, qword_ptr(rcx));
      store(inst.result, rax);
    } else {
      assign(inst.args[0]);
    }
    return;
  }
  Label slow = a_.newLabel(), done = a_.newLabel();
  a_.mov(rax, qword_ptr(rcx));
  cmp_raw(rax, kUnbound);
  a_.je(slow);
  if (inst.op == Op::GlobalRef) {
    store(inst.result, rax);
  } else {
    assign(inst.args[0]);
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

bool CodeGen::parallel_move(std::vector<std::pair<int, int>> moves, int last) {
  constexpr int kParked = INT_MIN;  // rdx, which no location names
  auto operand = [&](int loc) -> Operand {
    if (loc == kParked) return rdx;
    if (loc < -kPoolSize) return kXmmPool[-1 - loc - kPoolSize];
    if (loc < 0) return kPool[-1 - loc];
    return fp_word(static_cast<uint32_t>(loc));
  };
  // Words move as they are: a raw double's bits through rax or rdx too.
  bool rax_holds_last = false;
  auto move = [&](int dst, int src) {
    Operand d = operand(dst), s = operand(src);
    if (d.isMem() && s.isMem()) {
      a_.mov(rax, s.as<Mem>());
      a_.mov(d.as<Mem>(), rax);
      rax_holds_last = dst == last;
    } else if (d.isMem()) {
      if (Reg::isXmm(s))
        a_.movsd(d.as<Mem>(), s.as<Xmm>());
      else
        a_.mov(d.as<Mem>(), s.as<Gp>());
    } else if (s.isMem()) {
      if (Reg::isXmm(d))
        a_.movsd(d.as<Xmm>(), s.as<Mem>());
      else
        a_.mov(d.as<Gp>(), s.as<Mem>());
    } else if (Reg::isXmm(d) && Reg::isXmm(s)) {
      a_.movapd(d.as<Xmm>(), s.as<Xmm>());
    } else if (Reg::isXmm(d)) {
      a_.movq(d.as<Xmm>(), s.as<Gp>());
    } else if (Reg::isXmm(s)) {
      a_.movq(d.as<Gp>(), s.as<Xmm>());
    } else {
      a_.mov(d.as<Gp>(), s.as<Gp>());
    }
  };
  while (!moves.empty()) {
    // A move whose destination no other move still reads; the one to
    // `last` only if no other is ready.
    size_t ready = moves.size();
    for (size_t i = 0; i < moves.size(); ++i) {
      int dst = moves[i].first;
      bool read_later = false;
      for (auto& m : moves) read_later |= m.second == dst;
      if (read_later) continue;
      ready = i;
      if (dst != last) break;
    }
    if (ready < moves.size()) {
      move(moves[ready].first, moves[ready].second);
      moves.erase(moves.begin() + static_cast<long>(ready));
      continue;
    }
    // Every destination is still to be read: a cycle. Park one source.
    int src = moves[0].second;
    move(kParked, src);
    for (auto& m : moves)
      if (m.second == src) m.second = kParked;
  }
  return rax_holds_last;
}

void CodeGen::jump(const Inst& inst) {
  BlockId target = inst.target[0];
  const auto& params = f_.blocks[target].params;
  std::vector<std::pair<int, int>> moves;  // (dst, src)
  for (size_t i = 0; i < params.size(); ++i) {
    if (!param_read(params[i])) continue;
    int dst = where(params[i]), src = where(inst.args[i]);
    if (dst != src) moves.push_back({dst, src});
  }
  parallel_move(std::move(moves));
  // Safe for space: a slot whose value dies at this jump and that no
  // parameter took over is cleared. (The entry block's arguments arrive in
  // slots; once the loop header holds them in registers, the slots would
  // otherwise keep the first arguments alive for the whole activation.)
  // Not the closure itself: it is dead here only if the function reads no
  // free variable, and then it holds nothing but its proto, which the
  // frame record keeps anyway.
  // A loop's back edge ends the last block of the loop, so a value defined
  // before the loop and read inside it is live out of that block and its
  // interval ends at this jump too: it lives on through the header (as the
  // loop's invariant argument, say), and clearing it fed #f to the next
  // iteration. Such a value's interval reaches back over the header.
  // Nor a fixnum's: it keeps nothing alive. That includes a value passed
  // to a parameter the target's fixnum guard checks: if it is no fixnum,
  // the guard restarts the call, which stages the header's values into
  // the argument slots and clears the rest of the frame in its prologue.
  bool back_edge = alloc_.block_start[target] < pos_;
  for (size_t i = 0; i < inst.args.size(); ++i) {
    ValueId v = inst.args[i];
    if (in_reg(v) || alloc_.end[v] != pos_ || known(v, kKnownFixnum) || fixnum_facts_.fixnum[params[i]]) continue;
    if (v == f_.blocks[0].params[0]) continue;
    if (back_edge && alloc_.start[v] <= alloc_.block_start[target]) continue;
    int loc = where(v);
    bool reused = false;
    for (size_t j = 0; j < params.size(); ++j) {
      bool used = alloc_.slot[params[j]] != UINT32_MAX && alloc_.uses[params[j]] > 0;
      reused |= used && where(params[j]) == loc;
    }
    if (!reused) a_.mov(fp_word(static_cast<uint32_t>(loc)), imm(static_cast<int32_t>(raw(kFalse))));
  }
  if (target != next_) a_.jmp(block_labels_[target]);
}

void CodeGen::ret() {
  if (lazy_here_) {
    // No record of our own (lazy_record.cpp): back to the caller's
    // recorded address, its fp restored. Else the ordinary return.
    Label pushed = a_.newLabel();
    a_.cmp(kFp, qword_ptr(kFrame, kFrameFp));
    a_.je(pushed);
    a_.mov(kFp, qword_ptr(kFrame, kFrameFp));
    a_.jmp(qword_ptr(kFrame, kFramePc));
    later([this, pushed] {
      a_.bind(pushed);
      ret_through_record();
    });
    return;
  }
  ret_through_record();
}

void CodeGen::ret_through_record() {
  // Above the floor the caller is machine code, unsealed, and this record
  // no boundary (Thread::return_floor); at or below it, the checks.
  if (!checked_return_.isValid()) checked_return_ = a_.newLabel();
  a_.cmp(kFrame, qword_ptr(kThread, kThreadReturnFloor));
  a_.jbe(checked_return_);
  a_.sub(kFrame, imm(kFrameSize));
  a_.mov(kFp, qword_ptr(kFrame, kFrameFp));
  a_.jmp(qword_ptr(kFrame, kFramePc));
}

void CodeGen::emit_checked_return() {
  if (!checked_return_.isValid()) return;
  a_.bind(checked_return_);
  jump_to(shared_paths().checked_return);
}

void CodeGen::call_scheme(const Inst& inst, bool tail) {
  // A foreign procedure known now is called directly (emit_ffi.cpp), with
  // call_generic out of line.
  if (direct_foreign_call(inst, tail)) return;
  call_generic(inst, tail);
}

const Proto* CodeGen::known_local_callee(const Inst& inst, bool tail) const {
  const Inst* d = def_[inst.args[0]];
  if (!d || d->op != Op::FreeRef || d->imm >= f_.known_free.size() || !f_.known_free[d->imm]) return nullptr;
  // Which lambda: the one whose closure the sample's running closure holds
  // (FreeRef reads the running closure, whose free variables never change).
  if (nsample_ < 1 || !is_closure(sample_[0]) || sample_[0].as<Closure>()->proto != p_) return nullptr;
  const Closure* self = sample_[0].as<Closure>();
  if (d->imm >= self->size() || !is_closure(self->free[d->imm])) return nullptr;
  const Proto* callee = self->free[d->imm].as<Closure>()->proto;
  if (callee->rest || callee->nreq != inst.args.size() - 1 || callee->jit_forbidden) return nullptr;
  if (!(tail ? callee->native_entry : callee->native_lazy_entry)) return nullptr;
  return callee;
}

const Closure* CodeGen::known_callee(const Inst& inst) const {
  const Inst* d = def_[inst.args[0]];
  if (!d || d->op != Op::GlobalRef) return nullptr;
  Value v = as_cell(constant(d->imm))->value;
  if (!is_closure(v)) return nullptr;
  const Proto* callee = v.as<Closure>()->proto;
  if (callee->rest || callee->nreq != inst.args.size() - 1 || callee->jit_forbidden) return nullptr;
  if (callee != p_ && !callee->native_entry) return nullptr;
  return v.as<Closure>();
}

void CodeGen::call_generic(const Inst& inst, bool tail) {
  const auto& args = inst.args;  // args[0] is the callee
  uint32_t n = static_cast<uint32_t>(args.size() - 1);
  // A constant callee that is never materialized (run()) is stored from
  // the code's data, if at all.
  const Closure* constant = constant_callee(inst);
  bool unmade = constant && unneeded_[args[0]];
  bool rax_has_callee = false;
  if (tail) {
    // Straight into slots 0..n, which the callee takes over with the frame;
    // the callee last, so that rax may still hold it for the dispatch.
    std::vector<std::pair<int, int>> moves;
    for (uint32_t i = unmade ? 1 : 0; i <= n; ++i)
      if (where(args[i]) != static_cast<int>(i)) moves.push_back({static_cast<int>(i), where(args[i])});
    rax_has_callee = parallel_move(std::move(moves), 0);
    if (unmade) {
      a_.mov(rax, code_constant(Value::object(constant)));
      a_.mov(fp_word(0), rax);
    }
  }
  // The callee last, so that rax still holds it for the dispatch below
  // (which a watched known call needs only once patched: it reloads it).
  bool self_call = !tail && running_closure_[args[0]] && !f_.rest && f_.nreq == n;
  bool watched = !self_call && dispatches_watched(inst, !tail && !resealing_call(inst));
  bool no_callee = !tail && !self_call && (skips_callee_store(inst) || skips_constant_callee_store(inst));
  // A raw self call (jit/raw_self_calls.h) writes the doubles its fl-boxes
  // would have boxed.
  std::vector<uint32_t> raw_out = raw_call(inst) ? raw_argument_indices(f_) : std::vector<uint32_t>{};
  for (size_t k = 1; k <= args.size() && !tail; ++k) {
    size_t i = k % args.size();
    if (i == 0 && no_callee) continue;
    if (i == 0 && unmade) {
      a_.mov(rax, code_constant(Value::object(constant)));
      a_.mov(fp_word(nslots_), rax);
      continue;
    }
    if (std::find(raw_out.begin(), raw_out.end(), i) != raw_out.end()) {
      ValueId d = def_[args[i]]->args[0];
      if (in_xmm(d)) {
        a_.movsd(fp_word(nslots_ + static_cast<uint32_t>(i)), xreg(d));
      } else {
        a_.mov(rax, slot(d));
        a_.mov(fp_word(nslots_ + static_cast<uint32_t>(i)), rax);
      }
    } else if (in_reg(args[i])) {
      a_.mov(fp_word(nslots_ + static_cast<uint32_t>(i)), reg(args[i]));
      if (i == 0 && !watched) a_.mov(rax, reg(args[i]));
    } else {
      load(rax, args[i]);
      a_.mov(fp_word(nslots_ + static_cast<uint32_t>(i)), rax);
    }
  }
  if (!tail) {
    // Safe for space, as in the VM: slots whose values die at this call
    // are cleared once the arguments are copied.
    // (And r14 and r15, which survive into the callee and, being
    // callee-saved, are saved in every C frame below it. The caller-saved
    // pool registers need nothing: nothing saves a dead one, and any C code
    // the callee runs overwrites them.) A fixnum keeps nothing alive.
    for (ValueId v : args) {
      if (alloc_.end[v] != pos_ || known(v, kKnownFixnum)) continue;
      if (!in_reg(v))
        a_.mov(slot(v), imm(static_cast<int32_t>(raw(kFalse))));
      else if (!caller_saved(reg(v)))
        a_.xor_(reg(v).r32(), reg(v).r32());
    }
  }
  Label resume = a_.newLabel(), slow = a_.newLabel();
  // The last call of an inline call/cc's body returns to k's landing, as
  // k's continuation does, and may seal the frame again as k's copy
  // (helper_reseal) before it enters compiled code, which it then does
  // with a record: a lazy callee's return would not check the seal.
  const CallCCLanding* reseal = tail ? nullptr : resealing_call(inst);
  if (tail) {
    a_.lea(rdx, ptr(inst_, 1));
    a_.mov(qword_ptr(kFrame, kFramePc), rdx);
  } else {
    a_.lea(rdx, ptr(reseal ? reseal->landing : resume));
    a_.mov(qword_ptr(kFrame, kFramePc), rdx);
  }
  // Enters machine code: r8 (or, self, this function's entry). A non-tail
  // call enters lazily when it can (`lazy`: r8 is a native_lazy_entry),
  // pushing no record for the callee (lazy_record.cpp); else it pushes an
  // unclaimed one, which the callee's native_entry claims.
  // The frame stack always has room for the callee's record where the
  // value stack has room for its frame (runtime.cpp): only the value
  // stack is checked, by the callee's entry or here.
  // Where a direct self call that stored no callee goes when the stack is
  // full: the interpreter calls what the slot holds.
  Label overflow = slow;
  if (no_callee || !raw_out.empty()) {
    overflow = a_.newLabel();
    const Closure* callee = no_callee ? known_callee(inst) : nullptr;
    if (no_callee && !callee) callee = constant_callee(inst);
    Value known = callee ? Value::object(callee) : kFalse;
    uint32_t staged = static_cast<uint32_t>(inst.args.size());
    later([this, overflow, slow, known, raw_out, staged] {
      a_.bind(overflow);
      box_raw_arguments(raw_out, staged);
      if (known != kFalse) {
        a_.mov(rax, code_constant(known));
        a_.mov(fp_word(nslots_), rax);
      }
      a_.jmp(slow);
    });
  }
  bool raw = !raw_out.empty();
  auto jump = [this](const Mem* via) {
    if (via)
      a_.jmp(*via);
    else
      a_.jmp(r8);
  };
  Label body = enters_past_fixnum_guard(inst) ? past_fixnum_guard_ : claimed_entry_;
  auto enter = [this, tail, n, slow, overflow, reseal, raw, jump, body](bool self, bool lazy, const Mem* via) {
    if (reseal) lazy = false;
    if (!tail && self && !reseal) {
      // This function's own frame: the stacks are checked here and the
      // callee enters past its checks.
      assert(lazy_entry_);
      if (frame_size_ <= kSmallFrameValues) {
        // Checked by the callee's fp (runtime/thread.h), which the failure
        // takes back first.
        Label full = a_.newLabel();
        a_.lea(kFp, fp_word(nslots_));
        a_.cmp(kFp, qword_ptr(kThread, kThreadSmallFrameFpLimit));
        a_.ja(full);
        a_.jmp(raw ? raw_entry_ : body);
        later([this, full, overflow] {
          a_.bind(full);
          a_.lea(kFp, qword_ptr(kFp, -8 * static_cast<int32_t>(nslots_)));
          a_.jmp(overflow);  // the interpreter makes the call and reports the overflow
        });
        return;
      }
      a_.lea(rax, fp_word(nslots_ + frame_size_));
      a_.cmp(rax, qword_ptr(kThread, kThreadStackLimit));
      a_.ja(overflow);  // the interpreter makes the call and reports the overflow
      a_.lea(kFp, fp_word(nslots_));
      a_.jmp(raw ? raw_entry_ : body);
      return;
    }
    if (!tail && lazy) {
      a_.lea(kFp, fp_word(nslots_));
      a_.mov(esi, imm(n));
      jump(via);
      return;
    }
    if (reseal) emit_reseal(*reseal);
    if (!tail) {
      // The record is two 16-byte stores: fp and pc (0), then proto,
      // result_reg and flags.
      static_assert(kFramePc == kFrameFp + 8 && kFrameResultReg == kFrameProto + 8);
      a_.lea(rdx, qword_ptr(kFrame, kFrameSize));
      a_.lea(kFp, fp_word(nslots_));
      a_.movq(xmm1, kFp);
      a_.movups(qword_ptr(rdx, kFrameFp), xmm1);
      a_.xorps(xmm1, xmm1);  // unclaimed: proto null, result_reg and flags 0
      a_.movups(qword_ptr(rdx, kFrameProto), xmm1);
      a_.mov(kFrame, rdx);
    }
    a_.mov(esi, imm(n));
    if (self)
      a_.jmp(checked_entry_);
    else
      jump(via);
  };
  if (tail && !watched && !constant && !made_callee(inst) && !rax_has_callee) {
    // (A register the moves leave as it was, since they write slots only.)
    if (in_reg(args[0]) && !in_xmm(args[0]))
      a_.mov(rax, reg(args[0]));
    else
      a_.mov(rax, fp_word(0));
  }
  // (apply f ... list) spreads here while apply is the builtin.
  if (Value apply = apply_callee(inst, tail); apply != kFalse) spread_apply(tail, n, apply, resume);
  // A call of the running closure (a local recursive function calling
  // itself) is a direct self call, with nothing to compare.
  if (self_call) {
    enter(true, true, nullptr);
  } else {
    emit_dispatch(inst, tail, !tail && !reseal, n, slow, resume, enter, raw_out);
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
    // After the jump into the callee, which never runs on. (A cold call's
    // return is not worth the padding: a split call's generic sides, one
    // or two per site, were a good part of a long function's code.)
    if (!cold_here_) align_hot();
    a_.bind(resume);
    if (raw)
      take_raw_return(inst);
    else
      store(inst.result, rax);
  }
}

void CodeGen::emit_dispatch(const Inst& inst, bool tail, bool lazy_ok, uint32_t n, Label slow, Label resume,
                            const EnterFn& enter, const std::vector<uint32_t>& raw_out) {
  // constant_calls.cpp: no check at all.
  const Closure* constant_closure = constant_callee(inst);
  if (const Proto* direct = constant_closure ? constant_closure->proto : made_callee(inst)) {
    enter_direct(direct, tail, lazy_ok, slow, enter);
    return;
  }
  if (const Proto* local = known_local_callee(inst, !lazy_ok)) {
    // A closure of this lambda or, only in a letrec still initializing,
    // #<undefined> (the dispatch reports it).
    Label other = a_.newLabel();
    cmp_raw(rax, kUndefined);
    a_.je(other);
    a_.mov(r8, imm(reinterpret_cast<uint64_t>(lazy_ok ? local->native_lazy_entry : local->native_entry)));
    enter(false, lazy_ok, nullptr);
    a_.bind(other);
  } else if (const Closure* known = known_callee(inst)) {
    if (const Inst* ref = watched_callee_ref(inst)) {
      // Watched (watch_sites.cpp): no compare. Once the global is assigned
      // the site jumps out of line, where the cell's value becomes the
      // callee (in rax and its outgoing slot) of the generic dispatch,
      // which is all out of line too.
      Label reload = a_.newLabel();
      Value cell = constant(ref->imm);
      watch_point(cell, Value::object(known), reload);
      Label at = inst_;
      uint32_t staged = static_cast<uint32_t>(inst.args.size());
      later([this, reload, cell, tail, lazy_ok, n, slow, resume, enter, at, raw_out, staged] {
        a_.bind(reload);
        inst_ = at;
        box_raw_arguments(raw_out, staged);
        a_.mov(rcx, imm(reinterpret_cast<uint64_t>(&as_cell(cell)->value)));
        a_.mov(rax, qword_ptr(rcx));
        a_.mov(fp_word(tail ? 0 : nslots_), rax);
        emit_generic_dispatch(tail, lazy_ok, n, slow, resume, enter);
      });
      enter_known(known, lazy_ok, enter);
      return;
    }
    Label other = a_.newLabel();
    a_.cmp(rax, code_constant(Value::object(known)));
    a_.jne(other);
    enter_known(known, lazy_ok, enter);
    a_.bind(other);
  }
  emit_generic_dispatch(tail, lazy_ok, n, slow, resume, enter);
}

bool CodeGen::raw_call(const Inst& inst) const {
  // Only where the call enters this very code (a watched known call of
  // it), at the raw entry; the watch's and the overflow's paths box.
  // (raw_self_call checks that the closure is this code's.)
  if (inst.op != Op::Call || f_.raw_entry.empty() || resealing_call(inst) || !dispatches_watched(inst, true))
    return false;
  return raw_self_call(f_, p_, inst, def_, alloc_.uses);
}

void CodeGen::box_raw_arguments(const std::vector<uint32_t>& raw_out, uint32_t staged) {
  // Nothing else is in a register here: the call's values are in slots,
  // the staged ones the only copies of those that die at the call.
  for (uint32_t i : raw_out) {
    a_.movsd(xmm0, fp_word(nslots_ + i));
    box_double(xmm0, staged);
    a_.mov(fp_word(nslots_ + i), rax);
  }
}

void CodeGen::emit_raw_entry() {
  if (f_.raw_entry.empty()) return;
  // Entered as claimed_entry_ is, by a raw self call: block 1's parameters
  // from the slots (block 0's guards and jump, without the guards).
  a_.bind(raw_entry_);
  const auto& params = f_.blocks[1].params;
  // From the argument slots, all at once (one parameter's place may be
  // another's slot), then the #f of the boxes the call never made.
  std::vector<std::pair<int, int>> moves;
  for (size_t j = 0; j < params.size(); ++j)
    if (int32_t from = f_.raw_entry[j]; from >= 0 && param_read(params[j]) && where(params[j]) != from)
      moves.push_back({where(params[j]), from});
  parallel_move(std::move(moves));
  for (size_t j = 0; j < params.size(); ++j) {
    ValueId v = params[j];
    if (f_.raw_entry[j] >= 0 || !param_read(v)) continue;
    if (in_reg(v))
      a_.mov(reg(v).r32(), imm(static_cast<uint32_t>(raw(kFalse))));
    else
      a_.mov(slot(v), imm(static_cast<int32_t>(raw(kFalse))));
  }
  a_.jmp(block_labels_[1]);
}

bool CodeGen::dispatches_watched(const Inst& inst, bool lazy_ok) const {
  return !known_local_callee(inst, !lazy_ok) && known_callee(inst) && watched_callee_ref(inst);
}

void CodeGen::enter_known(const Closure* known, bool lazy_ok, const EnterFn& enter) {
  bool self = known->proto == p_;
  const void* lazy = lazy_ok ? known->proto->native_lazy_entry : nullptr;
  if (!self) a_.mov(r8, imm(reinterpret_cast<uint64_t>(lazy ? lazy : known->proto->native_entry)));
  enter(self, lazy != nullptr, nullptr);
}

void CodeGen::enter_code_of_rcx(bool tail, bool lazy_ok, Label slow, const EnterFn& enter) {
  // The call entries are never null (runtime/proto.h): no test.
  if (tail || lazy_ok) {
    Mem via = qword_ptr(rcx, tail ? kProtoTailCallEntry : kProtoCallEntry);
    enter(false, lazy_ok, &via);
    return;
  }
  // A call that reseals (rare) keeps the test: it may enter only with a
  // record, and the interpreter's stubs assume none was pushed.
  a_.mov(r8, qword_ptr(rcx, kProtoNativeEntry));
  a_.test(r8, r8);
  a_.jz(slow);
  enter(false, false, nullptr);
}

void CodeGen::emit_generic_dispatch(bool tail, bool lazy_ok, uint32_t n, Label slow, Label resume,
                                    const EnterFn& enter) {
  // Is the callee (rax) a closure with machine code?
  Label not_closure = a_.newLabel();
  check_type(Type::Closure, not_closure);
  a_.mov(rcx, qword_ptr(rax, kClosureProto));
  enter_code_of_rcx(tail, lazy_ok, slow, enter);
  // A primitive (other than the control ones, which transfer control) is
  // called right here, as a call-prim would be, once its arity checks out.
  // Control primitives and other callees (continuations, case-lambdas)
  // go to helper_control_call (emit_control.cpp).
  Label at = inst_;
  Label control = control_call(tail, n);
  later([this, not_closure, slow, resume, at, tail, n, control] {
    a_.bind(not_closure);
    call_primitive_of_rax(tail, n, control, slow, resume, at);
  });
}

void CodeGen::call_primitive_of_rax(bool tail, uint32_t n, Label control, Label slow, Label resume, Label at) {
  bool dynamic = n == kArgcInEsi;
  check_type(Type::Primitive, control);
  a_.cmp(byte_ptr(rax, kPrimitiveControl), imm(0));
  a_.jne(control);
  if (dynamic)
    a_.cmp(dword_ptr(rax, kPrimitiveMinArgs), esi);
  else
    a_.cmp(dword_ptr(rax, kPrimitiveMinArgs), imm(n));
  a_.jg(slow);
  Label arity_ok = a_.newLabel();
  a_.mov(ecx, dword_ptr(rax, kPrimitiveMaxArgs));
  a_.test(ecx, ecx);
  a_.js(arity_ok);  // any number
  if (dynamic)
    a_.cmp(ecx, esi);
  else
    a_.cmp(ecx, imm(n));
  a_.jl(slow);
  a_.bind(arity_ok);
  a_.mov(rdi, kThread);
  if (dynamic) a_.mov(edx, esi);
  a_.lea(rsi, fp_word((tail ? 0 : nslots_) + 1));
  if (!dynamic) a_.mov(edx, imm(n));
  sync_frames_top(rcx);
  auto live = live_caller_saved(pos_);
  save(live);
  if (dynamic) {
    // Spread arguments may reach past the frame's extent: sp covers them
    // while the primitive runs (it may collect), and is put back after
    // (jit/README.md). Two words keep rsp aligned.
    a_.push(qword_ptr(kThread, kThreadSp));
    a_.push(rax);
    a_.lea(rcx, qword_ptr(rsi, rdx, 3));
    raise_sp_to(rcx);
  }
  a_.call(qword_ptr(rax, kPrimitiveFn));
  if (dynamic) {
    a_.add(rsp, imm(8));
    a_.pop(rcx);
    a_.mov(qword_ptr(kThread, kThreadSp), rcx);
  }
  restore(live);
  inst_ = at;
  check_raise();
  if (tail)
    ret();
  else
    a_.jmp(resume);
}

}  // namespace kiln::jit
