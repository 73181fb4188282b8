// R7RS libraries: define-library, import sets, the library search path,
// cond-expand and include.
//
// A library is *visited* when it is first imported: its declarations are
// processed in order (imports bind into a fresh environment, `begin` and
// `include` bodies are expanded and compiled into one closure, `export`
// specs are collected), and its export table is built from the bindings
// the expansion created. Visiting never runs code: the library's body
// closure is queued, and whoever runs the importing code first runs the
// queue (eval_form in vm/eval.cpp, `eval` in the prelude through
// %take-library-init). This keeps expansion free of VM re-entry and runs
// every library body exactly once, imported libraries before importers.
//
// Exports and imports move *bindings* (a Cell, Special or Macro), never
// values, so a macro or a core form is exported as easily as a variable and
// an importer shares the exporter's cells.
//
// The standard libraries ((scheme base) ...) are .sld files under lib/,
// compiled into the binary; they import the pseudo-library (kiln %builtin),
// whose export table is the builtin environment itself. An export a
// standard library declares but Kiln does not define is left out and
// recorded (see %library-missing-exports), so tests list it as a known
// failure instead of it vanishing.
#pragma once

#include <string>
#include <vector>

#include "runtime/object.h"

namespace kiln {

/// Compiles a top-level form in an environment into a zero-argument
/// closure, without running it. Set by the compile driver (vm/eval.cpp):
/// src/expand cannot depend on the later stages directly.
using LibraryCompileFn = Value (*)(Value form, Value env);
extern LibraryCompileFn g_library_compile;

/// Sets the directories searched for `(a b c)` as `DIR/a/b/c.sld`:
/// `prepend` (the -I options) first, then `program_dir`, then each entry of
/// $KILN_LIBRARY_PATH (colon-separated), then `append` (-A options).
void library_configure_path(const std::vector<std::string>& prepend, const std::string& program_dir,
                            const std::vector<std::string>& append);
/// The current search path, in search order.
const std::vector<std::string>& library_search_path();

/// Whether `form` is an `(import ...)` declaration: a program whose first
/// form (after any define-library) is an import sees only what it imports.
bool is_import_form(Value form);
/// Whether `form` is a `(define-library ...)` form.
bool is_define_library_form(Value form);

/// Removes and returns the oldest queued library body closure, or #f.
Value library_take_pending_init();

/// A new environment holding the bindings named by the import sets in the
/// list `sets` (the `environment` procedure). Raises on a bad import set.
Value make_import_environment(Value sets, Value name);

/// The environment `interaction-environment` returns (and `load` and `eval`
/// default to): the running program's environment once one is set, so that
/// (load "defs.scm") in a program defines where the program can see it;
/// otherwise (the REPL) one made on first use, importing the common
/// standard libraries and (kiln).
Value interaction_environment();
void set_interaction_environment(Value env);

}  // namespace kiln
