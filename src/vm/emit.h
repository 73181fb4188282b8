// Bytecode emission: an IR function (and its nested functions) -> Proto.
//
// Registers are assigned by linear scan over liveness intervals computed
// from the IR's control flow; since VM registers live in memory there is no
// spilling, the scan only keeps frames small. Block parameters become
// parallel moves at the jumps that feed them. The entry block's parameters
// are pinned to the calling convention's registers (self in r0, then the
// arguments, then the rest list).
#pragma once

#include "ir/ir.h"
#include "runtime/proto.h"

namespace kiln::vm {

/// Emits `f` and its children; returns the Proto of `f`.
Proto* emit(const ir::Function& f);

}  // namespace kiln::vm
