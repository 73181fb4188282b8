// Shared objects and their symbols.
#pragma once

#include <string>

namespace kiln::ffi {

/// The address of the C symbol `name` in the program or any shared object
/// loaded so far (with RTLD_GLOBAL, so one lookup covers them all). Raises
/// "who: no C symbol named "<name>" ..." with dlerror's text when missing.
void* lookup_symbol(const char* who, const std::string& name);

/// Whether the C function at `function` may start a collection: it lies
/// in the collector's library or in an object whose dependencies include
/// it (it could call GC_gcollect or GC_malloc), in this program (which
/// links the collector), or in no shared object dladdr knows (unknown
/// code). The collector needs Thread::frames_top and the frame records to
/// be exact while it runs, which machine code's lean direct calls do not
/// make them (jit/emit_ffi.cpp); a C function of plain C libraries (libc,
/// libm, sqlite) cannot reach it without a callback into Scheme.
bool may_reach_collector(void* function);

}  // namespace kiln::ffi
