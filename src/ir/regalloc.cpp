#include "ir/regalloc.h"

#include <algorithm>
#include <climits>
#include <functional>

namespace kiln::ir {

Successors successors(const Block& b) {
  const Inst& t = b.insts.back();
  if (t.op == Op::Jump) return {{t.target[0], 0}, 1};
  if (t.op == Op::Branch) return {{t.target[0], t.target[1]}, 2};
  // The body first (laid out next), then the join a continuation call
  // resumes at: an edge, so the values the join needs live across the body.
  if (t.op == Op::CallCC) return {{t.target[0], t.target[1]}, 2};
  // The raw side last, so that it is laid out next: it is the one that runs.
  if (t.op == Op::RawResult) return {{t.target[1], t.target[0]}, 2};
  return {};
}

void layout_blocks(const Function& f, std::vector<BlockId>* order, std::vector<uint32_t>* layout_index) {
  std::vector<bool> seen(f.blocks.size(), false);
  std::vector<BlockId> post;
  post.reserve(f.blocks.size());
  // Iterative DFS: (block, next successor index).
  std::vector<std::pair<BlockId, uint32_t>> stack;
  stack.reserve(f.blocks.size());
  stack.push_back({0, 0});
  seen[0] = true;
  while (!stack.empty()) {
    auto& [b, i] = stack.back();
    Successors succ = successors(f.blocks[b]);
    if (i < succ.n) {
      BlockId s = succ.at[i++];
      if (!seen[s]) {
        seen[s] = true;
        stack.push_back({s, 0});
      }
    } else {
      post.push_back(b);
      stack.pop_back();
    }
  }
  order->assign(post.rbegin(), post.rend());
  layout_index->assign(f.blocks.size(), UINT32_MAX);
  for (uint32_t i = 0; i < order->size(); ++i) (*layout_index)[(*order)[i]] = i;
}

namespace {

class Allocator {
 public:
  explicit Allocator(const Function& f) : f_(f) {}

  SlotAllocation run() {
    layout();
    positions();
    liveness();
    allocate();
    SlotAllocation a;
    a.order = std::move(order_);
    a.layout_index = std::move(layout_index_);
    a.slot = std::move(reg_);
    a.nslots = nregs_;
    a.start = std::move(start_);
    a.end = std::move(end_);
    a.block_start = std::move(block_start_);
    a.live_in_start = std::move(live_in_start_);
    a.live_in_values = std::move(live_in_values_);
    a.uses = use_counts(f_);
    return a;
  }

 private:
  const Function& f_;
  std::vector<BlockId> order_;
  std::vector<uint32_t> layout_index_;
  std::vector<uint32_t> live_in_start_;
  std::vector<ValueId> live_in_values_;
  std::vector<int> start_, end_;
  std::vector<int> block_start_, block_end_;
  std::vector<uint32_t> reg_;
  uint32_t nregs_ = 0;

  // --- layout: reverse postorder, so a block mostly follows its predecessor

  void layout() { layout_blocks(f_, &order_, &layout_index_); }

  // --- positions, and the intervals they give without liveness ----------

  void extend(ValueId v, int pos) {
    start_[v] = std::min(start_[v], pos);
    end_[v] = std::max(end_[v], pos);
  }

  void positions() {
    start_.assign(f_.num_values, INT_MAX);
    end_.assign(f_.num_values, -1);
    block_start_.assign(f_.blocks.size(), 0);
    block_end_.assign(f_.blocks.size(), 0);
    int pos = 0;
    for (BlockId b : order_) {
      const Block& block = f_.blocks[b];
      block_start_[b] = pos;
      for (ValueId p : block.params) extend(p, pos);
      for (const Inst& inst : block.insts) {
        ++pos;
        for (ValueId a : inst.args) extend(a, pos);
        if (inst.result != kNoValue) extend(inst.result, pos);
      }
      block_end_[b] = pos;
      ++pos;
    }
  }

  // --- liveness: from each use up to the definition ---------------------
  //
  // A value is live into block b when b uses it without defining it (SSA:
  // a use in the defining block comes after the definition), and then out
  // of each predecessor, and into that one too unless it defines the value.
  // Walking this per value visits each block where it is live once (the
  // stamps), extending its interval to the block's start and to its
  // predecessors' ends.

  void liveness() {
    size_t n = f_.blocks.size();
    // Without a back edge, positions() has the intervals already: every
    // edge goes forward in the layout, so a value is live only between its
    // definition (whose block comes before every block it dominates) and
    // its last use. And no block is a loop header, the only kind whose
    // live-in values anyone asks for.
    live_in_start_.assign(n + 1, 0);
    bool cyclic = false;
    for (BlockId b : order_)
      for (BlockId s : successors(f_.blocks[b])) cyclic |= layout_index_[s] <= layout_index_[b];
    if (!cyclic) return;
    std::vector<BlockId> def_block(f_.num_values, UINT32_MAX);
    // Predecessors among the reachable blocks, and the (value, block) pairs
    // of uses from outside the defining block, both grouped by counting.
    std::vector<uint32_t> pred_start(n + 1, 0), use_start(f_.num_values + 1, 0);
    auto exposed = [&](BlockId b, auto fn) {
      for (const Inst& inst : f_.blocks[b].insts)
        for (ValueId a : inst.args)
          if (def_block[a] != b) fn(a);
    };
    for (BlockId b : order_) {
      for (ValueId p : f_.blocks[b].params) def_block[p] = b;
      for (const Inst& inst : f_.blocks[b].insts)
        if (inst.result != kNoValue) def_block[inst.result] = b;
      for (BlockId s : successors(f_.blocks[b])) ++pred_start[s + 1];
    }
    for (BlockId b : order_) exposed(b, [&](ValueId a) { ++use_start[a + 1]; });
    for (size_t b = 0; b < n; ++b) pred_start[b + 1] += pred_start[b];
    for (ValueId v = 0; v < f_.num_values; ++v) use_start[v + 1] += use_start[v];
    std::vector<BlockId> preds(pred_start[n]), use_block(use_start[f_.num_values]);
    {
      std::vector<uint32_t> pred_fill(pred_start.begin(), pred_start.end() - 1);
      std::vector<uint32_t> use_fill(use_start.begin(), use_start.end() - 1);
      for (BlockId b : order_) {
        for (BlockId s : successors(f_.blocks[b])) preds[pred_fill[s]++] = b;
        exposed(b, [&](ValueId a) { use_block[use_fill[a]++] = b; });
      }
    }

    std::vector<ValueId> in_stamp(n, kNoValue), out_stamp(n, kNoValue);
    std::vector<std::pair<BlockId, ValueId>> live_in;  // by value, then as found
    std::vector<BlockId> work;
    for (ValueId v = 0; v < f_.num_values; ++v) {
      auto enter = [&](BlockId b) {
        if (in_stamp[b] == v) return;
        in_stamp[b] = v;
        extend(v, block_start_[b]);
        live_in.push_back({b, v});
        work.push_back(b);
      };
      for (uint32_t i = use_start[v]; i < use_start[v + 1]; ++i) enter(use_block[i]);
      while (!work.empty()) {
        BlockId b = work.back();
        work.pop_back();
        for (uint32_t i = pred_start[b]; i < pred_start[b + 1]; ++i) {
          BlockId p = preds[i];
          if (out_stamp[p] == v) continue;
          out_stamp[p] = v;
          extend(v, block_end_[p]);
          if (p != def_block[v]) enter(p);
        }
      }
    }
    // Per block, ascending (a stable counting sort of pairs found in value order).
    for (auto [b, v] : live_in) ++live_in_start_[b + 1];
    for (size_t b = 0; b < n; ++b) live_in_start_[b + 1] += live_in_start_[b];
    live_in_values_.resize(live_in.size());
    std::vector<uint32_t> fill(live_in_start_.begin(), live_in_start_.end() - 1);
    for (auto [b, v] : live_in) live_in_values_[fill[b]++] = v;
  }

  // --- linear scan ---------------------------------------------------------

  void allocate() {
    reg_.assign(f_.num_values, UINT32_MAX);
    // A block parameter prefers the register of a value jumped into it.
    // The hints of value v are hint_values[hint_start[v] .. hint_start[v + 1]]
    // (in two arrays, not a vector per value: a compilation is a few
    // thousand instructions, and those allocations were a good part of them).
    std::vector<uint32_t> hint_start(f_.num_values + 1, 0);
    auto for_each_hint = [&](auto fn) {
      for (const Block& block : f_.blocks) {
        const Inst& t = block.insts.back();
        if (t.op != Op::Jump) continue;
        const auto& params = f_.blocks[t.target[0]].params;
        for (size_t i = 0; i < params.size(); ++i) fn(params[i], t.args[i]);
      }
    };
    for_each_hint([&](ValueId param, ValueId) { ++hint_start[param + 1]; });
    for (size_t v = 0; v < f_.num_values; ++v) hint_start[v + 1] += hint_start[v];
    std::vector<ValueId> hint_values(hint_start.back());
    std::vector<uint32_t> hint_fill(hint_start.begin(), hint_start.end() - 1);
    for_each_hint([&](ValueId param, ValueId arg) { hint_values[hint_fill[param]++] = arg; });

    std::vector<ValueId> values;
    values.reserve(f_.num_values);
    for (ValueId v = 0; v < f_.num_values; ++v)
      if (start_[v] != INT_MAX) values.push_back(v);
    std::stable_sort(values.begin(), values.end(), [&](ValueId a, ValueId b) { return start_[a] < start_[b]; });

    std::vector<bool> busy;
    busy.reserve(64);
    // The live values, a min-heap on their ends, and the lowest slot that
    // may be free (all below it are busy): a function with very many values
    // live at once (a call with 100,000 arguments, or as many constants
    // summed) took quadratic time scanning a list of them and the slots
    // (minutes). Each value still takes the lowest free slot a hint does
    // not give it, as before.
    std::vector<ValueId> active;
    active.reserve(64);
    auto ends_later = [&](ValueId a, ValueId b) { return end_[a] > end_[b]; };
    uint32_t first_free = 0;
    const auto& entry_params = f_.blocks[0].params;
    for (ValueId v : values) {
      while (!active.empty() && end_[active.front()] < start_[v]) {
        std::pop_heap(active.begin(), active.end(), ends_later);
        busy[reg_[active.back()]] = false;
        first_free = std::min(first_free, reg_[active.back()]);
        active.pop_back();
      }
      uint32_t r = UINT32_MAX;
      auto entry = std::find(entry_params.begin(), entry_params.end(), v);
      if (entry != entry_params.end()) {
        r = static_cast<uint32_t>(entry - entry_params.begin());  // the calling convention
      } else {
        for (uint32_t i = hint_start[v]; i < hint_start[v + 1]; ++i)
          if (ValueId h = hint_values[i]; reg_[h] != UINT32_MAX && reg_[h] < busy.size() && !busy[reg_[h]]) {
            r = reg_[h];
            break;
          }
        if (r == UINT32_MAX) {
          r = first_free;
          while (r < busy.size() && busy[r]) ++r;
          first_free = r + 1;  // all below r + 1 are busy now
        }
      }
      if (r >= busy.size()) busy.resize(r + 1, false);
      busy[r] = true;
      reg_[v] = r;
      active.push_back(v);
      std::push_heap(active.begin(), active.end(), ends_later);
    }
    nregs_ = std::max<uint32_t>(static_cast<uint32_t>(busy.size()), static_cast<uint32_t>(entry_params.size()));
    nregs_ += 1;  // the scratch register for cyclic parallel moves
  }

};

}  // namespace

std::vector<std::vector<BlockId>> enclosing_loops(const Function& g) {
  size_t n = g.blocks.size();
  std::vector<std::vector<BlockId>> loops(n);
  std::vector<std::vector<BlockId>> preds(n);
  for (BlockId b = 0; b < n; ++b)
    for (BlockId s : successors(g.blocks[b])) preds[s].push_back(b);
  // An edge to a block still on the depth-first stack is a back edge.
  std::vector<uint8_t> state(n, 0);  // 0 unseen, 1 on the stack, 2 done
  std::vector<std::pair<BlockId, size_t>> stack = {{0, 0}};
  std::vector<std::pair<BlockId, BlockId>> back_edges;  // (from, header)
  state[0] = 1;
  while (!stack.empty()) {
    BlockId b = stack.back().first;
    auto succ = successors(g.blocks[b]);
    if (stack.back().second == succ.size()) {
      state[b] = 2;
      stack.pop_back();
      continue;
    }
    BlockId s = succ[stack.back().second++];
    if (state[s] == 1) {
      back_edges.push_back({b, s});
    } else if (state[s] == 0) {
      state[s] = 1;
      stack.push_back({s, 0});
    }
  }
  for (auto [from, header] : back_edges) {
    // The header, and every block that reaches `from` without passing it.
    std::vector<bool> in(n, false);
    in[header] = true;
    std::vector<BlockId> work = {from};
    while (!work.empty()) {
      BlockId b = work.back();
      work.pop_back();
      if (in[b]) continue;
      in[b] = true;
      for (BlockId p : preds[b]) work.push_back(p);
    }
    for (BlockId b = 0; b < n; ++b)
      if (in[b] && std::find(loops[b].begin(), loops[b].end(), header) == loops[b].end()) loops[b].push_back(header);
  }
  return loops;
}

std::vector<uint32_t> use_counts(const Function& f) {
  std::vector<uint32_t> uses(f.num_values, 0);
  for (const Block& b : f.blocks)
    for (const Inst& inst : b.insts)
      for (ValueId a : inst.args) ++uses[a];
  return uses;
}

std::vector<const Inst*> definitions(const Function& f) {
  std::vector<const Inst*> defs(f.num_values, nullptr);
  for (const Block& b : f.blocks)
    for (const Inst& inst : b.insts)
      if (inst.result != kNoValue) defs[inst.result] = &inst;
  return defs;
}

UseLists::UseLists(const Function& f) : start_(f.num_values + 1, 0) {
  for (const Block& b : f.blocks)
    for (const Inst& inst : b.insts)
      for (ValueId a : inst.args)
        if (a != kNoValue) ++start_[a + 1];
  for (ValueId v = 0; v < f.num_values; ++v) start_[v + 1] += start_[v];
  users_.resize(start_[f.num_values]);
  std::vector<uint32_t> next(start_.begin(), start_.end() - 1);
  for (const Block& b : f.blocks)
    for (const Inst& inst : b.insts)
      for (ValueId a : inst.args)
        if (a != kNoValue) users_[next[a]++] = &inst;
}

InstBlocks::InstBlocks(const Function& f) {
  for (BlockId b = 0; b < f.blocks.size(); ++b)
    if (const auto& insts = f.blocks[b].insts; !insts.empty())
      ranges_.push_back({insts.data(), insts.data() + insts.size(), b});
  std::sort(ranges_.begin(), ranges_.end(),
            [](const Range& x, const Range& y) { return std::less<const Inst*>()(x.first, y.first); });
}

BlockId InstBlocks::operator()(const Inst* i) const {
  std::less<const Inst*> less;
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), i,
                             [&](const Inst* x, const Range& r) { return less(x, r.first); });
  if (it == ranges_.begin()) return UINT32_MAX;
  --it;
  return less(i, it->end) ? it->block : UINT32_MAX;
}

SlotAllocation allocate_slots(const Function& f) { return Allocator(f).run(); }

}  // namespace kiln::ir
