#include "ir/accumulate.h"

#include <vector>

#include "ir/regalloc.h"
#include "runtime/numbers.h"
#include "runtime/primitive.h"
#include "runtime/thread.h"

namespace kiln::ir {

namespace {

/// The operations an accumulating function may use: none calls anything
/// (but Call and TailCall, which must call the function itself), assigns
/// a global or captures a continuation; the others only read, allocate,
/// write the objects they are given or raise.
bool allowed(Op op) {
  switch (op) {
    case Op::Const: case Op::FreeRef: case Op::GlobalRef: case Op::MakeBox: case Op::BoxRef:
    case Op::BoxSet: case Op::Add: case Op::Sub: case Op::Mul: case Op::Lt: case Op::Le:
    case Op::Gt: case Op::Ge: case Op::NumEq: case Op::Car: case Op::Cdr: case Op::Cons:
    case Op::Eq: case Op::Not: case Op::IsNull: case Op::IsPair: case Op::VectorRef:
    case Op::VectorSet: case Op::Jump: case Op::Branch: case Op::Return: case Op::Call:
    case Op::TailCall:
      return true;
    default:
      return false;
  }
}

/// The largest summand: kStackValues of them still sum to a fixnum.
constexpr int64_t kMaxSummand = Value::kFixnumMax / static_cast<int64_t>(kStackValues);

/// A return of `c + call(...)` (either order) where the call is a self call
/// whose result only that addition reads, and c a small fixnum constant
/// (accumulate.h): the call becomes the loop.
struct Site {
  size_t call;          // index of the Call in its block
  size_t add;           // index of the Add, after the call with only constants between
  ValueId other;        // the addition's other operand, the constant
  bool drop_callee;     // the callee's global-ref is in this block and read by the call only
};

class Accumulator {
 public:
  Accumulator(Function& f, uint32_t cell) : f_(f), cell_(cell) {}

  bool run() {
    if (f_.rest || f_.blocks.size() < 2 || !entry_is_plain_jump()) return false;
    def_.assign(f_.num_values, nullptr);
    for (auto& b : f_.blocks)
      for (auto& i : b.insts)
        if (i.result != kNoValue) def_[i.result] = &i;
    uses_ = use_counts(f_);
    size_t arity = f_.blocks[1].params.size();
    for (auto& b : f_.blocks)
      for (auto& i : b.insts) {
        if (!allowed(i.op)) return false;
        if ((i.op == Op::Call || i.op == Op::TailCall) && (!self_callee(i.args[0]) || i.args.size() != arity))
          return false;
      }
    sites_.assign(f_.blocks.size(), {});
    has_site_.assign(f_.blocks.size(), false);
    for (BlockId b = 1; b < f_.blocks.size(); ++b) has_site_[b] = find_site(b, &sites_[b]);
    // A call besides the looping ones (fib's first) keeps the entry's
    // checks and the loop's bookkeeping on every call: in machine code
    // that costs more than the calls saved (fib(25): 57 instructions a
    // call against 35). Only a linear recursion becomes a loop.
    size_t calls = 0, looping = 0;
    for (BlockId b = 1; b < f_.blocks.size(); ++b) {
      looping += has_site_[b];
      for (const Inst& i : f_.blocks[b].insts) calls += i.op == Op::Call;
    }
    if (looping == 0 || calls != looping || !infer_exact()) return false;
    rewrite();
    return true;
  }

 private:
  Function& f_;
  uint32_t cell_;  // the function's global, in f_.constants
  std::vector<const Inst*> def_;
  std::vector<uint32_t> uses_;
  std::vector<Site> sites_;
  std::vector<bool> has_site_;
  std::vector<bool> exact_;  // value -> an exact integer whenever the entry's checks held

  bool entry_is_plain_jump() const {
    const Block& b0 = f_.blocks[0];
    return b0.insts.size() == 1 && b0.insts[0].op == Op::Jump && b0.insts[0].target[0] == 1 &&
           b0.insts[0].args == b0.params && f_.blocks[1].params.size() == b0.params.size();
  }

  bool self_callee(ValueId v) const {
    const Inst* d = def_[v];
    return d && d->op == Op::GlobalRef && d->imm == cell_;
  }

  bool find_site(BlockId b, Site* site) const {
    const auto& insts = f_.blocks[b].insts;
    size_t n = insts.size();
    if (n < 3 || insts[n - 1].op != Op::Return) return false;
    const Inst& add = insts[n - 2];
    if (add.op != Op::Add || insts[n - 1].args[0] != add.result || uses_[add.result] != 1) return false;
    size_t c = n - 3;  // the call, after which only constants come
    while (c > 0 && insts[c].op == Op::Const) --c;
    const Inst& call = insts[c];
    if (call.op != Op::Call || uses_[call.result] != 1) return false;
    if (add.args[0] != call.result && add.args[1] != call.result) return false;
    ValueId other = add.args[0] == call.result ? add.args[1] : add.args[0];
    const Inst* d = def_[other];
    if (!d || d->op != Op::Const) return false;
    Value summand = f_.constants[d->imm];
    if (!summand.is_fixnum() || summand.as_fixnum() > kMaxSummand || summand.as_fixnum() < -kMaxSummand)
      return false;
    ValueId callee = call.args[0];
    bool drop = uses_[callee] == 1 && c > 0 && insts[c - 1].result == callee;
    *site = Site{c, n - 2, other, drop};
    return true;
  }

  /// The largest set of values that are exact integers given that the loop
  /// header's parameters in it are: optimistic, then what fails is
  /// removed until nothing changes. Every return must stay in it.
  bool infer_exact() {
    exact_.assign(f_.num_values, false);
    for (BlockId b = 1; b < f_.blocks.size(); ++b) {
      const Block& block = f_.blocks[b];
      for (size_t p = b == 1 ? 1 : 0; p < block.params.size(); ++p) exact_[block.params[p]] = true;
      for (const Inst& i : block.insts)
        if (is_arith(i.op) || i.op == Op::Call ||
            (i.op == Op::Const && is_exact_integer(f_.constants[i.imm])))
          exact_[i.result] = true;
    }
    const auto& header = f_.blocks[1].params;
    for (bool changed = true; changed;) {
      changed = false;
      auto require = [&](ValueId needs, ValueId v) {
        if (exact_[needs] && !exact_[v]) exact_[needs] = false, changed = true;
      };
      for (BlockId b = 1; b < f_.blocks.size(); ++b)
        for (const Inst& i : f_.blocks[b].insts) {
          if (is_arith(i.op)) {
            require(i.result, i.args[0]);
            require(i.result, i.args[1]);
          } else if (i.op == Op::Jump) {
            const auto& params = f_.blocks[i.target[0]].params;
            for (size_t k = 0; k < params.size(); ++k) require(params[k], i.args[k]);
          } else if (i.op == Op::Call || i.op == Op::TailCall) {
            // A self call enters the header through the entry with these.
            for (size_t k = 1; k < header.size(); ++k) require(header[k], i.args[k]);
          }
        }
    }
    for (BlockId b = 1; b < f_.blocks.size(); ++b) {
      const Inst& last = f_.blocks[b].insts.back();
      if (last.op == Op::Return && !exact_[last.args[0]]) return false;
    }
    return true;
  }

  void rewrite() {
    size_t n = f_.blocks.size();
    // Blocks 1..n-1 are copied to n..2n-2, every value they define renamed;
    // the blocks the copy adds follow.
    auto copy_of = [n](BlockId b) { return static_cast<BlockId>(n - 1 + b); };
    std::vector<ValueId> rename(f_.num_values, kNoValue);
    for (BlockId b = 1; b < n; ++b) {
      for (ValueId p : f_.blocks[b].params) rename[p] = f_.new_value();
      for (const Inst& i : f_.blocks[b].insts)
        if (i.result != kNoValue) rename[i.result] = f_.new_value();
    }
    auto r = [&](ValueId v) { return rename[v] == kNoValue ? v : rename[v]; };
    auto rs = [&](const std::vector<ValueId>& vs) {
      std::vector<ValueId> out;
      for (ValueId v : vs) out.push_back(r(v));
      return out;
    };
    // The loop's own parameters: the sum so far, and the iterations so far.
    ValueId acc = f_.new_value(), count = f_.new_value();
    ValueId self = r(f_.blocks[1].params[0]);
    uint32_t one = f_.constant(Value::fixnum(1));
    uint32_t limit = f_.constant(Value::fixnum(static_cast<int64_t>(kStackValues)));
    std::vector<Block> blocks(n - 1);
    auto add_block = [&]() {
      blocks.emplace_back();
      return static_cast<BlockId>(n + blocks.size() - 1);
    };
    BlockId too_deep = 0;
    for (BlockId b = 1; b < n; ++b) {
      const Block& from = f_.blocks[b];
      BlockId at = copy_of(b);
      auto emit = [&](Inst i) { blocks[at - n].insts.push_back(std::move(i)); };
      auto add = [&](ValueId x, ValueId y, SrcLoc loc) {
        ValueId sum = f_.new_value();
        emit(make_inst(Op::Add, sum, {x, y}, loc));
        return sum;
      };
      blocks[at - n].cold = from.cold;
      blocks[at - n].params = rs(from.params);
      if (b == 1) blocks[at - n].params.insert(blocks[at - n].params.end(), {acc, count});
      for (size_t k = 0; k < from.insts.size(); ++k) {
        const Inst& i = from.insts[k];
        if (has_site_[b]) {
          const Site& s = sites_[b];
          if (k == s.call || (s.drop_callee && k + 1 == s.call)) continue;
          if (k == s.add) {
            // acc + (c + f(args)) = (acc + c) + f(args): loop, as long as
            // the recursion could have been that deep.
            SrcLoc loc = from.insts[s.call].loc;
            std::vector<ValueId> args = rs(from.insts[s.call].args);
            args[0] = self;
            args.push_back(add(acc, r(s.other), i.loc));
            ValueId c1 = f_.new_value(), cmax = f_.new_value(), ok = f_.new_value();
            emit(make_inst(Op::Const, c1, {}, loc, one));
            ValueId next = add(count, c1, loc);
            emit(make_inst(Op::Const, cmax, {}, loc, limit));
            emit(make_inst(Op::Lt, ok, {next, cmax}, loc));
            if (!too_deep) {
              too_deep = add_block();
              ValueId e = f_.new_value();
              uint32_t prim = f_.constant(builtin_primitive("%recursion-too-deep"));
              blocks[too_deep - n].cold = true;
              blocks[too_deep - n].insts.push_back(make_inst(Op::CallPrim, e, {}, loc, prim));
              blocks[too_deep - n].insts.push_back(make_inst(Op::Return, kNoValue, {e}, loc));
            }
            BlockId loop = add_block();
            Inst br = make_inst(Op::Branch, kNoValue, {ok}, loc);
            br.target[0] = loop;
            br.target[1] = too_deep;
            emit(std::move(br));
            args.push_back(next);
            Inst jump = make_inst(Op::Jump, kNoValue, std::move(args), loc);
            jump.target[0] = copy_of(1);
            blocks[loop - n].insts.push_back(std::move(jump));
            break;
          }
        }
        Inst c = i;
        c.result = i.result == kNoValue ? kNoValue : r(i.result);
        c.args = rs(i.args);
        if (i.op == Op::Return) {
          emit(make_inst(Op::Return, kNoValue, {add(acc, c.args[0], i.loc)}, i.loc));
        } else if (i.op == Op::TailCall) {
          // The callee is the global, checked at entry to be this closure
          // and unchanged since: the loop jump beside this call always
          // runs instead. Should it not, the result is still added.
          ValueId result = f_.new_value();
          emit(make_inst(Op::Call, result, c.args, i.loc));
          emit(make_inst(Op::Return, kNoValue, {add(acc, result, i.loc)}, i.loc));
        } else {
          // A self tail call's jump: the stack would not have grown.
          if (i.op == Op::Jump && i.target[0] == 1) c.args.insert(c.args.end(), {acc, count});
          if (i.op == Op::Jump || i.op == Op::Branch) c.target[0] = copy_of(i.target[0]);
          if (i.op == Op::Branch) c.target[1] = copy_of(i.target[1]);
          emit(std::move(c));
        }
      }
    }
    for (Block& b : blocks) f_.blocks.push_back(std::move(b));
    guard_entry(copy_of(1));
  }

  /// Block 0 checks that the global holds the running closure and that the
  /// exact parameters are exact integers: then the copy at `loop` with a
  /// sum and a count of 0, else the body as it was.
  void guard_entry(BlockId loop) {
    std::vector<ValueId> params = f_.blocks[0].params;
    Inst entry_jump = f_.blocks[0].insts.back();
    SrcLoc loc = entry_jump.loc;
    BlockId plain = f_.new_block();
    f_.blocks[plain].insts.push_back(entry_jump);
    auto branch_to = [&](BlockId from, ValueId cond) {
      BlockId next = f_.new_block();
      Inst br = make_inst(Op::Branch, kNoValue, {cond}, loc);
      br.target[0] = next;
      br.target[1] = plain;
      f_.blocks[from].insts.push_back(std::move(br));
      return next;
    };
    f_.blocks[0].insts.clear();
    ValueId global = f_.new_value(), same = f_.new_value();
    f_.blocks[0].insts.push_back(make_inst(Op::GlobalRef, global, {}, loc, cell_));
    f_.blocks[0].insts.push_back(make_inst(Op::Eq, same, {global, params[0]}, loc));
    BlockId at = branch_to(0, same);
    uint32_t check = UINT32_MAX;
    std::vector<ValueId> header = f_.blocks[1].params;  // copied: blocks are added below
    for (size_t k = 1; k < header.size(); ++k) {
      if (!exact_[header[k]]) continue;
      if (check == UINT32_MAX) check = f_.constant(builtin_primitive("exact-integer?"));
      ValueId ok = f_.new_value();
      f_.blocks[at].insts.push_back(make_inst(Op::CallPrim, ok, {params[k]}, loc, check));
      at = branch_to(at, ok);
    }
    ValueId zero = f_.new_value();
    f_.blocks[at].insts.push_back(make_inst(Op::Const, zero, {}, loc, f_.constant(Value::fixnum(0))));
    std::vector<ValueId> args = params;
    args.insert(args.end(), {zero, zero});
    Inst jump = make_inst(Op::Jump, kNoValue, std::move(args), loc);
    jump.target[0] = loop;
    f_.blocks[at].insts.push_back(std::move(jump));
  }
};

/// The child of `f` whose closure `v` is, when the instruction defining it
/// is `insts[k - 1]`: a closure made there, or a closed lambda's constant.
Function* defined_child(Function& f, const std::vector<Inst>& insts, size_t k, ValueId v) {
  if (k == 0 || insts[k - 1].result != v) return nullptr;
  const Inst& d = insts[k - 1];
  if (d.op == Op::MakeClosure) return f.children[d.imm].get();
  if (d.op != Op::Const) return nullptr;
  for (auto& child : f.children)
    if (child->self_constant != UINT32_MAX && child->constants[child->self_constant] == f.constants[d.imm])
      return child.get();
  return nullptr;
}

}  // namespace

int accumulate_defined_children(Function& f) {
  int rewritten = 0;
  for (auto& b : f.blocks)
    for (size_t k = 0; k < b.insts.size(); ++k) {
      const Inst& i = b.insts[k];
      if (i.op != Op::GlobalDef) continue;
      Function* child = defined_child(f, b.insts, k, i.args[0]);
      if (!child) continue;
      Value cell = f.constants[i.imm];
      for (uint32_t c = 0; c < child->constants.size(); ++c)
        if (child->constants[c] == cell) {
          rewritten += Accumulator(*child, c).run();
          break;
        }
    }
  return rewritten;
}

}  // namespace kiln::ir
