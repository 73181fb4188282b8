#include "runtime/c_stack.h"

#include <pthread.h>
#include <sys/resource.h>

#include <string>

#include "runtime/error.h"

namespace kiln {

const char* c_stack_floor() {
  // pthread_getattr_np knows every thread's stack; for the main thread
  // glibc derives it from RLIMIT_STACK and the current top of the stack.
  pthread_attr_t attr;
  void* low = nullptr;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &low, &size);
    pthread_attr_destroy(&attr);
  }
  const char* here = static_cast<const char*>(__builtin_frame_address(0));
  // An unlimited or unknown stack: assume the common 8 MB below here, so the
  // check still stops a runaway recursion before the guard page would.
  constexpr size_t kAssumed = 8 << 20;
  if (!low || size == 0 || size > (size_t{1} << 30)) {
    low = const_cast<char*>(here) - kAssumed;
    size = kAssumed;
  }
  const char* floor = static_cast<const char*>(low) + kCStackReserve;
  // A stack smaller than twice the reserve: keep half of what is left.
  if (floor >= here) floor = here - (here - static_cast<const char*>(low)) / 2;
  return floor;
}

void nesting_error(SrcLoc loc, std::string_view what) {
  std::string where = format_srcloc(loc);
  std::string message(what);
  message += " nested too deeply";
  error_of_kind("syntax-error", where.empty() ? message : where + ": " + message);
}

}  // namespace kiln
