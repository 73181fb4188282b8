#include "expand/expander_impl.h"
#include "expand/macro.h"
#include "runtime/c_stack.h"
#include "runtime/literal.h"

#include <atomic>

namespace kiln {

using namespace ast;

// --- binding objects ---------------------------------------------------------

namespace {
Value* special_table() {
  static Value* table = static_cast<Value*>(gc_alloc_root(sizeof(Value) * 64));
  return table;
}
}  // namespace

void expander_init() {
  int i = 0;
#define KILN_X(form_id, form_name)                                            \
  {                                                                           \
    kiln::Special* s = gc_new<kiln::Special>(Type::Special, sizeof(kiln::Special)); \
    s->id = SpecialId::form_id;                                               \
    s->name = intern(form_name);                                              \
    special_table()[i++] = Value::object(s);                                  \
    env_bind(builtin_environment(), s->name, Value::object(s));               \
  }
  KILN_SPECIAL_FORMS(KILN_X)
#undef KILN_X
}

Value Expander::special(SpecialId id) { return special_table()[static_cast<int>(id)]; }

Value Expander::builtin(const char* name) { return env_variable(builtin_environment(), intern(name), false); }

Value Expander::temp(const char* hint) {
  static std::atomic<unsigned> counter{0};
  return make_uninterned_symbol(std::string(hint) + "." + std::to_string(counter++));
}

// --- errors and locations -------------------------------------------------------

SrcLoc Expander::loc_of(Value form) {
  if (is_pair(form)) {
    SrcLoc l = srcloc_of(form);
    if (l.known()) last_loc_ = l;
  }
  return last_loc_;
}

void Expander::fail(Value form, const std::string& message) {
  SrcLoc l = loc_of(form);
  std::string where = format_srcloc(l);
  error_of_kind("syntax-error", where.empty() ? message : where + ": " + message, {quoted(form)});
}

void Expander::check_list(Value form, int64_t min_len, const char* shape) {
  int64_t n = list_length(form);
  if (n < min_len) fail(form, std::string("bad syntax, expected ") + shape);
}

void Expander::check_bound_once(const ast::Vec<Value>& bound, Value id, Value form, const char* what) {
  for (Value b : bound)
    if (b == id) fail(form, std::string("duplicate ") + what + " " + identifier_text(id));
}

// --- resolution --------------------------------------------------------------

Resolved Expander::resolve(Value id, Scope* scope) { return resolve_in(id, scope, env_); }

Resolved Expander::resolve_in(Value id, Scope* scope, Value env) {
  for (Scope* s = scope; s; s = s->parent) {
    for (size_t i = s->ids.size(); i-- > 0;)
      if (s->ids[i] == id) return {Resolved::Local, s->vars[i], kFalse};
    for (size_t i = s->keyword_ids.size(); i-- > 0;)  // macros: local keywords
      if (s->keyword_ids[i] == id) return {Resolved::Macro, nullptr, s->keywords[i]};
  }
  if (is_renamed(id)) return resolve_renamed(id);  // macros: see macro.h
  // A binding object standing in identifier position means itself.
  if (has_type(id, Type::Special)) return {Resolved::Special, nullptr, id};
  if (has_type(id, Type::Cell)) return {Resolved::Global, nullptr, id};
  Value b = env_lookup(env, id);
  if (has_type(b, Type::Special)) return {Resolved::Special, nullptr, b};
  if (has_type(b, Type::Macro)) return {Resolved::Macro, nullptr, b};
  return {Resolved::Global, nullptr, env_variable(env, id, false)};
}

static bool is_identifier(Value v) {
  return is_bindable(v) || has_type(v, Type::Special) || has_type(v, Type::Cell);
}

bool Expander::is_special(Value id, Scope* scope, SpecialId which) {
  if (!is_identifier(id)) return false;
  Resolved r = resolve(id, scope);
  return r.kind == Resolved::Special && r.special() == which;
}

// --- expressions -------------------------------------------------------------

Node* Expander::expr(Value form, Scope* scope) {
  SrcLoc loc = loc_of(form);
  if (c_stack_low()) nesting_error(loc, "expression");  // (the form is too deep to show)
  if (is_identifier(form)) {
    Resolved r = resolve(form, scope);
    switch (r.kind) {
      case Resolved::Local: return gc_make<LocalRef>(loc, r.var);
      case Resolved::Global: return gc_make<GlobalRef>(loc, r.binding);
      default: fail(form, "syntactic keyword used as a variable");
    }
  }
  if (!is_pair(form)) {
    if (is_null(form)) fail(form, "empty combination ()");
    if (is_vector(form)) form = quoted(form);
    if (is_vector(form) || is_string(form) || is_bytevector(form)) form = freeze_literal(form, loc);
    return gc_make<Const>(loc, form);  // self-evaluating
  }
  Value head = car(form);
  if (is_identifier(head)) {
    Resolved r = resolve(head, scope);
    if (r.kind == Resolved::Special) return special_form(r.special(), form, scope);
    if (r.kind == Resolved::Macro) return macro_use(r.binding, form, scope);
  }
  return call(form, scope);
}

Node* Expander::call(Value form, Scope* scope) {
  SrcLoc loc = loc_of(form);
  if (list_length(form) < 0) fail(form, "improper list in procedure call");
  Call* c = gc_make<Call>(loc, expr(car(form), scope));
  for (Value a = cdr(form); is_pair(a); a = cdr(a)) c->args.push_back(expr(car(a), scope));
  last_loc_ = loc;
  return c;
}

Node* Expander::special_form(SpecialId id, Value form, Scope* scope) {
  SrcLoc loc = loc_of(form);
  if (list_length(form) < 0) fail(form, "improper list in special form");
  switch (id) {
    case SpecialId::Quote: {
      check_list(form, 2, "(quote datum)");
      if (list_length(form) != 2) fail(form, "bad syntax, expected (quote datum)");
      // The frozen copy (literal.h), made once here: every evaluation of
      // this quote gives the same object.
      Value datum = freeze_literal(quoted(second(form)), loc);
      return gc_make<Const>(loc, datum);
    }
    case SpecialId::If: {
      int64_t n = list_length(form);
      if (n != 3 && n != 4) fail(form, "bad syntax, expected (if test then [else])");
      Node* test = expr(second(form), scope);
      Node* then = expr(third(form), scope);
      Node* otherwise = n == 4 ? expr(car(cdr(cdr(cdr(form)))), scope) : gc_make<Const>(loc, kUnspecified);
      return gc_make<If>(loc, test, then, otherwise);
    }
    case SpecialId::Lambda: {
      check_list(form, 3, "(lambda formals body ...)");
      return lambda(second(form), cdr(cdr(form)), scope, form, kFalse);
    }
    case SpecialId::Set: return set(form, scope);
    case SpecialId::Begin:
      if (is_null(cdr(form))) return gc_make<Const>(loc, kUnspecified);
      return sequence(cdr(form), scope, form);
    case SpecialId::Let:
      check_list(form, 3, "(let bindings body ...)");
      if (is_bindable(second(form))) return expr(rewrite_let(form, scope), scope);
      return let(form, scope);
    case SpecialId::LetStar: return expr(rewrite_let_star(form), scope);
    case SpecialId::Letrec:
    case SpecialId::LetrecStar: return letrec(form, scope);
    case SpecialId::Do: return expr(rewrite_do(form), scope);
    case SpecialId::Cond: return expr(rewrite_cond(form, scope), scope);
    case SpecialId::Case: return expr(rewrite_case(form, scope), scope);
    case SpecialId::And: return expr(rewrite_and(form), scope);
    case SpecialId::Or: return expr(rewrite_or(form), scope);
    case SpecialId::When: return expr(rewrite_when_unless(form, true), scope);
    case SpecialId::Unless: return expr(rewrite_when_unless(form, false), scope);
    case SpecialId::LetValues: return expr(rewrite_let_values(form, false), scope);
    case SpecialId::LetStarValues: return expr(rewrite_let_values(form, true), scope);
    case SpecialId::CaseLambda: return expr(rewrite_case_lambda(form), scope);
    case SpecialId::Quasiquote: return expr(rewrite_quasiquote(form), scope);
    case SpecialId::Delay: return expr(rewrite_delay(form, false), scope);
    case SpecialId::DelayForce: return expr(rewrite_delay(form, true), scope);
    case SpecialId::Parameterize: return expr(rewrite_parameterize(form), scope);
    case SpecialId::Assert: return expr(rewrite_assert(form), scope);
    case SpecialId::Guard: return expr(rewrite_guard(form, scope), scope);
    case SpecialId::CondExpand:  // [libraries] library.cpp
    case SpecialId::Include:
    case SpecialId::IncludeCi: return expr(rewrite_splicing(id, form), scope);
    case SpecialId::LetSyntax: return let_syntax(form, scope, false);
    case SpecialId::LetrecSyntax: return let_syntax(form, scope, true);
    case SpecialId::SyntaxError: syntax_error_form(form, scope);
    case SpecialId::Define:
    case SpecialId::DefineValues:
    case SpecialId::DefineRecordType:
    case SpecialId::DefineSyntax:
      fail(form, "definition in expression context, where definitions are not allowed");
    case SpecialId::Import: fail(form, "import is only allowed at top level");
    default: fail(form, "misplaced syntactic keyword");
  }
}

Node* Expander::sequence(Value forms, Scope* scope, Value whole) {
  if (!is_pair(forms)) fail(whole, "empty body");
  if (is_null(cdr(forms))) return expr(car(forms), scope);
  Seq* seq = gc_make<Seq>(loc_of(whole));
  for (; is_pair(forms); forms = cdr(forms)) seq->body.push_back(expr(car(forms), scope));
  return seq;
}

Node* Expander::set(Value form, Scope* scope) {
  SrcLoc loc = loc_of(form);
  if (list_length(form) != 3 || !is_identifier(second(form))) fail(form, "bad syntax, expected (set! variable expression)");
  Resolved r = resolve(second(form), scope);
  Node* value = expr(third(form), scope);
  switch (r.kind) {
    case Resolved::Local:
      r.var->assigned = true;
      return gc_make<LocalSet>(loc, r.var, value);
    case Resolved::Global:
      if (as_cell(r.binding)->builtin && !env_owns(env_, r.binding))
        fail(form, "cannot assign the imported binding " + symbol_to_utf8(as_cell(r.binding)->name));
      return gc_make<GlobalSet>(loc, r.binding, value, false);
    default: fail(form, "cannot assign a syntactic keyword");
  }
}

// --- binding forms ---------------------------------------------------------------

static void name_lambda(Node* n, Value name) {
  if (n->kind == Kind::Lambda && static_cast<Lambda*>(n)->name == kFalse)
    static_cast<Lambda*>(n)->name = identifier_symbol(name);
}

Lambda* Expander::lambda(Value formals, Value body_forms, Scope* scope, Value whole, Value name) {
  Lambda* lam = gc_make<Lambda>(loc_of(whole));
  lam->name = identifier_symbol(name);
  Scope* inner = gc_make<Scope>();
  inner->parent = scope;
  Value f = formals;
  for (; is_pair(f); f = cdr(f)) {
    if (!is_bindable(car(f))) fail(whole, "lambda parameter is not an identifier");
    check_bound_once(inner->ids, car(f), whole, "parameter");
    Var* v = gc_make<Var>();
    v->name = car(f);
    inner->ids.push_back(car(f));
    inner->vars.push_back(v);
    lam->params.push_back(v);
  }
  if (!is_null(f)) {
    if (!is_bindable(f)) fail(whole, "lambda rest parameter is not an identifier");
    check_bound_once(inner->ids, f, whole, "parameter");
    Var* v = gc_make<Var>();
    v->name = f;
    inner->ids.push_back(f);
    inner->vars.push_back(v);
    lam->rest = v;
  }
  lam->body = body(body_forms, inner, whole);
  return lam;
}

Node* Expander::let(Value form, Scope* scope) {
  SrcLoc loc = loc_of(form);
  Let* let = gc_make<Let>(loc);
  Scope* inner = gc_make<Scope>();
  inner->parent = scope;
  for (Value b = second(form); !is_null(b); b = cdr(b)) {
    if (!is_pair(b) || list_length(car(b)) != 2 || !is_bindable(car(car(b))))
      fail(form, "bad let binding, expected (variable init)");
    Value name = car(car(b));
    check_bound_once(inner->ids, name, form, "binding");
    Var* v = gc_make<Var>();
    v->name = name;
    Node* init = expr(second(car(b)), scope);
    name_lambda(init, name);
    let->vars.push_back(v);
    let->inits.push_back(init);
    inner->ids.push_back(name);
    inner->vars.push_back(v);
  }
  let->body = body(cdr(cdr(form)), inner, form);
  return let;
}

Node* Expander::letrec(Value form, Scope* scope) {
  check_list(form, 3, "(letrec bindings body ...)");
  SrcLoc loc = loc_of(form);
  Letrec* rec = gc_make<Letrec>(loc);
  Scope* inner = gc_make<Scope>();
  inner->parent = scope;
  for (Value b = second(form); !is_null(b); b = cdr(b)) {
    if (!is_pair(b) || list_length(car(b)) != 2 || !is_bindable(car(car(b))))
      fail(form, "bad letrec binding, expected (variable init)");
    check_bound_once(inner->ids, car(car(b)), form, "binding");
    Var* v = gc_make<Var>();
    v->name = car(car(b));
    rec->vars.push_back(v);
    inner->ids.push_back(v->name);
    inner->vars.push_back(v);
  }
  size_t i = 0;
  for (Value b = second(form); !is_null(b); b = cdr(b), ++i) {
    Node* init = expr(second(car(b)), inner);
    name_lambda(init, rec->vars[i]->name);
    rec->inits.push_back(init);
  }
  rec->body = body(cdr(cdr(form)), inner, form);
  return rec;
}

// A body: internal definitions (possibly produced by `begin` splicing and
// derived definition forms) followed by at least one expression, which
// becomes a letrec* of the definitions around the expressions.
Node* Expander::body(Value forms, Scope* scope, Value whole) {
  Scope* inner = gc_make<Scope>();
  inner->parent = scope;
  gc_vector<Value> pending(forms == kNil ? 0 : 0);
  for (Value f = forms; is_pair(f); f = cdr(f)) pending.push_back(car(f));
  if (list_length(forms) < 0) fail(whole, "improper body");

  gc_vector<Value> def_names, def_exprs, exprs;
  int expansions = 0;  // macro uses among the definitions: a bound on runaway expansion
  for (size_t i = 0; i < pending.size(); ++i) {
    Value form = pending[i];
    if (is_pair(form) && is_identifier(car(form)) && exprs.empty()) {
      Resolved r = resolve(car(form), inner);
      if (r.kind == Resolved::Macro) {  // macros: it may expand to definitions
        if (++expansions > 10000) fail(form, "the expansion of " + identifier_text(car(form)) + " does not terminate");
        pending[i--] = expand_macro_fully(r.binding, form, inner);
        continue;
      }
      if (r.kind == Resolved::Special && r.special() == SpecialId::DefineSyntax) {
        body_define_syntax(form, inner);
        continue;
      }
      if (r.kind == Resolved::Special) {
        SpecialId id = r.special();
        if (id == SpecialId::Begin) {
          if (list_length(form) < 0) fail(form, "improper begin");
          gc_vector<Value> spliced;
          for (Value g = cdr(form); is_pair(g); g = cdr(g)) spliced.push_back(car(g));
          pending.insert(pending.begin() + i + 1, spliced.begin(), spliced.end());
          continue;
        }
        if (id == SpecialId::CondExpand || id == SpecialId::Include || id == SpecialId::IncludeCi) {
          pending.insert(pending.begin() + i + 1, rewrite_splicing(id, form));  // [libraries]
          continue;
        }
        if (id == SpecialId::DefineValues || id == SpecialId::DefineRecordType) {
          pending.insert(pending.begin() + i + 1,
                         id == SpecialId::DefineValues ? rewrite_define_values(form) : rewrite_define_record_type(form));
          continue;
        }
        if (id == SpecialId::Define) {
          loc_of(form);
          check_list(form, 2, "(define name expr)");
          Value target = second(form);
          Value name, value;
          if (is_pair(target)) {  // (define (f . formals) body ...), curried forms allowed
            Value lam = cons(special(SpecialId::Lambda), cons(cdr(target), cdr(cdr(form))));
            srcloc_record(lam, loc_of(form));
            while (is_pair(car(target))) {
              target = car(target);
              lam = list({special(SpecialId::Lambda), cdr(target), lam});
            }
            name = car(target);
            value = lam;
          } else {
            name = target;
            value = is_null(cdr(cdr(form))) ? kUnspecified : third(form);
            if (list_length(form) > 3) fail(form, "bad syntax, expected (define name expr)");
          }
          if (!is_bindable(name)) fail(form, "define: the name is not an identifier");
          check_bound_once(inner->ids, name, form, "definition of");
          Var* v = gc_make<Var>();
          v->name = name;
          inner->ids.push_back(name);
          inner->vars.push_back(v);
          def_names.push_back(name);
          def_exprs.push_back(value);
          continue;
        }
      }
    }
    exprs.push_back(form);
  }
  if (exprs.empty()) fail(whole, "body has no expression after its definitions");

  if (def_names.empty()) {
    if (exprs.size() == 1) return expr(exprs[0], scope);
    Seq* seq = gc_make<Seq>(loc_of(whole));
    for (Value e : exprs) seq->body.push_back(expr(e, scope));
    return seq;
  }
  Letrec* rec = gc_make<Letrec>(loc_of(whole));
  for (size_t i = 0; i < def_names.size(); ++i) {
    Var* v = inner->vars[i];
    rec->vars.push_back(v);
    Node* init = expr(def_exprs[i], inner);
    name_lambda(init, v->name);
    rec->inits.push_back(init);
  }
  if (exprs.size() == 1) {
    rec->body = expr(exprs[0], inner);
  } else {
    Seq* seq = gc_make<Seq>(loc_of(whole));
    for (Value e : exprs) seq->body.push_back(expr(e, inner));
    rec->body = seq;
  }
  return rec;
}

// --- top level -------------------------------------------------------------------

Node* Expander::toplevel_define(Value form) {
  SrcLoc loc = loc_of(form);
  check_list(form, 2, "(define name expr)");
  Value target = second(form);
  Value value;
  if (is_pair(target)) {
    Value lam = cons(special(SpecialId::Lambda), cons(cdr(target), cdr(cdr(form))));
    srcloc_record(lam, loc);
    while (is_pair(car(target))) {
      target = car(target);
      lam = list({special(SpecialId::Lambda), cdr(target), lam});
    }
    value = lam;
  } else {
    if (list_length(form) > 3) fail(form, "bad syntax, expected (define name expr)");
    value = is_null(cdr(cdr(form))) ? kUnspecified : third(form);
  }
  Value name = is_pair(target) ? car(target) : target;
  if (!is_bindable(name)) fail(form, "define: the name is not an identifier");
  Value cell = toplevel_cell(name);
  Node* init = expr(value, nullptr);
  name_lambda(init, name);
  return gc_make<GlobalSet>(loc, cell, init, true);
}

Node* Expander::toplevel(Value form) {
  if (Node* n = library_toplevel(form)) return n;  // [libraries] import, define-library, cond-expand, include
  if (is_pair(form) && is_identifier(car(form))) {
    Resolved r = resolve(car(form), nullptr);
    if (r.kind == Resolved::Macro) return toplevel_macro_use(r.binding, form);
    if (r.kind == Resolved::Special) {
      switch (r.special()) {
        case SpecialId::Define: return toplevel_define(form);
        case SpecialId::DefineValues: return toplevel(rewrite_define_values(form));
        case SpecialId::DefineRecordType: return toplevel(rewrite_define_record_type(form));
        case SpecialId::DefineSyntax: return toplevel_define_syntax(form);
        case SpecialId::Begin: {
          if (list_length(form) < 0) fail(form, "improper begin");
          Seq* seq = gc_make<Seq>(loc_of(form));
          for (Value f = cdr(form); is_pair(f); f = cdr(f)) seq->body.push_back(toplevel(car(f)));
          if (seq->body.empty()) return gc_make<Const>(seq->loc, kUnspecified);
          return seq;
        }
        default: break;
      }
    }
  }
  return expr(form, nullptr);
}

ast::Node* expand_toplevel(Value form, Value env) {
  Expander x(env);
  return x.toplevel(form);
}

}  // namespace kiln
