#include "vm/emit.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <stdexcept>

#include "runtime/gc.h"
#include "ir/regalloc.h"
#include "vm/opcodes.h"

namespace kiln::vm {

using ir::BlockId;
using ir::Function;
using ir::Inst;
using ir::Op;
using ir::ValueId;

namespace {

class Emitter {
 public:
  Emitter(const Function& f, const gc_vector<Value>& children) : f_(f), children_(children) {}

  Proto* run() {
    alloc_ = ir::allocate_slots(f_);
    reg_ = alloc_.slot;
    order_ = alloc_.order;
    layout_index_ = alloc_.layout_index;
    nregs_ = alloc_.nslots;
    find_folded_constants();
    encode();
    return finish();
  }

 private:
  const Function& f_;
  const gc_vector<Value>& children_;

  ir::SlotAllocation alloc_;
  int pos_ = 0;  // the position of the instruction being encoded
  std::vector<BlockId> order_;           // blocks in layout order
  std::vector<uint32_t> layout_index_;   // block -> position in order_
  std::vector<uint32_t> reg_;            // register of each value
  uint32_t nregs_ = 0;
  uint32_t max_outgoing_ = 0;

  std::vector<uint32_t> code_;
  std::vector<PcLoc> pc_locs_;
  std::vector<std::pair<size_t, BlockId>> fixups_;  // code word -> block address
  std::vector<uint32_t> block_addr_;

  uint32_t scratch() const { return nregs_ - 1; }
  uint32_t r(ValueId v) const { return reg_[v]; }

  // --- encoding --------------------------------------------------------------

  void op(Opcode o, uint32_t a) { code_.push_back(make_word0(o, a)); }
  void word(uint32_t w) { code_.push_back(w); }
  void jump_to(Opcode o, uint32_t a, BlockId target, bool a_is_target) {
    if (a_is_target) {
      fixups_.push_back({code_.size(), target});
      op(o, 0);
    } else {
      op(o, a);
      fixups_.push_back({code_.size(), target});
      word(0);
    }
  }

  /// Moves src[i] into dst[i] all at once.
  void parallel_move(std::vector<std::pair<uint32_t, uint32_t>> moves) {  // (dst, src)
    moves.erase(std::remove_if(moves.begin(), moves.end(), [](auto& m) { return m.first == m.second; }), moves.end());
    while (!moves.empty()) {
      bool progress = false;
      for (size_t i = 0; i < moves.size(); ++i) {
        uint32_t dst = moves[i].first;
        bool read_later = std::any_of(moves.begin(), moves.end(), [&](auto& m) { return m.second == dst; });
        if (read_later) continue;
        op(Opcode::MOV, dst);
        word(moves[i].second);
        moves.erase(moves.begin() + static_cast<long>(i));
        progress = true;
        break;
      }
      if (progress) continue;
      // Every destination is still to be read: a cycle. Park one source.
      uint32_t src = moves[0].second;
      op(Opcode::MOV, scratch());
      word(src);
      for (auto& m : moves)
        if (m.second == src) m.second = scratch();
    }
  }

  void note_loc(SrcLoc loc) {
    if (!loc.known()) return;
    if (!pc_locs_.empty()) {
      const SrcLoc& last = pc_locs_.back().loc;
      if (last.file == loc.file && last.line == loc.line && last.col == loc.col) return;
    }
    pc_locs_.push_back({static_cast<uint32_t>(code_.size()), loc});
  }

  void regs(const std::vector<ValueId>& args, size_t from) {
    for (size_t i = from; i < args.size(); ++i) word(r(args[i]));
  }

  void encode() {
    block_addr_.assign(f_.blocks.size(), 0);
    for (uint32_t li = 0; li < order_.size(); ++li) {
      BlockId b = order_[li];
      block_addr_[b] = static_cast<uint32_t>(code_.size());
      BlockId next = li + 1 < order_.size() ? order_[li + 1] : UINT32_MAX;
      const auto& insts = f_.blocks[b].insts;
      for (size_t i = 0; i < insts.size(); ++i) {
        note_loc(insts[i].loc);
        pos_ = alloc_.position(b, i);
        if (i + 1 < insts.size() && encode_fused_branch(insts[i], insts[i + 1], next)) {
          ++i;  // the branch went into the compare
          continue;
        }
        encode(insts[i], li, next);
      }
    }
    for (auto& [at, target] : fixups_) {
      if (word_opcode(code_[at]) == Opcode::JMP || word_opcode(code_[at]) == Opcode::LOOP)
        code_[at] |= block_addr_[target] << 8;
      else
        code_[at] = block_addr_[target];
    }
  }

  /// Small fixnum constants used once, as the second operand of `+`, `-` or
  /// a compare fused with its branch, become immediate operands (ADDI,
  /// JNLTI, ...): their CONST instructions are not emitted.
  std::vector<bool> folded_;  // value -> a constant folded into its user

  /// Whether `v` is a Const of a fixnum that fits 32 bits, used once; if so
  /// `*word_out` is its tagged word.
  bool foldable(ValueId v, int32_t* word_out) const {
    const Inst* d = const_def_[v];
    if (!d || alloc_.uses[v] != 1) return false;
    Value c = f_.constants[d->imm];
    if (!c.is_fixnum()) return false;
    int64_t raw = static_cast<int64_t>(c.raw);
    if (raw < INT32_MIN || raw > INT32_MAX) return false;
    *word_out = static_cast<int32_t>(raw);
    return true;
  }
  std::vector<const Inst*> const_def_;  // value -> its Const instruction, if any

  static bool fusable_compare(Op op) {
    return op == Op::Lt || op == Op::Le || op == Op::Gt || op == Op::Ge || op == Op::NumEq;
  }

  void find_folded_constants() {
    const_def_.assign(f_.num_values, nullptr);
    folded_.assign(f_.num_values, false);
    for (const ir::Block& b : f_.blocks)
      for (const Inst& inst : b.insts)
        if (inst.op == Op::Const) const_def_[inst.result] = &inst;
    int32_t word = 0;
    for (const ir::Block& b : f_.blocks)
      for (size_t i = 0; i < b.insts.size(); ++i) {
        const Inst& inst = b.insts[i];
        bool fused = fusable_compare(inst.op) && i + 1 < b.insts.size() && b.insts[i + 1].op == Op::Branch &&
                     b.insts[i + 1].args[0] == inst.result && alloc_.uses[inst.result] == 1;
        if ((inst.op == Op::Add || inst.op == Op::Sub || fused) && foldable(inst.args[1], &word))
          folded_[inst.args[1]] = true;
      }
  }

  /// A numeric compare whose only use is the branch right after it becomes
  /// one instruction that jumps to the false target: one dispatch, not two.
  bool encode_fused_branch(const Inst& cmp, const Inst& br, BlockId next) {
    if (br.op != Op::Branch || br.args[0] != cmp.result || alloc_.uses[cmp.result] != 1) return false;
    Opcode o;
    switch (cmp.op) {
      case Op::Lt: o = Opcode::JNLT; break;
      case Op::Le: o = Opcode::JNLE; break;
      case Op::Gt: o = Opcode::JNGT; break;
      case Op::Ge: o = Opcode::JNGE; break;
      case Op::NumEq: o = Opcode::JNNUMEQ; break;
      default: return false;
    }
    int32_t imm_word = 0;
    if (folded_[cmp.args[1]] && foldable(cmp.args[1], &imm_word)) {
      static const Opcode immediate[] = {Opcode::JNLTI, Opcode::JNLEI, Opcode::JNGTI, Opcode::JNGEI, Opcode::JNNUMEQI};
      o = immediate[static_cast<int>(o) - static_cast<int>(Opcode::JNLT)];
      op(o, r(cmp.args[0]));
      word(static_cast<uint32_t>(imm_word));
    } else {
      op(o, r(cmp.args[0]));
      word(r(cmp.args[1]));
    }
    fixups_.push_back({code_.size(), br.target[1]});
    word(0);
    if (br.target[0] != next) jump_to(Opcode::JMP, 0, br.target[0], true);
    return true;
  }

  void encode(const Inst& inst, uint32_t li, BlockId next) {
    auto bin = [&](Opcode o) {
      op(o, r(inst.result));
      word(r(inst.args[0]));
      word(r(inst.args[1]));
    };
    auto un = [&](Opcode o) {
      op(o, r(inst.result));
      word(r(inst.args[0]));
    };
    uint32_t nconst = static_cast<uint32_t>(f_.constants.size());
    switch (inst.op) {
      case Op::Const:
        if (folded_[inst.result]) break;  // an immediate operand of its user
        op(Opcode::CONST, r(inst.result));
        word(inst.imm);
        break;
      case Op::FreeRef: op(Opcode::FREF, r(inst.result)); word(r(inst.args[0])); word(inst.imm); break;
      case Op::GlobalRef: op(Opcode::GREF, r(inst.result)); word(inst.imm); break;
      case Op::GlobalSet: op(Opcode::GSET, r(inst.args[0])); word(inst.imm); break;
      case Op::GlobalDef: op(Opcode::GDEF, r(inst.args[0])); word(inst.imm); break;
      case Op::MakeBox: un(Opcode::BOX); break;
      case Op::BoxRef: un(Opcode::UNBOX); break;
      case Op::BoxSet: op(Opcode::SETBOX, r(inst.args[0])); word(r(inst.args[1])); break;
      case Op::MakeClosure:
        op(Opcode::CLOSURE, r(inst.result));
        word(nconst + inst.imm);
        word(static_cast<uint32_t>(inst.args.size()));
        regs(inst.args, 0);
        break;
      case Op::ClosureSet: op(Opcode::PATCH, r(inst.args[0])); word(inst.imm); word(r(inst.args[1])); break;
      case Op::Call: {
        op(Opcode::CALL, r(inst.result));
        word(static_cast<uint32_t>(inst.args.size() - 1));
        regs(inst.args, 0);
        max_outgoing_ = std::max(max_outgoing_, static_cast<uint32_t>(inst.args.size()));
        // Safe for space: registers whose values die at this call are
        // cleared once the callee has its copies, so a long-running callee
        // (a stream walk) does not keep them alive through this frame.
        std::vector<uint32_t> dead;
        for (ValueId a : inst.args)
          if (alloc_.end[a] == pos_ && std::find(dead.begin(), dead.end(), r(a)) == dead.end()) dead.push_back(r(a));
        word(static_cast<uint32_t>(dead.size()));
        for (uint32_t d : dead) word(d);
        break;
      }
      case Op::TailCall:
        op(Opcode::TAILCALL, static_cast<uint32_t>(inst.args.size() - 1));
        regs(inst.args, 0);
        max_outgoing_ = std::max(max_outgoing_, static_cast<uint32_t>(inst.args.size()));
        break;
      case Op::CallPrim:
        op(Opcode::PRIM, r(inst.result));
        word(inst.imm);
        word(static_cast<uint32_t>(inst.args.size()));
        regs(inst.args, 0);
        max_outgoing_ = std::max(max_outgoing_, static_cast<uint32_t>(inst.args.size()));
        break;
      case Op::Add:
      case Op::Sub: {
        int32_t imm_word = 0;
        if (folded_[inst.args[1]] && foldable(inst.args[1], &imm_word)) {
          op(inst.op == Op::Add ? Opcode::ADDI : Opcode::SUBI, r(inst.result));
          word(r(inst.args[0]));
          word(static_cast<uint32_t>(imm_word));
        } else {
          bin(inst.op == Op::Add ? Opcode::ADD : Opcode::SUB);
        }
        break;
      }
      case Op::Mul: bin(Opcode::MUL); break;
      case Op::Lt: bin(Opcode::LT); break;
      case Op::Le: bin(Opcode::LE); break;
      case Op::Gt: bin(Opcode::GT); break;
      case Op::Ge: bin(Opcode::GE); break;
      case Op::NumEq: bin(Opcode::NUMEQ); break;
      case Op::Car: un(Opcode::CAR); break;
      case Op::Cdr: un(Opcode::CDR); break;
      case Op::Cons: bin(Opcode::CONS); break;
      case Op::Eq: bin(Opcode::EQ); break;
      case Op::Not: un(Opcode::NOT); break;
      case Op::IsNull: un(Opcode::NULLP); break;
      case Op::IsPair: un(Opcode::PAIRP); break;
      case Op::VectorRef: bin(Opcode::VREF); break;
      case Op::VectorSet:
        op(Opcode::VSET, r(inst.args[0]));
        word(r(inst.args[1]));
        word(r(inst.args[2]));
        break;
      case Op::Return: op(Opcode::RET, r(inst.args[0])); break;
      case Op::CallCCTail: op(Opcode::CALLCCT, r(inst.result)); break;
      case Op::CallCC: {
        op(Opcode::CALLCC, r(inst.result));
        word(r(f_.blocks[inst.target[1]].params[0]));
        fixups_.push_back({code_.size(), inst.target[1]});
        word(0);
        // Safe for space: the capture copies every register of the frame,
        // and those no value lives in across it may still hold what an
        // earlier activation at the same place left there -- in a loop,
        // the continuation captured by the previous pass, which holds the
        // one before: a chain as long as the loop. They are cleared first.
        // (Register 0, the closure, stays: frames are described by it.)
        std::vector<bool> live(nregs_, false);
        live[0] = true;
        for (ValueId v = 0; v < f_.num_values; ++v)
          if (alloc_.slot[v] != UINT32_MAX && alloc_.start[v] < pos_ && alloc_.end[v] > pos_) live[r(v)] = true;
        std::vector<uint32_t> stale;
        for (uint32_t reg = 0; reg < nregs_; ++reg)
          if (!live[reg]) stale.push_back(reg);
        word(static_cast<uint32_t>(stale.size()));
        for (uint32_t reg : stale) word(reg);
        if (inst.target[0] != next) jump_to(Opcode::JMP, 0, inst.target[0], true);
        break;
      }
      case Op::Jump: {
        BlockId target = inst.target[0];
        const auto& params = f_.blocks[target].params;
        std::vector<std::pair<uint32_t, uint32_t>> moves;
        for (size_t i = 0; i < params.size(); ++i)
          if (reg_[params[i]] != UINT32_MAX) moves.push_back({r(params[i]), r(inst.args[i])});
        parallel_move(std::move(moves));
        if (target == next) break;
        if (layout_index_[target] > li) {
          jump_to(Opcode::JMP, 0, target, true);
          break;
        }
        // A back edge. To the loop header (block 1, whose parameters are
        // the function's own: self and the arguments) it lists their
        // registers, so the VM can continue the loop in machine code once
        // the function is compiled (interp.cpp, op_LOOP). Every back edge
        // ends with the header's block id: another header (a contified
        // loop) is entered in machine code through its OSR entry
        // (jit/osr.cpp), which finds the header's values in the registers.
        jump_to(Opcode::LOOP, 0, target, true);
        if (target == 1 && !f_.rest) {
          word(static_cast<uint32_t>(params.size()));
          for (ValueId p : params) word(r(p));
        } else {
          word(0);
        }
        word(target);
        break;
      }
      case Op::FlBox:
      case Op::FlRebox:
      case Op::FlUnbox:
      case Op::FlGuard:
      case Op::FxGuard:
      case Op::IntShadow:
      case Op::IntShadowUse:
      case Op::RawResult:
        throw std::logic_error("the JIT's unboxed IR form reached the VM emitter");
      case Op::Branch: {
        BlockId yes = inst.target[0], no = inst.target[1];
        uint32_t cond = r(inst.args[0]);
        if (yes == next) {
          jump_to(Opcode::BRF, cond, no, false);
        } else if (no == next) {
          jump_to(Opcode::BRT, cond, yes, false);
        } else {
          jump_to(Opcode::BRF, cond, no, false);
          jump_to(Opcode::JMP, 0, yes, true);
        }
        break;
      }
    }
  }

  Proto* finish() {
    // A closed lambda's Proto exists already: its one closure, which
    // other functions hold as a constant, points at it (ir/build.cpp).
    auto* p = f_.self_constant != UINT32_MAX ? f_.constants[f_.self_constant].as<Closure>()->proto
                                             : gc_new<Proto>(Type::Proto, sizeof(Proto));
    p->name = f_.name;
    p->nreq = f_.nreq;
    p->rest = f_.rest;
    p->nregs = nregs_;
    p->frame_size = nregs_ + 1 + max_outgoing_;
    auto* code = static_cast<uint32_t*>(gc_alloc_atomic(code_.size() * sizeof(uint32_t)));
    std::memcpy(code, code_.data(), code_.size() * sizeof(uint32_t));
    p->code = code;
    p->code_size = static_cast<uint32_t>(code_.size());
    size_t nconst = f_.constants.size() + children_.size();
    auto* constants = static_cast<Value*>(gc_alloc(std::max<size_t>(1, nconst) * sizeof(Value)));
    for (size_t i = 0; i < f_.constants.size(); ++i) constants[i] = f_.constants[i];
    for (size_t i = 0; i < children_.size(); ++i) constants[f_.constants.size() + i] = children_[i];
    p->constants = constants;
    p->num_constants = static_cast<uint32_t>(nconst);
    auto* locs = static_cast<PcLoc*>(gc_alloc_atomic(std::max<size_t>(1, pc_locs_.size()) * sizeof(PcLoc)));
    if (!pc_locs_.empty()) std::memcpy(locs, pc_locs_.data(), pc_locs_.size() * sizeof(PcLoc));
    p->pc_locs = locs;
    p->num_pc_locs = static_cast<uint32_t>(pc_locs_.size());
    p->loc = f_.loc;
    p->ir = &f_;
    set_call_entries(p);  // no machine code yet: the interpreter's stubs
    return p;
  }
};

}  // namespace

Proto* emit(const Function& f) {
  gc_vector<Value> children;
  for (const auto& child : f.children) children.push_back(Value::object(emit(*child)));
  return Emitter(f, children).run();
}

}  // namespace kiln::vm
