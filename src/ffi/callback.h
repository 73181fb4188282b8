// Callbacks: C function pointers that call Scheme procedures.
//
// `(foreign-callback proc (arg-type ...) result-type)` makes a libffi
// closure whose code calls `proc` through a nested VM activation
// (vm::apply). The closure's memory comes from ffi_closure_alloc (malloc'd,
// invisible to the collector), so its CallbackRecord, which holds `proc`,
// is kept in a registered root table: callbacks live until the program
// ends (C may keep a function pointer indefinitely), unless freed with
// `foreign-callback-free!`.
//
// Errors. C frames (qsort, sqlite3_exec, ...) lie between the callback and
// the Scheme code that made the foreign call, and the VM cannot unwind
// through them. So the callback runs `proc` with no outer exception
// handlers installed (a `guard` inside `proc` works as usual); an error
// that escapes `proc`, or a result of the wrong type, is recorded, the
// callback returns a zero value to C, and later calls of any callback
// during the same foreign call return zero at once without running Scheme.
// When the foreign call returns, the foreign procedure raises the recorded
// object: it reaches the caller's handlers, or is reported uncaught with
// the backtrace of the foreign call site. A continuation captured outside
// the callback cannot be invoked inside it (the VM says so).
#pragma once

#include "ffi/signature.h"
#include "runtime/cell_watch.h"
#include "runtime/thread.h"

namespace kiln::ffi {

/// The flag that a callback failed during the current foreign call. It is
/// false whenever Scheme code runs: a callback runs Scheme only while it is
/// false (a failure makes later callbacks return zero at once), and the
/// foreign call that C returns to clears it (raise_callback_failure) before
/// its caller continues. So a foreign call needs no set-up: after C returns
/// it tests the flag (foreign_call does; machine code's direct calls,
/// jit/emit_ffi.cpp, test it inline) and, if set, raises. A plain global
/// (the recorded error, a Value, is kept apart in root memory), so both
/// read it with one load. It is Thread::callback_failed (machine code
/// reaches it from r13); only callback.cpp writes it.
inline const bool* callback_failure_flag() { return &g_thread->callback_failed; }

/// Whether this process has made a foreign-callback. Until it has, no C
/// function can call Scheme code (a callback's code is the only way in),
/// so machine code's direct foreign calls may leave out what only a
/// callback needs: the frame's pc, Thread::frames_top, the failure flag's
/// test, even the frame record (jit/emit_ffi.cpp, "lean" calls). Never
/// goes back to false.
bool callbacks_made();

/// Registers a site of machine code (runtime/cell_watch.h) that assumes
/// callbacks_made() is false. The first foreign-callback patches every
/// such site (TierConfig::invalidate_lean_site, which leaves a site that
/// already jumps alone; counted in
/// TierStats::invalidations) before C can see its pointer; a site
/// registered once a callback exists is patched at once. Activations
/// running the code then run the patched bytes, as for a cell's watch.
void watch_no_callbacks(const WatchSite& site);

/// Clears the recorded callback error and raises it (SchemeRaise).
[[noreturn]] void raise_callback_failure();

/// A callback's data. In scanned GC memory, kept alive by the root table.
struct CallbackRecord {
  Value proc;            // the Scheme procedure
  FfiSignature sig;      // its C signature (sig.function is the closure's code)
  ffi_closure* closure;  // libffi's writable closure (malloc'd)
};

}  // namespace kiln::ffi
