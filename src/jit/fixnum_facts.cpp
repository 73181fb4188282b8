// Fixnums proven by the program's logic (fixnum_facts.h).
#include "jit/fixnum_facts.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "ir/regalloc.h"
#include "jit/fixnum_guards.h"
#include "runtime/object.h"

namespace kiln::jit {
namespace {

using ir::BlockId;
using ir::Inst;
using ir::Op;
using ir::ValueId;
constexpr BlockId kNone = FixnumFacts::kNone;

// Far below the fixnum limit (2^62), so that sums of two small values, and
// of a small value and a small constant, are fixnums; far above any length.
constexpr int64_t kSmallConstant = int64_t{1} << 40;

// How many dominators up `bounded` looks for its branch, and how many
// passes the fixed point may take before it gives up its claims (a long
// chain of loop parameters and adds, fed from a back edge, would withdraw
// a link per pass).
constexpr uint32_t kBoundSearch = 16, kMaxPasses = 8;

// Per value (or block), lists of a few words, in two flat vectors: a
// compilation allocates for each function, not for each value.
struct Lists {
  struct Entry {
    uint32_t a, b, next;
  };
  std::vector<uint32_t> head;
  std::vector<Entry> entries;
  void init(size_t n) {
    head.assign(n, UINT32_MAX);
    entries.clear();
  }
  void add(uint32_t v, uint32_t a, uint32_t b) {
    entries.push_back({a, b, head[v]});
    head[v] = static_cast<uint32_t>(entries.size() - 1);
  }
  bool empty(uint32_t v) const { return head[v] == UINT32_MAX; }
  template <class F>
  bool any(uint32_t v, F f) const {
    for (uint32_t e = head[v]; e != UINT32_MAX; e = entries[e].next)
      if (f(entries[e].a, entries[e].b)) return true;
    return false;
  }
};

// The analysis's working memory, kept from one compilation to the next
// (each runs to the end before another starts): allocating it afresh took
// more instructions than the analysis.
struct Scratch {
  Lists preds, children, index_of, uses, incoming;
  std::vector<uint32_t> edges, number, pre, post;
  std::vector<BlockId> rpo;
  std::vector<uint8_t> state, length, candidate, guarded;
  std::vector<std::pair<BlockId, uint32_t>> stack;
};

/// Immediate dominators by Cooper, Harvey and Kennedy's iteration over a
/// reverse postorder; `s.preds` lists each block's predecessors (in a).
void dominators(const ir::Function& f, Scratch& s, std::vector<BlockId>& idom) {
  size_t n = f.blocks.size();
  const Lists& preds = s.preds;
  std::vector<BlockId>& rpo = s.rpo;
  std::vector<uint32_t>& number = s.number;
  rpo.clear();
  number.assign(n, UINT32_MAX);
  {
    std::vector<uint8_t>& state = s.state;  // 0 new, 1 on the stack, 2 done
    state.assign(n, 0);
    auto& stack = s.stack;
    stack.assign(1, {0, 0});
    state[0] = 1;
    while (!stack.empty()) {
      auto& [b, next] = stack.back();
      ir::Successors succ = ir::successors(f.blocks[b]);
      if (next < succ.size()) {
        BlockId s = succ[next++];
        if (state[s] == 0) {
          state[s] = 1;
          stack.push_back({s, 0});
        }
        continue;
      }
      state[b] = 2;
      rpo.push_back(b);
      stack.pop_back();
    }
    std::reverse(rpo.begin(), rpo.end());
    for (uint32_t i = 0; i < rpo.size(); ++i) number[rpo[i]] = i;
  }
  idom.assign(n, kNone);
  idom[0] = 0;
  auto intersect = [&](BlockId a, BlockId b) {
    while (a != b) {
      while (number[a] > number[b]) a = idom[a];
      while (number[b] > number[a]) b = idom[b];
    }
    return a;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t k = 1; k < rpo.size(); ++k) {
      BlockId b = rpo[k], d = kNone;
      preds.any(b, [&](BlockId p, uint32_t) {
        if (idom[p] != kNone) d = d == kNone ? p : intersect(p, d);
        return false;
      });
      if (d != idom[b]) {
        idom[b] = d;
        changed = true;
      }
    }
  }
}

struct Analysis {
  const ir::Function& f;
  const std::vector<const Inst*>& def;
  FixnumFacts& out;
  Scratch& s;
  std::vector<uint8_t>& length;       // value -> a length: small everywhere
  Lists& index_of;                    // value -> the accesses taking it as index: (block, instruction)
  Lists& uses;                        // add or sub's value -> the instructions taking it: (block, instruction)

  Analysis(const ir::Function& fn, const std::vector<const Inst*>& d, FixnumFacts& o, Scratch& sc)
      : f(fn), def(d), out(o), s(sc), length(sc.length), index_of(sc.index_of), uses(sc.uses) {}

  // A tagged Scheme value (not a raw double or an int32 shadow).
  bool tagged(ValueId v) const {
    return !(v < f.raw.size() && f.raw[v]) && !(v < f.shadow_of.size() && f.shadow_of[v] != ir::kNoValue);
  }

  // By the dominator tree's preorder and postorder numbers.
  bool strictly_dominates(BlockId a, BlockId b) const {
    return a != b && s.pre[a] <= s.pre[b] && s.post[b] <= s.post[a] && s.pre[b] != UINT32_MAX;
  }

  // Instruction i of block b runs after instruction ci of block cb on every path.
  bool after(BlockId cb, uint32_t ci, BlockId b, uint32_t i) const {
    return cb == b ? ci < i : strictly_dominates(cb, b);
  }

  bool small_at(ValueId v, BlockId b, uint32_t i) const {
    if (!tagged(v)) return false;
    if (const Inst* d = def[v]; d && d->op == Op::Const) {
      Value c = f.constants[d->imm];
      return c.is_fixnum() && c.as_fixnum() >= -kSmallConstant && c.as_fixnum() <= kSmallConstant;
    }
    return length[v] || index_of.any(v, [&](BlockId cb, uint32_t ci) { return after(cb, ci, b, i); });
  }

  bool fixnum_at(ValueId v, BlockId b, uint32_t i) const { return out.fixnum[v] || small_at(v, b, i); }

  // Whether x + k (k > 0) or x - (-k) (k < 0), for a fixnum x, stays a
  // fixnum by what the branches every path to block b takes proved: x < n
  // (x > n for k < 0) for a fixnum n when |k| is 1, or x <= c, x < c
  // (x >= c, x > c) for a constant c far enough from the limit. (On
  // fixnums a compare that is false proves its negation; a NaN makes it
  // false, but a NaN x takes the flonum path, which cannot overflow.)
  bool bounded(ValueId x, int64_t k, BlockId b, ValueId* witness) const {
    // The branch that bounds a counter is near it: only so many
    // dominators up are asked, so that a long chain of blocks costs
    // linear time, not quadratic.
    uint32_t depth = 0;
    for (BlockId d = b; d != kNone && depth++ < kBoundSearch; d = d == 0 ? kNone : out.idom[d]) {
      BlockId p = out.single_pred[d];
      if (p == kNone) continue;
      const Inst& t = f.blocks[p].insts.back();
      if (t.op != Op::Branch || t.target[0] == t.target[1]) continue;
      const Inst* c = def[t.args[0]];
      if (!c || !is_compare(c->op) || c->op == Op::NumEq || !tagged(c->args[0]) || !tagged(c->args[1])) continue;
      bool taken = d == t.target[0];
      // The order this outcome proves: lo < hi (strict) or lo <= hi.
      ValueId lo = c->args[0], hi = c->args[1];
      bool strict;
      switch (c->op) {
        case Op::Lt: strict = taken; if (!taken) std::swap(lo, hi); break;
        case Op::Le: strict = !taken; if (!taken) std::swap(lo, hi); break;
        case Op::Gt: strict = taken; if (taken) std::swap(lo, hi); break;
        default: strict = !taken; if (taken) std::swap(lo, hi); break;  // Ge
      }
      ValueId bound = k > 0 ? hi : lo;
      if ((k > 0 ? lo : hi) != x) continue;
      uint32_t at = static_cast<uint32_t>(f.blocks[p].insts.size() - 1);
      if (strict && (k == 1 || k == -1) && fixnum_at(bound, p, at)) {
        *witness = bound;
        return true;
      }
      if (const Inst* cd = def[bound]; cd && cd->op == Op::Const && f.constants[cd->imm].is_fixnum()) {
        int64_t limit = f.constants[cd->imm].as_fixnum();  // |limit| < 2^62, |k| <= 2^40: no overflow here
        if (k > 0 && (strict ? limit - 1 : limit) + k <= Value::kFixnumMax) return true;
        if (k < 0 && (strict ? limit + 1 : limit) + k >= Value::kFixnumMin) return true;
      }
    }
    return false;
  }

  // A fixnum constant's value, if it is small.
  bool small_constant(ValueId v, int64_t* k) const {
    const Inst* d = def[v];
    if (!d || d->op != Op::Const || !f.constants[d->imm].is_fixnum()) return false;
    *k = f.constants[d->imm].as_fixnum();
    return *k >= -kSmallConstant && *k <= kSmallConstant && *k != 0;
  }

  // An add or sub (at instruction i of block b) that cannot overflow: its
  // operands are small there, or wherever its result is used (where they
  // are not, an access raised first, and the result's wrong bits, still a
  // fixnum's, went unused: `(loop (+ i 1))` after `(vector-ref v i)`).
  // `*witness`: the bound's n, if a branch on x < n (n < x) proved it.
  bool exact(const Inst& inst, BlockId b, uint32_t i, ValueId* witness) const {
    *witness = ir::kNoValue;
    // One that restarts the call on overflow (fixnum_guards.h) goes on
    // only with a fixnum.
    if (restart_values(inst)) return true;
    ValueId x = inst.args[0], y = inst.args[1];
    if (small_at(x, b, i) && small_at(y, b, i)) return true;
    if (!uses.empty(inst.result) && !uses.any(inst.result, [&](BlockId ub, uint32_t ui) {
          return !small_at(x, ub, ui) || !small_at(y, ub, ui);
        }))
      return true;
    int64_t k;
    if (small_constant(y, &k)) return bounded(x, inst.op == Op::Add ? k : -k, b, witness);
    return inst.op == Op::Add && small_constant(x, &k) && bounded(y, k, b, witness);
  }

  void number_dominator_tree();
  bool withdraw_pass();
  void run();
};

void Analysis::number_dominator_tree() {
  size_t n = f.blocks.size();
  s.children.init(n);
  for (BlockId b = 1; b < n; ++b)
    if (out.idom[b] != kNone) s.children.add(out.idom[b], b, 0);
  s.pre.assign(n, UINT32_MAX);
  s.post.assign(n, UINT32_MAX);
  uint32_t pre = 0, post = 0;
  // (block, next child entry)
  auto& stack = s.stack;
  stack.assign(1, {0, s.children.head[0]});
  s.pre[0] = pre++;
  while (!stack.empty()) {
    auto& [b, e] = stack.back();
    if (e == UINT32_MAX) {
      s.post[b] = post++;
      stack.pop_back();
      continue;
    }
    BlockId c = s.children.entries[e].a;
    e = s.children.entries[e].next;
    s.pre[c] = pre++;
    stack.push_back({c, s.children.head[c]});
  }
}

// One pass in reverse postorder, so that facts withdrawn flow forward
// within it: a block's parameters, then its adds and subs. Whether it
// withdrew anything.
bool Analysis::withdraw_pass() {
  bool changed = false;
  for (BlockId b : s.rpo) {
    for (ValueId v : f.blocks[b].params) {
      if (!out.fixnum[v] || s.incoming.empty(v)) continue;
      if (s.incoming.any(v, [&](ValueId a, BlockId from) {
            return !fixnum_at(a, from, static_cast<uint32_t>(f.blocks[from].insts.size() - 1));
          })) {
        out.fixnum[v] = false;
        changed = true;
      }
    }
    const auto& insts = f.blocks[b].insts;
    for (uint32_t i = 0; i < insts.size(); ++i) {
      const Inst& inst = insts[i];
      if ((inst.op != Op::Add && inst.op != Op::Sub) || !tagged(inst.result)) continue;
      bool e = exact(inst, b, i, &out.bound[inst.result]);
      out.exact[inst.result] = e;
      if (out.fixnum[inst.result] && !(e && fixnum_at(inst.args[0], b, i) && fixnum_at(inst.args[1], b, i))) {
        out.fixnum[inst.result] = false;
        changed = true;
      }
    }
  }
  return changed;
}

bool is_length(const ir::Function& f, const Inst& inst) {
  if (inst.op != Op::CallPrim || inst.args.size() != 1) return false;
  const char* name = f.constants[inst.imm].as<Primitive>()->name;
  return std::strcmp(name, "vector-length") == 0 || std::strcmp(name, "string-length") == 0 ||
         std::strcmp(name, "bytevector-length") == 0;
}

void Analysis::run() {
  size_t nblocks = f.blocks.size();
  Lists& preds = s.preds;
  preds.init(nblocks);
  bool arithmetic = false;
  for (BlockId b = 0; b < nblocks; ++b) {
    for (BlockId succ : ir::successors(f.blocks[b]))
      if (preds.empty(succ) || preds.entries[preds.head[succ]].a != b) preds.add(succ, b, 0);
    for (const Inst& inst : f.blocks[b].insts) arithmetic |= inst.op == Op::Add || inst.op == Op::Sub;
  }
  dominators(f, s, out.idom);
  number_dominator_tree();
  std::vector<uint32_t>& edges = s.edges;
  edges.assign(nblocks, 0);
  out.single_pred.assign(nblocks, kNone);
  for (BlockId b : s.rpo)
    for (BlockId succ : ir::successors(f.blocks[b]))
      if (++edges[succ] == 1) out.single_pred[succ] = b;
  for (BlockId b = 0; b < nblocks; ++b)
    if (edges[b] != 1) out.single_pred[b] = kNone;
  out.fixnum.assign(f.num_values, false);
  out.exact.assign(f.num_values, false);
  out.bound.assign(f.num_values, ir::kNoValue);
  // A block's parameters that a fixnum guard at its top checks are fixnums
  // wherever they are seen (jit/fixnum_guards.h): claimed for good.
  std::vector<uint8_t>& guarded = s.guarded;
  guarded.assign(f.num_values, false);
  for (BlockId b = 0; b < nblocks; ++b) {
    const auto& insts = f.blocks[b].insts;
    if (out.idom[b] == kNone || insts.front().op != Op::FxGuard) continue;
    const auto& params = f.blocks[b].params;
    for (uint32_t k = 0; k < insts.front().imm; ++k)
      if (ValueId v = insts.front().args[k]; std::find(params.begin(), params.end(), v) != params.end())
        guarded[v] = out.fixnum[v] = true;
  }
  if (!arithmetic) return;  // nothing more to prove: only arithmetic makes fixnums of fixnums

  length.assign(f.num_values, false);
  index_of.init(f.num_values);
  uses.init(f.num_values);
  // A block parameter's incoming values: (value, jump's block); a
  // parameter reached otherwise (a continuation's landing, a raw result)
  // is no candidate.
  Lists& incoming = s.incoming;
  incoming.init(f.num_values);
  std::vector<uint8_t>& candidate = s.candidate;
  candidate.assign(f.num_values, false);
  for (BlockId b = 1; b < nblocks; ++b)
    for (ValueId p : f.blocks[b].params) candidate[p] = tagged(p) && !guarded[p];
  for (BlockId b = 0; b < nblocks; ++b) {
    if (out.idom[b] == kNone) continue;  // unreachable
    const auto& insts = f.blocks[b].insts;
    for (uint32_t i = 0; i < insts.size(); ++i) {
      const Inst& inst = insts[i];
      if ((inst.op == Op::VectorRef || inst.op == Op::VectorSet) && tagged(inst.args[1]))
        index_of.add(inst.args[1], b, i);
      for (ValueId a : inst.args)
        if (const Inst* d = def[a]; d && (d->op == Op::Add || d->op == Op::Sub)) uses.add(a, b, i);
      if (inst.result == ir::kNoValue || !tagged(inst.result)) continue;
      if (inst.op == Op::Const && f.constants[inst.imm].is_fixnum()) out.fixnum[inst.result] = true;
      if (is_length(f, inst)) {
        out.fixnum[inst.result] = true;
        length[inst.result] = true;
      }
      if (inst.op == Op::Add || inst.op == Op::Sub) out.fixnum[inst.result] = true;
    }
    const Inst& t = insts.back();
    ir::Successors succ = ir::successors(f.blocks[b]);
    for (size_t k = 0; k < succ.size(); ++k) {
      const auto& params = f.blocks[succ[k]].params;
      for (size_t j = 0; j < params.size(); ++j)
        if (guarded[params[j]])
          continue;  // (no incoming values: nothing withdraws it)
        else if (t.op == Op::Jump && j < t.args.size())
          incoming.add(params[j], t.args[j], b);
        else
          candidate[params[j]] = false;
    }
  }
  for (ValueId v = 0; v < f.num_values; ++v)
    if (candidate[v] && !incoming.empty(v)) out.fixnum[v] = true;

  // The greatest fixed point: everything claimed is withdrawn until what is
  // left proves itself. (By induction over a run: each value is made from
  // values made before it.) Past kMaxPasses, no parameter is claimed, and
  // one more pass derives what follows from the rest alone.
  uint32_t passes = 0;
  while (withdraw_pass())
    if (++passes == kMaxPasses) {
      for (BlockId b : s.rpo) {
        for (ValueId v : f.blocks[b].params) out.fixnum[v] = guarded[v];
        for (const Inst& inst : f.blocks[b].insts)
          if (inst.op == Op::Add || inst.op == Op::Sub) out.fixnum[inst.result] = false;
      }
      withdraw_pass();  // claims nothing: sets each exact bit
      for (BlockId b : s.rpo) {
        const auto& insts = f.blocks[b].insts;
        for (uint32_t i = 0; i < insts.size(); ++i)
          if ((insts[i].op == Op::Add || insts[i].op == Op::Sub) && tagged(insts[i].result))
            out.fixnum[insts[i].result] = out.exact[insts[i].result] && fixnum_at(insts[i].args[0], b, i) &&
                                           fixnum_at(insts[i].args[1], b, i);
      }
      break;
    }
}

}  // namespace

FixnumFacts infer_fixnum_facts(const ir::Function& f, const std::vector<const Inst*>& def) {
  thread_local Scratch scratch;
  FixnumFacts out;
  Analysis(f, def, out, scratch).run();
  return out;
}

}  // namespace kiln::jit
