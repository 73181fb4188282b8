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
// - Lambda::host / Lambda::joins: contification, unless KILN_CONTIFY=0 is set
//   in the environment (for debugging). A known lambda that is
//   only ever called with its arity, from its own body in tail position and
//   from the body of the lambda binding it (always in tail position, or
//   exactly once), is compiled as blocks of that function: no closure, its
//   calls are jumps (ir/build.cpp). A call from a nested lambda counts as
//   made in its host when that lambda is contified itself, so nested loops
//   (an inner loop tail-calling the outer one) all become one function.
//   Deciding needs every use, so it happens when a letrec's scope has been
//   walked; letrecs nested in that scope are decided first.
// - Lambda::closed: a known, uncontified lambda whose free variables are
//   all closed lambdas' (itself and mutual recursion included), defined
//   before any letrec initializer that could read it unset; unless
//   KILN_CLOSED=0. Its closure is one constant (ir/build.cpp), so its
//   variable is dropped from every free list (close_lambdas in analyze.cpp).
//
// - Var::early: a letrec variable that code run by its letrec's
//   initializers, up to its own, may reach (mark_early in analyze.cpp).
//   Only such variables can be read before their initializer ran, which
//   R7RS makes an error: ir/build.cpp checks their reads from closures
//   (reads in the binding function are decided statically) and boxes
//   them when captured, so a closure made early sees the later value.
//
// - Call::inline_callcc: (call/cc (lambda (k) body ...)) naming the builtin
//   call/cc (or call-with-current-continuation) with a one-argument lambda,
//   unless KILN_INLINE_CALLCC=0. The lambda is not walked as a lambda: k is
//   bound by the current one and the body is walked as part of it, in the
//   call's tail position (ir/build.cpp compiles it so). The current lambda
//   gets may_reenter, as for a non-tail call.
//
// The one rewrite: a named let's expansion ((letrec ((name L)) name) arg ...)
// becomes (letrec ((name L)) (name arg ...)), so its first call is a call of
// the variable like any other.
#pragma once

#include "expand/ast.h"

namespace kiln {

/// Analyzes `top`, a lambda of no arguments wrapping one top-level form.
void analyze(ast::Lambda* top);

}  // namespace kiln
