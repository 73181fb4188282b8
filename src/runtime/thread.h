// The state of the one Scheme thread: the VM's value stack and control
// stack, the pending exception, and the dynamic state (handlers, winders,
// parameterization, current ports).
//
// The Thread lives in uncollectable GC memory, so every Value field here is
// a root. The value stack is scanned up to live_stack_top() at each
// collection.
#pragma once

#include <cstddef>
#include <cstdint>

#include "runtime/value.h"

namespace kiln {

struct Proto;

/// One activation record of the VM's control stack. Kept apart from the
/// value stack so that stack only ever holds Values.
struct Frame {
  Value* fp;             // the frame's registers; fp[0] is the callee
  const uint32_t* pc;    // where to resume in the caller (for a caller frame),
                         // or the faulting instruction (for a backtrace)
  Proto* proto;
  uint32_t result_reg;   // the caller's register that receives the result; in a machine-code
                         // frame, while a C call runs: 1 + the outgoing words it staged, or 0
                         // (unknown: the whole frame is live; see live_stack_top)
  uint32_t flags;        // kFrameBoundary: return from vm_run here
};

inline constexpr uint32_t kFrameBoundary = 1;
/// The frame belongs to machine code: `pc` is a native return address.
inline constexpr uint32_t kFrameNative = 2;

/// The values the VM's value stack holds (runtime.cpp) before a call
/// raises "stack overflow"; a frame takes at least one, so no recursion
/// is ever deeper (ir/accumulate.h relies on that).
inline constexpr size_t kStackValues = size_t{16} << 20;

/// The largest frame (in values) that machine code checks against
/// Thread::small_frame_fp_limit.
inline constexpr uint32_t kSmallFrameValues = 64;

struct Thread {
  // --- VM stacks ---
  Value* stack_base;
  Value* stack_limit;  // calls that would reach past this raise "stack overflow"
  Value* sp;           // one past the highest live register of the current VM frame
                       // (machine code does not maintain it: see live_stack_top)
  Frame* frames_base;
  Frame* frames_top;   // one past the current frame
  Frame* frames_limit;
  // The stack reserve: past the normal limits lies room for a handler of
  // "stack overflow" to run, so that the error can be caught. The *_alt
  // limits are the other pair: the reserve's while below the normal limits,
  // the normal ones while running in the reserve (stack_limit > stack_alt_limit).
  // An overflow swaps them in; unwinding below the normal limits swaps back.
  Value* stack_alt_limit;
  Frame* frames_alt_limit;
  /// stack_limit - kSmallFrameValues, kept with it (runtime_init,
  /// vm swap_stack_limits): a
  /// frame of at most that many values fits if its fp is at or below it.
  /// So machine code checks a small frame by its fp alone (jit/codegen.cpp,
  /// two instructions, where `fp + size` took three), at the price of an
  /// overflow found up to kSmallFrameValues - size values early.
  Value* small_frame_fp_limit;
  // The entry frame of the innermost running vm::apply: continuations can
  // only be called inside the activation that captured them.
  Frame* entry_frame;

  // --- continuations: see vm/continuation.h ---
  // Frames below `seal_limit` are sealed: owned by the chain of heap chunks
  // (seal_chunk, seal_count) that captured continuations share; their copies
  // in place may be stale, and each is copied back when control returns
  // into it. The running frame is never sealed.
  Value seal_chunk;     // the chunk (Continuation) holding the topmost sealed frames, or #f
  uint64_t seal_count;  // how many of seal_chunk's frames are sealed
  Frame* seal_limit;
  // The sealed frames in [seal_intact, seal_limit) are known to be intact in
  // place: record and slots equal to their copies in the chain (a capture
  // copied them from there, and nothing has overwritten them since). A
  // return into one of them unseals it without copying it back.
  Frame* seal_intact;
  // The chain the last switch to another chain left (reinstate_continuation
  // with a different topmost chunk), with its intact range then
  // [left_intact, its depth), and how low frame records (written_floor) and
  // slots (written_fp) may have been written since. Frames of it below
  // both are still intact, so a switch back to it (a coroutine returning to
  // its caller) copies nothing. #f when there is none.
  Value left_chunk;
  uint64_t left_count;
  Frame* left_intact;
  Frame* written_floor;
  Value* written_fp;

  // --- machine code's returns (src/jit) ---
  // A return from a record above `return_floor` may pop it and jump to
  // the caller's recorded address with no other check. Invariant: every
  // record above it was pushed by machine code since machine code was last
  // entered, so none is a boundary, each one's caller is machine code, and
  // none's caller is sealed (return_floor >= seal_limit). The entry stub
  // sets it to the record it starts on (or seal_limit), raising the seal
  // raises it, and a return from a record at or below it checks all three
  // and, passing, lowers it to the caller's record. Too high is always
  // safe: it only costs those checks.
  Frame* return_floor;

  // --- exceptions: see error.h ---
  Value pending;              // the object being raised when kRaise is returned
  bool pending_continuable;
  bool pending_fatal;         // no Scheme handler may see it (machine code's stack
                              // overflow inside the reserve; the VM keeps its own flag)
  Value pending_backtrace;    // list of frame description strings, innermost first,
                              // captured where an uncaught error was raised
  bool callback_failed;       // a foreign callback failed during the current foreign
                              // call (ffi/callback.h); machine code tests it after C returns

  // --- dynamic state ---
  Value handlers;          // list of exception handler procedures, innermost first
  Value winders;           // list of #(before after handlers), innermost first (see dynamic-wind)
  Value parameterization;  // alist of (parameter . value), innermost first
  // The current ports are parameters (R7RS 6.13.1). Each field is that
  // parameter's cell, a pair (port . converter) shared with the Scheme
  // procedures current-input-port etc. (lib/prelude/20-io.scm), so that
  // `parameterize` rebinds the port the C++ primitives default to. Read
  // them with current_input_port(t) etc. (port.h).
  Value current_input_cell;
  Value current_output_cell;
  Value current_error_cell;

  int exit_code;  // set by `exit`

  // --- the exchange between the interpreter and machine code (src/jit) ---
  Value jit_value;     // a returned value, or the value to resume with
  Value* jit_fp;       // the frame of a call machine code hands to the VM
  uint32_t jit_nargs;  // its argument count

  // --- allocation ---
  // The heads of the small-object free lists (runtime/gc.h g_small_free,
  // which points here once the Thread exists): machine code pops them
  // through the Thread's register, not through an address of its own.
  // One per list: kSmallClasses + 1 (checked where runtime_init moves them).
  void* small_free[17];
};

/// The one thread. Created by `runtime_init`.
extern Thread* g_thread;

/// Brings up the collector, the thread and the global environment with all
/// registered primitives. Idempotent.
void runtime_init();

/// One past the live part of the value stack. The interpreter keeps `sp`
/// exact for its own frames; machine code never stores it (a call would pay
/// two stores for it), so while native frames are on top the topmost
/// claimed one's extent (fp + its Proto's native_frame_size) is the bound,
/// or `sp` if that is higher (arguments a helper spread past the frame).
Value* live_stack_top(const Thread& t);
/// Brings `t.sp` up to live_stack_top(t): C++ entered from machine code
/// that places frames at `t.sp` (vm::apply) calls it first.
inline void sync_sp(Thread& t) { t.sp = live_stack_top(t); }

}  // namespace kiln
