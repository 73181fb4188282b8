// The compile driver: top-level forms to running code.
//
// read -> expand -> analyze -> ir::build -> (verify) -> vm::emit -> run.
// One call per top-level form, so a definition is in place before the next
// form is expanded (R7RS program semantics, and what a REPL needs).
#pragma once

#include <string>
#include <string_view>

#include "runtime/object.h"

namespace kiln {

/// Brings up the whole system: runtime, core forms, interpreter, prelude.
void kiln_init();

/// A fresh environment for a program or the REPL, importing every builtin.
Value make_program_environment();

/// Compiles and runs one top-level form in `env`. Returns its value, or
/// kRaise with the raised object in g_thread->pending.
Value eval_form(Value form, Value env);

/// Compiles one top-level form in `env` into a zero-argument closure
/// without running it; raises (SchemeRaise) on syntax errors. Library bodies
/// the form imports are queued: run them first (run_library_inits).
Value compile_toplevel(Value form, Value env);

/// Runs the queued bodies of newly imported libraries (expand/library.h).
/// Returns kRaise if one raised, else kUnspecified.
Value run_library_inits();

/// Reads and runs every form of `text` (named `file_name` in locations).
/// Stops at the first unhandled exception and returns kRaise; otherwise
/// returns the last form's value.
Value eval_text(std::string_view text, std::string_view file_name, Value env);

/// The IR of every top-level form of `text`, as --dump-ir prints it. Forms
/// are also run, so that macros and definitions are in place for later ones.
std::string dump_ir_of_text(std::string_view text, std::string_view file_name, Value env, bool* failed);

/// `kiln --disasm`: runs every form of `text` as a program does, then
/// returns the listing (jit::disassemble) of every lambda written in it,
/// depth first in source order; not the implicit wrapper of each top-level
/// form. Running first puts macros and definitions in place, as for
/// dump_ir_of_text; listing afterwards shows the code as the JIT would make
/// it at the end of the run. Stops at the first unhandled exception
/// (*failed), still listing the forms compiled so far.
std::string disasm_of_text(std::string_view text, std::string_view file_name, Value env, bool* failed);

/// Prints an unhandled exception (message, irritants, Scheme backtrace) to
/// stderr and clears it.
void report_uncaught(Value obj);

}  // namespace kiln
