// The bytecode interpreter.
//
// The calling convention (shared with the JIT to come): a call places the
// callee in fp'[0] and the arguments in fp'[1 .. argc] of the new frame,
// which begins at the caller's fp + nregs (its outgoing area). A closure's
// Proto says how many registers its frame needs; a primitive takes its
// arguments straight from the outgoing area. Tail calls move the callee and
// arguments down to the current fp and reuse the frame, so they run in
// constant space on both the value stack and the frame stack.
//
// Safety rules, named in interp.cpp:
// - `t.sp` always covers every register that holds a live value, because
//   the collector scans the value stack only up to it; anything that can
//   allocate runs after `t.sp` is set for the current frame.
// - Anything that can raise (a primitive's kRaise, a C++ SchemeRaise from
//   a generic arithmetic routine) leaves `pc` at the start of the faulting
//   instruction, so the backtrace names its source location.
#pragma once

#include <string>

#include "runtime/proto.h"
#include "runtime/srcloc.h"
#include "runtime/thread.h"

namespace kiln::vm {

/// Calls procedure `f` on `args` from C++. Returns its result, or kRaise
/// with the raised object in `t.pending` (and a backtrace in
/// `t.pending_backtrace`) when an exception was not handled.
Value apply(Thread& t, Value f, const Value* args, uint32_t argc);

/// Leaves the stack reserve once the stacks are back below the normal
/// limits, so that the next stack overflow can be caught again. Called
/// whenever frames are discarded (a continuation call, a return to C++).
void leave_stack_reserve_if_below(Thread& t);

/// After a continuation was reinstated: Thread::sp at the end of the frame
/// to resume (it still pointed where the discarded frames were, maybe in
/// the stack reserve), then leave_stack_reserve_if_below.
void after_reinstate(Thread& t);

/// A stack overflow: moves into the stack reserve, so that a handler of the
/// error has room to run, and returns true; false when already in it (an
/// overflow there cannot be handled). The interpreter and machine code
/// (jit/helpers.h) both call it before raising "stack overflow".
bool enter_stack_reserve(Thread& t);

/// A closure of `p` with no free variables (a top-level form).
Value make_toplevel_closure(Proto* p);

/// One line of a backtrace, "name (file:line:col)", as a string.
Value backtrace_line(const std::string& name, SrcLoc loc);

/// Marks the control primitives (apply, ...) that the interpreter runs
/// itself. Called once by the compile driver's setup.
void interp_init();

}  // namespace kiln::vm
