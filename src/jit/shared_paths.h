// Out-of-line paths shared by every compiled function (shared_paths.cpp).
// Each is reached by a jump, with rsp 16-byte aligned as everywhere in
// machine code, and ends by leaving machine code or returning.
#pragma once

namespace kiln::jit {

struct SharedPaths {
  /// A return whose record is at or below Thread::return_floor; the value
  /// in rax. Checks the record and its caller and returns, or leaves.
  const void* checked_return = nullptr;
  /// native_entry's arity and stack checks failed: raises at the call
  /// site, popping the caller-pushed record if it is still unclaimed.
  const void* arity_error = nullptr;
  const void* stack_overflow = nullptr;
  /// The same for native_lazy_entry, which has no record of its own.
  const void* lazy_arity_error = nullptr;
  const void* lazy_stack_overflow = nullptr;
  /// Leaves machine code with the JitStatus in eax (Thread::frames_top
  /// set from r12 first).
  const void* exit = nullptr;
  /// The call entries of a Proto without machine code (Proto::call_entry,
  /// tail_call_entry; runtime/proto.h): entered as its code would be, by
  /// call_generic's dispatch (rbx the callee's frame, esi the argument
  /// count; the caller's record holds the return address, or, for a tail
  /// call, is the frame's own), they leave for the interpreter, which
  /// makes the call (kJitCall, kJitTailCall) as the dispatch's slow path
  /// used to after testing the entry for null.
  const void* interp_call = nullptr;
  const void* interp_tail_call = nullptr;
  /// The call entry of compiled code with no lazy entry (a rest list):
  /// pushes the unclaimed record the callee's native_entry claims and
  /// jumps there. Entered with rcx = the callee's Proto.
  const void* call_with_record = nullptr;
};

/// The paths, made on first use (jit_init makes them at startup).
const SharedPaths& shared_paths();

}  // namespace kiln::jit
