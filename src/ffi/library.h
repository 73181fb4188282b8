// Shared objects and their symbols.
#pragma once

#include <string>

namespace kiln::ffi {

/// The address of the C symbol `name` in the program or any shared object
/// loaded so far (with RTLD_GLOBAL, so one lookup covers them all). Raises
/// "who: no C symbol named "<name>" ..." with dlerror's text when missing.
void* lookup_symbol(const char* who, const std::string& name);

}  // namespace kiln::ffi
