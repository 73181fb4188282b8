// The printer: external representations of values, for display, write and
// the REPL.
//
// Write mode produces text the reader reads back to an equal datum where
// the value has a readable syntax (numbers, strings, chars, symbols, lists,
// vectors, bytevectors, booleans); other objects print as #<...>.
// Circular structure gets datum labels (#0=, #0#) in Display and Write, so
// both always terminate; WriteShared labels every shared pair, vector and
// record; WriteSimple uses no labels and loops on cycles, as R7RS allows.
//
// Lists are printed iteratively along their cdrs, so any length works; car
// and vector nesting recurses and raises a Scheme error past kMaxPrintDepth
// levels instead of overflowing the C++ stack.
#pragma once

#include <string>

#include "runtime/value.h"

namespace kiln {

enum class PrintMode : uint8_t { Display, Write, WriteShared, WriteSimple };

/// Nesting depth (through cars, vector items, record fields) beyond which
/// printing raises an error.
inline constexpr int kMaxPrintDepth = 10000;

/// Prints `v` to the textual output port `port`. Raises like port writes do.
void print(Value port, Value v, PrintMode mode);

/// The printed representation of `v` as UTF-8.
std::string write_to_string(Value v, PrintMode mode = PrintMode::Write);

/// Returns the name of a Closure or CaseLambda (a symbol), or #f. Set by
/// the VM, which knows the Proto layout; the default returns #f, and
/// procedures then print as #<procedure>.
extern Value (*g_procedure_name)(Value proc);

}  // namespace kiln
