// The expander: Scheme data (from the reader) -> core AST (ast.h).
//
// Input forms are plain data whose pairs carry source locations in the
// srcloc side table. Output is the core language with every binding
// resolved: local variables become `ast::Var`s, globals become Cells of the
// environment being expanded into.
//
// Hygiene. Identifiers are resolved through a chain of local scopes and
// then the top-level environment. Derived forms are rewritten into data that
// names the core forms and runtime procedures by their binding objects
// themselves (a Special or a builtin Cell standing in identifier position)
// rather than by symbols, so a user's local `if` or `list` can never capture
// them; temporaries are fresh uninterned symbols. syntax-rules adds renamed
// identifiers resolving in their macro's environment (macro.h).
#pragma once

#include "expand/ast.h"
#include "runtime/object.h"

namespace kiln {

/// The core syntactic forms. Each is bound in the builtin environment to a
/// `Special` object carrying its id.
#define KILN_SPECIAL_FORMS(X)                                                            \
  X(Quote, "quote") X(Quasiquote, "quasiquote") X(Unquote, "unquote")                    \
  X(UnquoteSplicing, "unquote-splicing") X(Lambda, "lambda") X(Define, "define")         \
  X(Set, "set!") X(If, "if") X(Begin, "begin") X(Let, "let") X(LetStar, "let*")          \
  X(Letrec, "letrec") X(LetrecStar, "letrec*") X(Do, "do") X(Cond, "cond")               \
  X(Case, "case") X(And, "and") X(Or, "or") X(When, "when") X(Unless, "unless")          \
  X(LetValues, "let-values") X(LetStarValues, "let*-values")                             \
  X(DefineValues, "define-values") X(CaseLambda, "case-lambda")                          \
  X(DefineRecordType, "define-record-type") X(Delay, "delay") X(DelayForce, "delay-force") \
  X(Parameterize, "parameterize") X(Import, "import") X(Assert, "assert")                \
  X(Guard, "guard")                                                                      \
  X(CondExpand, "cond-expand") X(Include, "include") X(IncludeCi, "include-ci")          \
  X(Else, "else") X(Arrow, "=>") X(Ellipsis, "...") X(Underscore, "_")                   \
  /* macros (macro.cpp, syntax_rules.cpp) */                                             \
  X(DefineSyntax, "define-syntax") X(LetSyntax, "let-syntax")                            \
  X(LetrecSyntax, "letrec-syntax") X(SyntaxRules, "syntax-rules") X(SyntaxError, "syntax-error")

enum class SpecialId : uint8_t {
#define KILN_X(form_id, form_name) form_id,
  KILN_SPECIAL_FORMS(KILN_X)
#undef KILN_X
};

struct Special : Object {
  SpecialId id;
  Value name;
};

/// Binds the core forms in the builtin environment. Called by runtime setup.
void expander_init();

/// Expands one top-level form of a program or REPL into `env`.
/// Raises a syntax-error (error.h) with file:line:col on malformed input.
ast::Node* expand_toplevel(Value form, Value env);

}  // namespace kiln
