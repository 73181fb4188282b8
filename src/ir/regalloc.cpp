#include "ir/regalloc.h"

#include <algorithm>
#include <climits>

namespace kiln::ir {

Successors successors(const Block& b) {
  const Inst& t = b.insts.back();
  if (t.op == Op::Jump) return {{t.target[0], 0}, 1};
  if (t.op == Op::Branch) return {{t.target[0], t.target[1]}, 2};
  // The body first (laid out next), then the join a continuation call
  // resumes at: an edge, so the values the join needs live across the body.
  if (t.op == Op::CallCC) return {{t.target[0], t.target[1]}, 2};
  return {};
}

namespace {

/// Sets of IR values as bit vectors of `words` words, one set per block, all
/// in one array (sets are views into it; nothing is allocated per block).
struct ValueSets {
  uint32_t words = 0;
  std::vector<uint64_t> bits;
  void assign(size_t nsets, uint32_t nvalues) {
    words = (nvalues + 63) / 64;
    bits.assign(nsets * words, 0);
  }
  uint64_t* operator[](size_t i) { return bits.data() + i * words; }
  const uint64_t* operator[](size_t i) const { return bits.data() + i * words; }
};

void add(uint64_t* set, ValueId v) { set[v / 64] |= uint64_t{1} << (v % 64); }
void remove(uint64_t* set, ValueId v) { set[v / 64] &= ~(uint64_t{1} << (v % 64)); }

/// to |= from, over `words` words; whether anything changed.
bool merge(uint64_t* to, const uint64_t* from, uint32_t words) {
  uint64_t changed = 0;
  for (uint32_t i = 0; i < words; ++i) {
    uint64_t next = to[i] | from[i];
    changed |= next ^ to[i];
    to[i] = next;
  }
  return changed != 0;
}

template <class Fn> void for_each(const uint64_t* set, uint32_t words, Fn fn) {
  for (uint32_t i = 0; i < words; ++i)
    for (uint64_t w = set[i]; w; w &= w - 1) fn(static_cast<ValueId>(i * 64 + __builtin_ctzll(w)));
}

}  // namespace

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
    liveness();
    intervals();
    allocate();
    SlotAllocation a;
    a.order = std::move(order_);
    a.layout_index = std::move(layout_index_);
    a.slot = std::move(reg_);
    a.nslots = nregs_;
    a.start = std::move(start_);
    a.end = std::move(end_);
    a.block_start = std::move(block_start_);
    a.live_words = live_in_.words;
    a.live_in_bits = std::move(live_in_.bits);
    a.uses = use_counts(f_);
    return a;
  }

 private:
  const Function& f_;
  std::vector<BlockId> order_;
  std::vector<uint32_t> layout_index_;
  ValueSets live_in_, live_out_;
  std::vector<int> start_, end_;
  std::vector<int> block_start_, block_end_;
  std::vector<uint32_t> reg_;
  uint32_t nregs_ = 0;

  // --- layout: reverse postorder, so a block mostly follows its predecessor

  void layout() { layout_blocks(f_, &order_, &layout_index_); }

  // --- liveness: backward dataflow over the blocks, to a fixed point ------

  void liveness() {
    size_t n = f_.blocks.size();
    live_in_.assign(n, f_.num_values);
    live_out_.assign(n, f_.num_values);
    uint32_t words = live_in_.words;
    std::vector<uint64_t> out(words), live(words);
    for (bool changed = true; changed;) {
      changed = false;
      for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
        BlockId b = *it;
        const Block& block = f_.blocks[b];
        std::fill(out.begin(), out.end(), 0);
        for (BlockId s : successors(block)) merge(out.data(), live_in_[s], words);
        live = out;
        for (auto inst = block.insts.rbegin(); inst != block.insts.rend(); ++inst) {
          if (inst->result != kNoValue) remove(live.data(), inst->result);
          for (ValueId a : inst->args) add(live.data(), a);
        }
        for (ValueId p : block.params) remove(live.data(), p);
        changed |= merge(live_out_[b], out.data(), words);
        changed |= merge(live_in_[b], live.data(), words);
      }
    }
  }

  // --- intervals: one [start, end] range per value (no holes) -----------

  void extend(ValueId v, int pos) {
    start_[v] = std::min(start_[v], pos);
    end_[v] = std::max(end_[v], pos);
  }

  void intervals() {
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
    for (BlockId b : order_) {
      for_each(live_in_[b], live_in_.words, [&](ValueId v) { extend(v, block_start_[b]); });
      for_each(live_out_[b], live_out_.words, [&](ValueId v) { extend(v, block_end_[b]); });
    }
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

SlotAllocation allocate_slots(const Function& f) { return Allocator(f).run(); }

}  // namespace kiln::ir
