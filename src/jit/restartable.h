// Where an activation may be restarted: the instructions that every path
// from the entry header reaches through repeatable instructions only.
//
// The entry header is the block the entry jumps to with the function's
// own parameters, where self tail calls come back too. Past it, along
// edges into blocks with one predecessor, as long as every instruction
// since the header is *repeatable* -- it may run twice with the same
// outcome and nothing seen by the program in between: no store, no call,
// no output (allocation is unseen; an error would have been raised the
// first time already) -- running again from the header with its values is
// running the same code to the same effect. So a check that fails there
// (an element guard's fl-guard, unbox.cpp; an add or sub that overflows,
// fixnum_guards.h) may recompile the function without speculation and
// restart the call with the header's values as its arguments.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/ir.h"

namespace kiln::jit {

/// Whether `inst` may run twice to the same effect (above).
bool repeatable(const ir::Function& f, const ir::Inst& inst);

/// The entry header of `f` (the target of the entry block's one jump,
/// which passes the entry's parameters as they are), or 0 if it has none.
ir::BlockId entry_header(const ir::Function& f);

/// block -> how many of its first instructions may restart the activation
/// (all of them repeatable, as is everything on every path to them from
/// the entry header); 0 outside the region, and everywhere without an entry
/// header.
std::vector<uint32_t> restartable_prefixes(const ir::Function& f);

}  // namespace kiln::jit
