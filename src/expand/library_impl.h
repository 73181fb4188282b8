// Internal to src/expand: what library.cpp (registry, visiting, import
// sets) and cond_expand.cpp (cond-expand, include) share.
#pragma once

#include <string>

#include "expand/expander_impl.h"

namespace kiln {

/// Whether `name` is a library name: a non-empty list of identifiers and
/// exact non-negative integers.
bool is_library_name(Value name);
/// "(scheme base)": a library name as messages show it.
std::string library_name_text(Value name);
/// Whether the library is registered or its file is on the search path.
bool library_exists(Value name);
/// Visits `lib` (a registry entry) if it has not been; `where` locates errors.
void visit_library(Expander& x, Value lib, Value where);
/// Binds the bindings of one import set in `env`.
void import_into(Expander& x, Value env, Value set, Value where);

/// The forms of the files named in (include "file" ...), in order; each
/// file is found relative to the file `decl` was read from.
Value read_included_files(Expander& x, Value decl, bool fold_case);
/// The body of the first clause of (cond-expand clause ...) whose feature
/// requirement holds, or () when none does.
Value cond_expand_select(Expander& x, Value form);

/// The directory (ending in '/') of the file `form` was read from, or "".
std::string directory_of(Value form);
/// Reads a whole file; false if it cannot be read.
bool read_text_file(const std::string& path, std::string* text);

}  // namespace kiln
