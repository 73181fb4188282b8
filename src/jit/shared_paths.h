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
};

/// The paths, made on first use (jit_init makes them at startup).
const SharedPaths& shared_paths();

}  // namespace kiln::jit
