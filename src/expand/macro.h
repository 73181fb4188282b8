// Macros: renamed identifiers and syntax-rules transformers.
//
// Hygiene by renaming. Each use of a macro instantiates its template with
// every template identifier (one that is not a pattern variable) replaced by
// an `Identifier`: a fresh object remembering the original name and the
// local scope and environment where the macro was defined. Within one
// expansion the same template identifier always becomes the same object, so
// a binding the template makes (a temporary in `let`, a `define`) and the
// template's references to it are `eq?`, and the expander's scope chain
// (which compares identifiers with `eq?`) resolves them to each other. An
// identifier of the user's, even with the same spelling, is a different
// object and is never captured. An Identifier that no binding of its own
// expansion captures is resolved as its original name in the macro's
// definition scope, so a template's free `if` or `list` means the
// definition site's binding, whatever the use site has rebound.
//
// Identifiers nest: a macro defined by a macro's expansion has Identifiers
// in its template, and renaming those gives an Identifier of an Identifier,
// resolved one layer at a time.
//
// Identifiers never reach run time: `quote` (and so quasiquote, case data,
// records' field names) strips them back to symbols.
#pragma once

#include <string>

#include "expand/expander_impl.h"

namespace kiln {

/// A renamed identifier: see above.
struct Identifier : Object {
  Value name;    // the symbol or Identifier this one renames
  Value env;     // the environment of the macro that introduced it
  Scope* scope;  // the local scope where that macro was defined (null: top level)
  /// Set when a top-level definition binds this very identifier: it then
  /// names a hidden global (a Cell under a fresh uninterned symbol) or a
  /// Macro, seen only by identifiers of the same expansion.
  Value binding;
};

/// A syntax-rules transformer, compiled at its definition (see
/// syntax_rules.cpp for the compiled pattern and template format).
struct Macro : Object {
  Value name;     // the keyword, for messages
  Value rules;    // list of #(pattern template) in compiled form
  Value literals; // list of identifiers
  Value env;      // definition environment
  Scope* scope;   // definition scope (null: top level)
};

inline bool is_renamed(Value v) { return has_type(v, Type::Identifier); }
inline bool is_macro(Value v) { return has_type(v, Type::Macro); }
/// A name that a binding form may bind: a symbol or a renamed identifier.
inline bool is_bindable(Value v) { return is_symbol(v) || is_renamed(v); }
/// The symbol an identifier was spelled as (itself for a symbol; anything
/// else is returned unchanged).
Value identifier_symbol(Value id);
/// The identifier's spelling, for messages.
std::string identifier_text(Value id);
/// `datum` with every Identifier inside replaced by its symbol. Returns
/// `datum` itself when it contains none (shared and cyclic data are kept
/// shared and cyclic when copied). Data nested too deeply to walk on the
/// C++ stack raise a syntax-error naming `where`.
Value strip_syntax(Value datum, SrcLoc where = {});

/// Expands one use of a syntax-rules macro: the first rule whose pattern
/// matches `form` (resolving literals at `use_scope`) is instantiated.
/// Raises a syntax-error naming the macro when no rule matches.
Value expand_syntax_rules(Expander& x, Value macro, Value form, Scope* use_scope);

/// Compiles `(syntax-rules ...)` (`spec`) into a Macro defined in `scope`
/// and `env`. Raises a syntax-error with `spec`'s location when malformed.
Value compile_syntax_rules(Expander& x, Value spec, Value name, Scope* scope, Value env);

}  // namespace kiln
