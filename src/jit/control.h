// Control transfers machine code makes itself, without handing the call to
// the interpreter: call/cc, apply, case-lambda dispatch, calls of
// continuations, and returns into frames sealed by a continuation.
//
// Before, each of these returned a JitStatus through the exit stub, and the
// interpreter did the work and entered machine code again through the entry
// stub: a round trip of two stubs and the interpreter's dispatch per
// call/cc and per continuation call. Now machine code calls one of the
// helpers below, which does what the interpreter would (with the same
// vm/continuation.h routines), and then jumps where the helper says. The
// interpreter remains the fallback for everything else (VM callees, the
// dynamic-wind thunks of a continuation call, errors), reached exactly as
// before, so results and error messages are the VM's.
//
// A helper returns a `const void*`: either a machine-code address to jump
// to, with the state in the Thread (t.frames_top: the frame record to run
// in, t.jit_fp: its fp, t.jit_nargs: the argument count of a function
// entry, t.jit_value: the value delivered to a return address), or one of
// the small codes below. The control stub (emit_control.cpp) does the jump.
#pragma once

#include "runtime/thread.h"
#include "runtime/tier.h"

namespace kiln::jit {

/// A helper's answer below this is a JitStatus, not an address: exit to the
/// interpreter with it (kJitCall/kJitTailCall: the call at t.jit_fp with
/// t.jit_nargs arguments; kJitResume: deliver t.jit_value to
/// frames_top[-1]), or, for kJitRaise, raise t.pending at the call site.
inline constexpr uint64_t kControlStatusLimit = 16;

/// The call of newfp[0] (a value that is not a closure, or a control
/// primitive) on newfp[1 .. nargs], from machine code; `tail`: in place of
/// the current frame (newfp is then its fp), else the current frame already
/// records its return address. Handles call/cc, apply, case-lambda and
/// continuations; anything else becomes kJitCall/kJitTailCall.
const void* helper_control_call(Thread* t, Value* newfp, uint64_t nargs, uint64_t tail);

/// An inline (call/cc (lambda (k) ...)) (ir/build.cpp): captures the
/// current frame's continuation, whose slots end at `end` and whose record
/// already holds the resume address; the frame stays unsealed (it runs the
/// body next). With `tail`, the continuation of the caller instead (the
/// current frame left out; `end` is then its fp). Returns k; allocates,
/// never raises.
Value helper_callcc(Thread* t, Value* end, uint64_t tail);

/// The last call of an inline call/cc's body, whose continuation is k's
/// (its return address is k's landing), about to enter compiled code at
/// `entry` with a record pushed for the callee: seals the calling frame
/// `caller` again as k's topmost frame when it can (vm::reseal_frame), so
/// that the callee's call/cc in tail position returns k instead of copying
/// the frame once more. Returns `entry`. Does not allocate.
const void* helper_reseal(Thread* t, Frame* caller, Value k, const void* entry);

/// A return of `value` from the current frame into its caller, which is
/// sealed (vm/continuation.h): pops the frame, copies the caller back into
/// place and resumes it. The current frame is not an entry frame.
const void* helper_return_sealed(Thread* t, Value value);

/// The control stub: jumps to the address in rax with the registers
/// machine code expects (see control.h above), or exits with the JitStatus
/// in rax. Reached by a jump, right after one of the helpers returned.
const void* control_stub();

/// Calls helper_return_sealed with the value in rax, then goes on as the
/// control stub does. Reached by a jump from a return (emit_calls.cpp).
const void* sealed_return_stub();

}  // namespace kiln::jit
