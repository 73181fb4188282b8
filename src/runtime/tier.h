// Tiering: when functions move from the VM (tier 0) to machine code (tier 1).
//
// The VM counts calls and loop back edges per Proto. In tiered mode a
// function is compiled when either count reaches the threshold; in eager
// mode before its first call; with the JIT off never. The VM reaches the
// JIT only through the hooks below, which the compile driver installs, so
// src/vm does not depend on src/jit.
#pragma once

#include <cstdint>

#include "runtime/proto.h"
#include "runtime/thread.h"

namespace kiln {

enum class JitMode : uint8_t { Off, Tiered, Eager };

/// What machine code tells the interpreter when it hands control back.
enum JitStatus : uint32_t {
  kJitReturn,    // the current frame returns t.jit_value (frame not popped yet)
  kJitCall,      // call the callee at t.jit_fp[0] with t.jit_nargs arguments;
                 // the caller's frame already records its native return address
  kJitTailCall,  // the same, in place of the current frame (t.jit_fp is its fp)
  kJitRaise,     // t.pending is raised; the frame records where
};

struct TierStats {
  uint64_t compiled = 0;       // functions compiled to machine code
  uint64_t rejected = 0;       // functions the JIT refused (must stay 0)
  uint64_t compile_ns = 0;     // time spent compiling
  uint64_t code_bytes = 0;     // machine code produced
  uint64_t vm_entries = 0;     // function entries run by the VM
  uint64_t ffi_direct = 0;     // call sites compiled to direct C calls (jit/emit_ffi.cpp)
};

struct TierConfig {
  JitMode mode = JitMode::Tiered;
  uint32_t threshold = 100;
  /// Compiles `p`; false if it could not (p->jit_failed is then set).
  bool (*compile)(Proto* p) = nullptr;
  /// Enters machine code at `target` with fp = `fp`: a function entry
  /// (`arg` = argument count) or a return address (`arg` = the value
  /// returned to it). Returns when machine code hands control back.
  JitStatus (*enter)(Thread* t, Value* fp, uint64_t arg, const void* target) = nullptr;
  TierStats stats;
};

extern TierConfig g_tier;

}  // namespace kiln
