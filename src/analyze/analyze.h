// The analyzer: annotates the expander's core AST in place for the IR
// builder.
//
// - Var::binder, Lambda::parent: which lambda binds each variable.
// - Var::captured and Lambda::free: closure conversion. A variable used in a
//   lambda other than its binder is captured, and every lambda between the
//   use and the binder lists it among its free variables (in first-use
//   order), so closures are flat.
// - Var::assigned (set by the expander) with captured and
//   Lambda::may_reenter gives Var::boxed(): an assigned variable lives in a
//   box when a closure captures it or when its lambda makes a non-tail call
//   that could capture a continuation (re-entering the frame must not bring
//   back an old value); other assigned variables stay SSA values.
// - Call::tail: calls in tail position (R7RS 3.5).
// - Var::known: a letrec-bound lambda never assigned; calls to it are known
//   calls (self tail calls become loops).
#pragma once

#include "expand/ast.h"

namespace kiln {

/// Analyzes `top`, a lambda of no arguments wrapping one top-level form.
void analyze(ast::Lambda* top);

}  // namespace kiln
