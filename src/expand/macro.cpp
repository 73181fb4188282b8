// The expander's side of macros: renamed identifiers and their resolution,
// define-syntax (top level and in bodies), let-syntax, letrec-syntax,
// syntax-error, and expanding macro uses. The syntax-rules transformer
// itself is in syntax_rules.cpp. See macro.h for the hygiene algorithm.
#include "expand/macro.h"

#include <unordered_map>

#include "runtime/c_stack.h"

namespace kiln {

using namespace ast;

namespace {

/// The C++ stack one top-level form's expansion may use before a macro
/// use nested in others' expansions is refused: a macro that expands into a
/// use of itself forever must be an error, not a crash. Measured in bytes,
/// not uses, because a level's frames differ between forms and builds
/// (300-700 bytes a level in release builds, ten times that in the ASan
/// debug build, hence its larger budget). 1 MB allows a nesting of about
/// 1500-3000 uses and leaves most of an 8 MB main-thread stack untouched.
#if defined(__SANITIZE_ADDRESS__)
constexpr ptrdiff_t kMaxExpansionStack = 4 << 20;
#else
constexpr ptrdiff_t kMaxExpansionStack = 1 << 20;
#endif
/// Expansions of one form into a macro use, into a macro use, ... before it
/// is taken to loop forever.
constexpr int kMaxExpansionSteps = 10000;

bool is_keyword_like(Value v) { return is_bindable(v) || has_type(v, Type::Special) || has_type(v, Type::Cell); }

// --- strip_syntax ------------------------------------------------------------

using Seen = std::unordered_map<uint64_t, size_t>;

bool contains_identifier(Value v, Seen& seen, SrcLoc where) {
  if (c_stack_low()) nesting_error(where, "literal");
  for (;;) {
    if (is_renamed(v)) return true;
    if (is_vector(v)) {
      if (!seen.emplace(v.raw, 0).second) return false;
      for (int64_t i = 0; i < vector_length(v); ++i)
        if (contains_identifier(vector_items(v)[i], seen, where)) return true;
      return false;
    }
    if (!is_pair(v) || !seen.emplace(v.raw, 0).second) return false;
    if (contains_identifier(car(v), seen, where)) return true;
    v = cdr(v);  // iterate down the spine: long lists must not recurse deeply
  }
}

/// Copies `v` with identifiers stripped. `copies` holds every pair and
/// vector copied so far, `index` maps an original's address to its copy's
/// slot there, so shared and cyclic structure stays shared and cyclic.
Value strip_copy(Value v, Seen& index, gc_vector<Value>& copies, SrcLoc where) {
  if (c_stack_low()) nesting_error(where, "literal");
  if (is_renamed(v)) return identifier_symbol(v);
  if (is_vector(v)) {
    auto it = index.find(v.raw);
    if (it != index.end()) return copies[it->second];
    int64_t n = vector_length(v);
    Value copy = make_vector(n);
    index.emplace(v.raw, copies.size());
    copies.push_back(copy);
    for (int64_t i = 0; i < n; ++i) vector_items(copy)[i] = strip_copy(vector_items(v)[i], index, copies, where);
    return copy;
  }
  if (!is_pair(v)) return v;
  auto it = index.find(v.raw);
  if (it != index.end()) return copies[it->second];
  Value head = cons(kFalse, kNil);
  Value tail = head;
  for (;;) {
    index.emplace(v.raw, copies.size());
    copies.push_back(tail);
    set_car(tail, strip_copy(car(v), index, copies, where));
    Value next = cdr(v);
    if (!is_pair(next)) {
      set_cdr(tail, strip_copy(next, index, copies, where));
      break;
    }
    auto seen = index.find(next.raw);
    if (seen != index.end()) {  // the spine loops back
      set_cdr(tail, copies[seen->second]);
      break;
    }
    Value cell = cons(kFalse, kNil);
    set_cdr(tail, cell);
    tail = cell;
    v = next;
  }
  return head;
}

}  // namespace

// --- identifiers ---------------------------------------------------------------

Value identifier_symbol(Value id) {
  while (is_renamed(id)) id = id.as<Identifier>()->name;
  return id;
}

std::string identifier_text(Value id) {
  id = identifier_symbol(id);
  if (is_symbol(id)) return symbol_to_utf8(id);
  if (has_type(id, Type::Special)) return symbol_to_utf8(id.as<Special>()->name);
  if (has_type(id, Type::Cell)) return symbol_to_utf8(as_cell(id)->name);
  return "?";
}

Value strip_syntax(Value datum, SrcLoc where) {
  if (!is_pair(datum) && !is_vector(datum)) return is_renamed(datum) ? identifier_symbol(datum) : datum;
  Seen seen;
  if (!contains_identifier(datum, seen, where)) return datum;
  Seen index;
  gc_vector<Value> copies;
  return strip_copy(datum, index, copies, where);
}

Value Expander::quoted(Value datum) { return macro_used_ ? strip_syntax(datum, last_loc_) : datum; }

Resolved Expander::resolve_renamed(Value id) {
  Identifier* i = id.as<Identifier>();
  if (is_macro(i->binding)) return {Resolved::Macro, nullptr, i->binding};
  if (has_type(i->binding, Type::Cell)) return {Resolved::Global, nullptr, i->binding};
  return resolve_in(i->name, i->scope, i->env);
}

bool Expander::same_binding(Value a, Scope* a_scope, Value b, Scope* b_scope, Value b_env) {
  Resolved ra = resolve(a, a_scope);
  Resolved rb = resolve_in(b, b_scope, b_env);
  if (ra.kind != rb.kind) return false;
  if (ra.kind == Resolved::Local) return ra.var == rb.var;
  if (ra.binding == rb.binding) return true;
  // Two unbound globals match when spelled alike, even in different
  // environments (R7RS 4.3.2: "both are unbound and have the same name").
  return ra.kind == Resolved::Global && as_cell(ra.binding)->value == kUnbound &&
         as_cell(rb.binding)->value == kUnbound && as_cell(ra.binding)->name == as_cell(rb.binding)->name;
}

// --- defining macros ---------------------------------------------------------------

namespace {
/// The Macro a transformer spec denotes: (syntax-rules ...), or the keyword
/// of another macro (an alias).
Value make_macro(Expander& x, Value spec, Value name, Scope* scope, Value env, Value whole) {
  if (is_keyword_like(spec)) {
    Resolved r = x.resolve(spec, scope);
    if (r.kind == Resolved::Macro) return r.binding;
  }
  if (is_pair(spec) && is_keyword_like(car(spec)) && x.is_special(car(spec), scope, SpecialId::SyntaxRules))
    return compile_syntax_rules(x, spec, name, scope, env);
  x.fail(whole, "bad transformer for " + identifier_text(name) + ", expected (syntax-rules ...)");
}

void check_define_syntax(Expander& x, Value form) {
  if (list_length(form) != 3 || !is_bindable(second(form)))
    x.fail(form, "bad syntax, expected (define-syntax keyword transformer)");
}
}  // namespace

Node* Expander::toplevel_define_syntax(Value form) {
  check_define_syntax(*this, form);
  Value name = second(form);
  Value macro = make_macro(*this, third(form), name, nullptr, env_, form);
  if (is_renamed(name))
    name.as<Identifier>()->binding = macro;  // introduced by a macro: visible to its expansion only
  else
    env_bind(env_, name, macro);
  return gc_make<Const>(loc_of(form), kUnspecified);
}

void Expander::body_define_syntax(Value form, Scope* inner) {
  check_define_syntax(*this, form);
  Value macro = make_macro(*this, third(form), second(form), inner, env_, form);
  inner->keyword_ids.push_back(second(form));
  inner->keywords.push_back(macro);
}

Node* Expander::let_syntax(Value form, Scope* scope, bool recursive) {
  check_list(form, 3, recursive ? "(letrec-syntax ((keyword transformer) ...) body ...)"
                                : "(let-syntax ((keyword transformer) ...) body ...)");
  Scope* inner = gc_make<Scope>();
  inner->parent = scope;
  Value bindings = second(form);
  if (list_length(bindings) < 0) fail(form, "bad syntax bindings");
  for (Value b = bindings; is_pair(b); b = cdr(b)) {
    if (list_length(car(b)) != 2 || !is_bindable(car(car(b))))
      fail(form, "bad syntax binding, expected (keyword transformer)");
    Value name = car(car(b));
    Value macro = make_macro(*this, second(car(b)), name, recursive ? inner : scope, env_, form);
    inner->keyword_ids.push_back(name);
    inner->keywords.push_back(macro);
  }
  return body(cdr(cdr(form)), inner, form);
}

Value Expander::toplevel_cell(Value name) {
  if (!is_renamed(name)) return env_variable(env_, name, true);
  // A definition a macro introduced: a hidden global, so it can neither
  // capture nor clobber the user's variable of the same spelling.
  Identifier* i = name.as<Identifier>();
  if (!has_type(i->binding, Type::Cell)) i->binding = env_variable(env_, temp(identifier_text(name).c_str()), true);
  return i->binding;
}

// --- using macros ------------------------------------------------------------------

namespace {
void check_nesting(Expander& x, Value macro, Value form, const char* stack_base) {
  char here;
  if (stack_base - &here > kMaxExpansionStack)
    x.fail(form, "macro expansion nested too deeply in " + identifier_text(macro.as<Macro>()->name) +
                     " (a macro that expands into itself without end?)");
}
}  // namespace

Value Expander::expand_macro(Value macro, Value form, Scope* scope) {
  macro_used_ = true;
  return expand_syntax_rules(*this, macro, form, scope);
}

/// Expands `form`, a use of `macro`, and again while the result is a macro
/// use itself (so a macro that expands into itself forever is caught here,
/// where the C++ stack does not grow).
Value Expander::expand_macro_fully(Value macro, Value form, Scope* scope) {
  check_nesting(*this, macro, form, stack_base_);
  for (int n = 0;; ++n) {
    if (n > kMaxExpansionSteps) fail(form, "the expansion of " + identifier_text(macro.as<Macro>()->name) + " does not terminate");
    form = expand_macro(macro, form, scope);
    if (!is_pair(form) || !is_keyword_like(car(form))) return form;
    Resolved r = resolve(car(form), scope);
    if (r.kind != Resolved::Macro) return form;
    macro = r.binding;
  }
}

Node* Expander::macro_use(Value macro, Value form, Scope* scope) {
  return expr(expand_macro_fully(macro, form, scope), scope);
}

namespace {
/// Gives the names that a top-level expansion defines with introduced
/// identifiers their hidden cells before any of its forms is expanded, so
/// that such definitions may refer to each other in any order.
void predeclare(Expander& x, Value form) {
  if (!is_pair(form) || !is_keyword_like(car(form)) || list_length(form) < 2) return;
  if (x.is_special(car(form), nullptr, SpecialId::Begin)) {
    for (Value f = cdr(form); is_pair(f); f = cdr(f)) predeclare(x, car(f));
  } else if (x.is_special(car(form), nullptr, SpecialId::Define)) {
    Value target = second(form);
    while (is_pair(target)) target = car(target);
    if (is_renamed(target)) x.toplevel_cell(target);
  }
}
}  // namespace

Node* Expander::toplevel_macro_use(Value macro, Value form) {
  Value expansion = expand_macro_fully(macro, form, nullptr);
  predeclare(*this, expansion);
  return toplevel(expansion);
}

void Expander::syntax_error_form(Value form, Scope*) {
  // (syntax-error "message" irritant ...): reported where the form (usually
  // a macro's expansion, located at the macro use) appears.
  if (list_length(form) < 2 || !is_string(second(form)))
    fail(form, "bad syntax, expected (syntax-error \"message\" irritant ...)");
  std::string where = format_srcloc(loc_of(form));
  std::string message = string_to_utf8(second(form));
  raise(make_error_object(where.empty() ? message : where + ": " + message, quoted(cdr(cdr(form))), "syntax-error"));
}

}  // namespace kiln
