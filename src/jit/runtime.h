// The JIT's code memory and the two stubs between C++ and machine code.
#pragma once

#include <asmjit/x86.h>

#include "runtime/tier.h"

namespace kiln::jit {

/// Where all machine code lives (never freed: a Proto may be called again).
asmjit::JitRuntime& jit_runtime();

/// Machine code jumps here with a JitStatus in eax to return to C++.
const void* exit_stub();

/// Enters machine code (see TierConfig::enter).
JitStatus enter(Thread* t, Value* fp, uint64_t arg, const void* target);

}  // namespace kiln::jit
