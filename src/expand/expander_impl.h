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
  // --- macros (macro.cpp): keywords bound by define-syntax in a body,
  // let-syntax or letrec-syntax, parallel lists of identifier and Macro.
  ast::Vec<Value> keyword_ids;
  ast::Vec<Value> keywords;
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
  /// The test of a case clause on key variable `k`: memv of the data, or
  /// the same as inline eq? tests when the data allow.
  Value case_test(Value k, Value data);
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

  // --- macros (macro.cpp) ---
  /// `resolve` in another definition environment (a macro's).
  Resolved resolve_in(Value id, Scope* scope, Value env);
  /// A renamed identifier that no local binding captured (see macro.h).
  Resolved resolve_renamed(Value id);
  /// Whether `a` (at `a_scope`) and `b` (in a macro's scope and env) have
  /// the same binding: R7RS's free-identifier comparison for literals.
  bool same_binding(Value a, Scope* a_scope, Value b, Scope* b_scope, Value b_env);
  /// The form one use of `macro` expands to.
  Value expand_macro(Value macro, Value form, Scope* scope);
  Value expand_macro_fully(Value macro, Value form, Scope* scope);
  /// A macro use in expression position: expanded and expanded again.
  ast::Node* macro_use(Value macro, Value form, Scope* scope);
  ast::Node* toplevel_macro_use(Value macro, Value form);
  ast::Node* toplevel_define_syntax(Value form);
  /// (define-syntax name spec) in a body: binds name in `inner`.
  void body_define_syntax(Value form, Scope* inner);
  ast::Node* let_syntax(Value form, Scope* scope, bool recursive);
  [[noreturn]] void syntax_error_form(Value form, Scope* scope);
  /// The global cell a top-level `define` of `name` assigns.
  Value toplevel_cell(Value name);
  /// Stripped quoted data, when a macro may have put identifiers in it.
  Value quoted(Value datum);

 private:
  ast::Node* special_form(SpecialId id, Value form, Scope* scope);
  ast::Node* let(Value form, Scope* scope);
  ast::Node* letrec(Value form, Scope* scope);
  ast::Node* set(Value form, Scope* scope);
  ast::Node* sequence(Value forms, Scope* scope, Value whole);
  ast::Node* toplevel_define(Value form);
  ast::Node* call(Value form, Scope* scope);
  void check_list(Value form, int64_t min_len, const char* shape);
  /// Fails on `form` when `id` is already in `bound`, the names one binding
  /// form has bound so far: R7RS makes a name bound twice by one lambda
  /// list, let, letrec or body an error, and which binding the body would
  /// see is not defined. `what` names the binding in the message.
  void check_bound_once(const ast::Vec<Value>& bound, Value id, Value form, const char* what);

  Value env_;
  SrcLoc last_loc_{};
  bool macro_used_ = false;  // some macro was expanded: data may hold Identifiers
  // Where this expansion's C++ stack began, to stop a macro that expands
  // into itself forever before it exhausts the stack (macro.cpp).
  const char* stack_base_ = static_cast<const char*>(__builtin_frame_address(0));
};

/// Proper-list helpers over forms.
inline Value first(Value l) { return car(l); }
inline Value second(Value l) { return car(cdr(l)); }
inline Value third(Value l) { return car(cdr(cdr(l))); }
inline Value rest(Value l) { return cdr(l); }

}  // namespace kiln
