// Tiering: when functions move from the VM (tier 0) to machine code (tier 1).
//
// The VM counts calls and loop back edges per Proto. In tiered mode a
// function is compiled when either count reaches the threshold; in eager
// mode before its first call; with the JIT off never. The VM reaches the
// JIT only through the hooks below, which the compile driver installs, so
// src/vm does not depend on src/jit.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/cell_watch.h"
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
  kJitResume,    // deliver t.jit_value to frames_top[-1], already unsealed
                 // (a continuation call from machine code, jit/control.h)
  kJitOsrDeclined,  // an OSR entry found a value of another type than its code
                    // assumes (or no stack room): nothing changed, stay in the VM
};

struct TierStats {
  uint64_t compiled = 0;       // functions compiled to machine code
  uint64_t rejected = 0;       // functions the JIT refused (must stay 0)
  uint64_t compile_ns = 0;     // time spent compiling
  /// Each compilation's time, in order (ns), for the median and p99:
  /// compile latency is a goal per function, not just in total.
  std::vector<uint64_t> compile_times_ns;
  uint64_t code_bytes = 0;     // machine code produced
  uint64_t vm_entries = 0;     // function entries run by the VM
  uint64_t ffi_direct = 0;     // call sites compiled to direct C calls (jit/emit_ffi.cpp)
  uint64_t ffi_lean = 0;       // of those, the ones compiled lean: while no foreign-callback existed
  uint64_t ffi_shadow_args = 0;     // their int arguments passed from an int32 shadow (jit/int_shadow.h)
  uint64_t ffi_shadow_trusted = 0;  // of those, the ones passed with no check (jit/shadow_trust.h)
  uint64_t primitive_callees = 0;   // calls through a variable guarded to inline a builtin primitive
                                    // (jit/sampled_callees.cpp)
  uint64_t record_callees = 0;      // calls guarded to inline a define-record-type procedure
                                    // (jit/record_calls.cpp)
  uint64_t osr_entries = 0;    // VM activations moved into machine code at a contified loop's header
  uint64_t fixnum_guarded = 0;  // compilations that guard arguments as fixnums (jit/fixnum_guards.h)
  uint64_t despecialized = 0;   // recompilations without speculation: a guard failed, or an OSR entry declined
  uint64_t watched_sites = 0;  // code sites made to assume a global's value (runtime/cell_watch.h)
  uint64_t invalidations = 0;  // of those, the ones patched because the global was assigned
};

/// Records one compilation that took `ns`.
void record_compile_time(TierStats& s, uint64_t ns);

/// The q-quantile (0 <= q <= 1, nearest rank) of the compile times, in ns;
/// 0 if nothing was compiled. q = 0.5 is the median, 0.99 the p99.
uint64_t compile_time_quantile(const TierStats& s, double q);

struct TierConfig {
  JitMode mode = JitMode::Tiered;
  uint32_t threshold = 100;
  /// Compiles `p`; false if it could not (p->jit_failed is then set).
  /// `frame`/`nvalues`: the values (self, then the arguments) of the call or
  /// loop iteration that made p hot, or null; the JIT may specialize on them.
  bool (*compile)(Proto* p, const Value* frame, uint32_t nvalues) = nullptr;
  /// Enters machine code at `target` with fp = `fp`: a function entry
  /// (`arg` = argument count) or a return address (`arg` = the value
  /// returned to it). Returns when machine code hands control back.
  JitStatus (*enter)(Thread* t, Value* fp, uint64_t arg, const void* target) = nullptr;
  /// Patches `site` (runtime/cell_watch.h) so that it takes its generic
  /// path from now on. Set whenever a site exists (only the JIT makes them).
  void (*invalidate_site)(const WatchSite& site) = nullptr;
  /// The same for a site that assumes no foreign-callback exists
  /// (ffi/callback.h), except that a site already patched is left alone:
  /// a direct foreign call's one site may serve its global's watch too,
  /// and once that took it to the generic path, it stays there.
  void (*invalidate_lean_site)(const WatchSite& site) = nullptr;
  TierStats stats;
};

extern TierConfig g_tier;

}  // namespace kiln
