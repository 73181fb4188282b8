// Lowering the analyzed core AST (expand/ast.h) into IR functions.
//
// Variables become SSA values where they can: an unassigned local is the
// value of its initializer; an assigned local that no closure captures is
// renamed at each `set!`, with block parameters merging the versions at
// joins; only boxed variables (captured and assigned) live in Boxes.
// Captured variables are read from the closure's flat free-variable slots.
// A lambda reaches itself through its `self` parameter, and a self call in
// tail position becomes a jump to the loop header (block 1), so named-let
// loops are loops. A contified lambda (analyze.h: Lambda::host) has no
// function of its own: its body is blocks of its host's function, compiled
// at its first call, with a header block whose parameters are its
// parameters; its calls jump there, and its returns are the host's returns
// or, for a lambda called once in non-tail position, jumps to a join block
// after that call (whose parameter is the call's value). Variables it
// shares with its host are captured ones, hence unassigned or boxed, so
// they have one value wherever the header is entered from. A closed
// lambda (analyze.h) is one constant closure, made here: its references
// are `const`s, and its function a child with no `closure` naming it.
// Calls to
// inlinable builtins become IR ops (Add, Car, ...) or CallPrim; everything
// else is a Call or TailCall.
#pragma once

#include <memory>

#include "expand/ast.h"
#include "ir/ir.h"

namespace kiln::ir {

/// Builds the IR of `lambda` and, recursively, of the lambdas inside it.
/// The AST must have been analyzed (analyze/analyze.h).
std::unique_ptr<Function> build(ast::Lambda* lambda);

}  // namespace kiln::ir
