// (scheme process-context) and (scheme time).
#include <sys/time.h>

#include <chrono>
#include <cstdlib>
#include <cstring>

#include "runtime/numbers.h"
#include "runtime/port.h"
#include "runtime/primitive.h"
#include "runtime/system.h"

extern char** environ;

namespace kiln {

namespace {
Value* command_line_root() {
  static Value* root = [] {
    auto* r = static_cast<Value*>(gc_alloc_root(sizeof(Value)));
    *r = kNil;
    return r;
  }();
  return root;
}

/// The exit status R7RS `exit` means by `obj`.
int exit_status(const Args& a) {
  if (!a.has(0) || a[0] == kTrue) return 0;
  if (a[0] == kFalse) return 1;
  if (a[0].is_fixnum()) return static_cast<int>(a[0].as_fixnum() & 0xff);
  return 1;
}

using Clock = std::chrono::steady_clock;
const Clock::time_point g_start = Clock::now();
}  // namespace

void set_command_line(const std::vector<std::string>& args) {
  Value l = kNil;
  for (auto it = args.rbegin(); it != args.rend(); ++it) l = cons(make_string(*it), l);
  *command_line_root() = l;
}

KILN_PRIMITIVE(prim_command_line, "command-line", 0, 0, "(command-line): the program name and its arguments, as strings.") {
  return *command_line_root();
}

// `exit` itself is in the prelude: it runs the outstanding dynamic-wind
// afters, then calls this.
KILN_PRIMITIVE(prim_exit, "%exit", 0, 1, "(%exit [obj]): ends the program without running dynamic-wind afters.") {
  raise_exit_request(exit_status(a));
}

KILN_PRIMITIVE(prim_emergency_exit, "emergency-exit", 0, 1,
               "(emergency-exit [obj]): ends the program at once, running no dynamic-wind afters (output is flushed).") {
  flush_standard_ports();
  std::_Exit(exit_status(a));
}

KILN_PRIMITIVE(prim_getenv, "get-environment-variable", 1, 1, "(get-environment-variable name): its value as a string, or #f.") {
  const char* v = std::getenv(string_to_utf8(a.string(0)).c_str());
  return v ? make_string(v) : kFalse;
}

KILN_PRIMITIVE(prim_getenvs, "get-environment-variables", 0, 0, "(get-environment-variables): an alist of (name . value) strings.") {
  Value l = kNil;
  for (char** e = environ; e && *e; ++e) {
    const char* eq = std::strchr(*e, '=');
    if (!eq) continue;
    l = cons(cons(make_string(std::string_view(*e, static_cast<size_t>(eq - *e))), make_string(eq + 1)), l);
  }
  return list_reverse(l);
}

KILN_PRIMITIVE(prim_current_second, "current-second", 0, 0, "(current-second): seconds since the epoch, as a flonum.") {
  timeval tv;
  gettimeofday(&tv, nullptr);
  return make_flonum(static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6);
}

KILN_PRIMITIVE(prim_current_jiffy, "current-jiffy", 0, 0, "(current-jiffy): nanoseconds since an arbitrary start.") {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - g_start).count();
  return make_integer(ns);
}

KILN_PRIMITIVE(prim_jiffies, "jiffies-per-second", 0, 0, "(jiffies-per-second): 1000000000.") {
  return Value::fixnum(1000000000);
}

KILN_PRIMITIVE(prim_features, "features", 0, 0, "(features): the feature identifiers cond-expand knows.") {
  return list({intern("r7rs"), intern("exact-closed"), intern("ratios"), intern("full-unicode"), intern("kiln"),
               intern("x86-64"), intern("linux"), intern("posix")});
}

}  // namespace kiln
