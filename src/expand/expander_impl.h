// Internal to src/expand: the Expander class shared by the core forms
// (expander.cpp) and the derived forms (derived.cpp).
#pragma once

#include <string>

#include "expand/expander.h"
#include "runtime/env.h"
#include "runtime/error.h"
#include "runtime/heap.h"

namespace kiln {

/// A local scope: identifiers bound by one lambda, let or body.
struct Scope {
  Scope* parent;
  ast::Vec<Value> ids;
  ast::Vec<ast::Var*> vars;
};

/// What an identifier means at one point of the program.
struct Resolved {
  enum Kind { Local, Global, Special, Macro } kind;
  ast::Var* var = nullptr;
  Value binding = kFalse;  // the Cell, Special or Macro object
  SpecialId special() const { return binding.as<kiln::Special>()->id; }
};

class Expander {
 public:
  explicit Expander(Value env) : env_(env) {}

  ast::Node* toplevel(Value form);

  // --- shared by the derived forms ---
  ast::Node* expr(Value form, Scope* scope);
  ast::Node* body(Value forms, Scope* scope, Value whole);
  ast::Lambda* lambda(Value formals, Value body_forms, Scope* scope, Value whole, Value name);
  Resolved resolve(Value id, Scope* scope);
  bool is_special(Value id, Scope* scope, SpecialId which);

  [[noreturn]] void fail(Value form, const std::string& message);
  SrcLoc loc_of(Value form);

  /// The Special object for a core form, to stand in identifier position in
  /// rewritten code.
  static Value special(SpecialId id);
  /// The builtin variable `name`, to stand in identifier position.
  static Value builtin(const char* name);
  /// A fresh, uninterned symbol: a temporary no user code can name.
  static Value temp(const char* hint);

  /// Derived forms (derived.cpp): each returns the rewritten form, which
  /// the caller expands in the same scope.
  Value rewrite_let(Value form, Scope* scope);  // named let only
  Value rewrite_let_star(Value form);
  Value rewrite_do(Value form);
  Value rewrite_cond(Value form, Scope* scope);
  Value rewrite_case(Value form, Scope* scope);
  Value rewrite_and(Value form);
  Value rewrite_or(Value form);
  Value rewrite_when_unless(Value form, bool when);
  Value rewrite_let_values(Value form, bool sequential);
  Value rewrite_define_values(Value form);
  Value rewrite_case_lambda(Value form);
  Value rewrite_define_record_type(Value form);
  Value rewrite_quasiquote(Value form);
  Value rewrite_delay(Value form, bool force);
  Value rewrite_parameterize(Value form);
  Value rewrite_assert(Value form);
  Value rewrite_guard(Value form, Scope* scope);

  /// Libraries (library.cpp). `library_toplevel` handles import,
  /// define-library and the splicing forms at top level, returning nullptr
  /// for any other form. `rewrite_splicing` turns cond-expand, include and
  /// include-ci into a `begin` of the forms they stand for.
  ast::Node* library_toplevel(Value form);
  Value rewrite_splicing(SpecialId id, Value form);
  Value env() const { return env_; }

 private:
  ast::Node* special_form(SpecialId id, Value form, Scope* scope);
  ast::Node* let(Value form, Scope* scope);
  ast::Node* letrec(Value form, Scope* scope);
  ast::Node* set(Value form, Scope* scope);
  ast::Node* sequence(Value forms, Scope* scope, Value whole);
  ast::Node* toplevel_define(Value form);
  ast::Node* call(Value form, Scope* scope);
  void check_list(Value form, int64_t min_len, const char* shape);

  Value env_;
  SrcLoc last_loc_{};
};

/// Proper-list helpers over forms.
inline Value first(Value l) { return car(l); }
inline Value second(Value l) { return car(cdr(l)); }
inline Value third(Value l) { return car(cdr(cdr(l))); }
inline Value rest(Value l) { return cdr(l); }

}  // namespace kiln
