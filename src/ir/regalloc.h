// Block layout, liveness and linear-scan slot assignment for an IR function.
//
// Shared by both back ends: the VM emitter uses the slots as its registers,
// the JIT as the frame slots where values live across calls. Blocks are
// laid out in reverse postorder (a block mostly follows its predecessor);
// liveness walks back from each use to the definition, one value at a time
// (work in proportion to the live sets: a dataflow over bit sets of all
// values took blocks x values, quadratic in a long function's calls once
// the JIT splits each call into blocks); each value gets one interval
// [first, last position where live] without holes, and intervals that do
// not overlap share a slot. There is no spilling: slots are memory.
// The entry block's parameters are pinned to slots 0 .. n-1 (the calling
// convention: self, then the arguments, then the rest list).
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "ir/ir.h"

namespace kiln::ir {

struct SlotAllocation {
  std::vector<BlockId> order;          // blocks in layout order (unreachable ones left out)
  std::vector<uint32_t> layout_index;  // block -> index in `order`, UINT32_MAX if unreachable
  std::vector<uint32_t> slot;          // value -> slot, UINT32_MAX if never live
  std::vector<uint32_t> uses;          // value -> number of uses
  uint32_t nslots = 0;                 // slots used, plus one scratch slot at the end
  /// Liveness intervals over positions: a block's parameters are defined at
  /// its start position, instruction i of block b sits at
  /// block_start[b] + 1 + i. start > end for values never live.
  std::vector<int> start, end;
  std::vector<int> block_start;
  /// The values live on entry to each reachable block (its parameters not
  /// included; none at all in a function without loops), ascending: block b's are
  /// live_in_values[live_in_start[b] .. live_in_start[b + 1]]. Sparse, since
  /// a function of thousands of blocks has a few values live at each.
  std::vector<uint32_t> live_in_start;
  std::vector<ValueId> live_in_values;
  std::span<const ValueId> live_in_of(BlockId b) const {
    return {live_in_values.data() + live_in_start[b], live_in_values.data() + live_in_start[b + 1]};
  }
  bool live_in(BlockId b, ValueId v) const {
    auto in = live_in_of(b);
    return std::binary_search(in.begin(), in.end(), v);
  }
  int position(BlockId b, size_t i) const { return block_start[b] + 1 + static_cast<int>(i); }
  uint32_t scratch() const { return nslots - 1; }
};

SlotAllocation allocate_slots(const Function& f);

/// The block layout allocate_slots uses (its `order` and `layout_index`),
/// alone: for a caller that needs only where blocks go, which costs a
/// small part of the whole allocation.
void layout_blocks(const Function& f, std::vector<BlockId>* order, std::vector<uint32_t>* layout_index);

/// A block's successors (its terminator's targets), held in place: the
/// passes of one compilation ask for them thousands of times, and a vector
/// each time was a tenth of the JIT's calls of operator new.
struct Successors {
  BlockId at[2];
  uint32_t n = 0;
  const BlockId* begin() const { return at; }
  const BlockId* end() const { return at + n; }
  size_t size() const { return n; }
  BlockId operator[](size_t i) const { return at[i]; }
};

/// The successors of a block (its terminator's targets).
Successors successors(const Block& b);

/// Block -> the headers of the loops it is in: the natural loops of the
/// back edges a depth-first walk from the entry finds (the IR's control
/// flow is reducible: its loops come from self calls and contified loops).
std::vector<std::vector<BlockId>> enclosing_loops(const Function& f);

/// Value -> the instruction defining it (null for a block parameter).
std::vector<const Inst*> definitions(const Function& f);

/// Value -> how many instruction arguments name it.
std::vector<uint32_t> use_counts(const Function& f);

/// Value -> the instructions taking it as an argument, once for each
/// argument naming it, in block order. Built once per function, for passes
/// that ask about many values' users: a scan of the whole function for
/// each made compiling a function with thousands of calls quadratic.
class UseLists {
 public:
  explicit UseLists(const Function& f);
  std::span<const Inst* const> operator[](ValueId v) const {
    return {users_.data() + start_[v], users_.data() + start_[v + 1]};
  }

 private:
  std::vector<uint32_t> start_;  // value v's users are users_[start_[v] .. start_[v + 1])
  std::vector<const Inst*> users_;
};

/// Instruction -> the block holding it, by a search over the blocks'
/// instruction arrays (which do not move once the function is built).
class InstBlocks {
 public:
  explicit InstBlocks(const Function& f);
  /// kNoBlock-like UINT32_MAX when `i` is in none of f's blocks.
  BlockId operator()(const Inst* i) const;

 private:
  struct Range {
    const Inst* first;
    const Inst* end;
    BlockId block;
  };
  std::vector<Range> ranges_;  // by address (std::less: the arrays are unrelated)
};

}  // namespace kiln::ir
