// How much of the C++ stack is left, for the parts of Kiln that recurse on
// the shape of their input (the expander, the analyzer, the IR builder,
// copying literals...). Such input comes from the user -- 100000 nested
// parentheses read fine, since the reader is iterative -- so each of those
// recursions asks c_stack_low() at every level and raises a Scheme error
// ("nested too deeply") instead of overflowing the stack, which would kill
// the process.
#pragma once

#include <cstddef>
#include <string_view>

#include "runtime/srcloc.h"

namespace kiln {

/// The stack that must stay free below the deepest checked frame: enough
/// for raising the error (formatting, unwinding) and for the unchecked
/// frames between two checks. Sanitizer builds have frames several times
/// larger.
#if defined(__SANITIZE_ADDRESS__)
#define KILN_C_STACK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KILN_C_STACK_ASAN 1
#endif
#endif
#ifdef KILN_C_STACK_ASAN
constexpr size_t kCStackReserve = 2 << 20;
#else
constexpr size_t kCStackReserve = 512 << 10;
#endif

/// The lowest address the calling thread's frames may reach before
/// c_stack_low() says so (the end of its stack plus kCStackReserve); found
/// once per thread.
const char* c_stack_floor();

/// True when fewer than kCStackReserve bytes of the calling thread's C
/// stack are left below the caller's frame. One compare after the first
/// call in a thread.
inline bool c_stack_low() {
  thread_local const char* floor = c_stack_floor();
  return static_cast<const char*>(__builtin_frame_address(0)) < floor;
}

/// Raises a syntax-error "file:line:col: <what> nested too deeply" (no
/// location when `loc` is unknown): what a compiler stage says when
/// c_stack_low() stops it.
[[noreturn]] void nesting_error(SrcLoc loc, std::string_view what);

}  // namespace kiln
