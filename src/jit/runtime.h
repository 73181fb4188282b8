// The two stubs between C++ and machine code (code memory: code_memory.h).
#pragma once

#include "jit/code_memory.h"
#include "runtime/tier.h"

namespace kiln::jit {

/// Machine code jumps here with a JitStatus in eax to return to C++.
const void* exit_stub();

/// Enters machine code (see TierConfig::enter).
JitStatus enter(Thread* t, Value* fp, uint64_t arg, const void* target);

}  // namespace kiln::jit
