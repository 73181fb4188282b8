// Source locations, and the side table that attaches them to the pairs the
// reader builds. Every list read from a file is entered here, so the
// expander, the compiler and the VM can name file:line:column for any form.
// Symbols and other atoms are not unique objects, so a form's location is
// that of the innermost list around it.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/value.h"

namespace kiln {

struct SrcLoc {
  uint32_t file = 0;  // index into the file-name table; 0 means unknown
  uint32_t line = 0;  // 1-based
  uint32_t col = 0;   // 1-based

  bool known() const { return file != 0 || line != 0; }
};

/// Registers a file name (or "<string>", "<repl>") and returns its index.
uint32_t srcloc_file(const std::string& name);
const std::string& srcloc_file_name(uint32_t file);
/// "file:line:col", or "" when unknown.
std::string format_srcloc(SrcLoc loc);

/// Records where the pair `form` was read.
void srcloc_record(Value form, SrcLoc loc);
/// The location of `form` (a pair), or an unknown location.
SrcLoc srcloc_of(Value form);
/// Forgets every recorded location (and so lets the collector free the
/// pairs): the fuzz targets do this after each input, so that the table
/// does not grow for the whole run. Messages about forms read earlier lose
/// their locations.
void srcloc_forget_all();

}  // namespace kiln
