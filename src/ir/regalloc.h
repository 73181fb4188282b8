// Block layout, liveness and linear-scan slot assignment for an IR function.
//
// Shared by both back ends: the VM emitter uses the slots as its registers,
// the JIT as the frame slots where values live across calls. Blocks are
// laid out in reverse postorder (a block mostly follows its predecessor);
// liveness is a backward dataflow to a fixed point; each value gets one
// interval [first, last position where live] without holes, and intervals
// that do not overlap share a slot. There is no spilling: slots are memory.
// The entry block's parameters are pinned to slots 0 .. n-1 (the calling
// convention: self, then the arguments, then the rest list).
#pragma once

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
  /// included), a bit set of `live_words` words per block.
  std::vector<uint64_t> live_in_bits;
  uint32_t live_words = 0;
  bool live_in(BlockId b, ValueId v) const { return live_in_bits[b * live_words + v / 64] >> (v % 64) & 1; }
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

/// Value -> the instruction defining it (null for a block parameter).
std::vector<const Inst*> definitions(const Function& f);

/// Value -> how many instruction arguments name it.
std::vector<uint32_t> use_counts(const Function& f);

}  // namespace kiln::ir
