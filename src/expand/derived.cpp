// Derived expression types (R7RS 4.2), rewritten into core forms.
//
// Each rewrite builds data whose keywords and runtime helpers are binding
// objects (Expander::special / Expander::builtin), never bare symbols, so
// the rewrite means the same thing whatever the user has bound locally.
#include "expand/expander_impl.h"
#include "expand/macro.h"

namespace kiln {

namespace {
using S = SpecialId;

Value sp(SpecialId id) { return Expander::special(id); }

/// Builds a list from values, recording `loc_form`'s location on it so
/// errors in the rewritten code still point at the user's source.
Value L(Value loc_form, std::initializer_list<Value> items) {
  Value l = list(items);
  SrcLoc loc = srcloc_of(loc_form);
  if (loc.known()) srcloc_record(l, loc);
  return l;
}

Value append2(Value a, Value b) {
  if (is_null(a)) return b;
  return cons(car(a), append2(cdr(a), b));
}
}  // namespace

Value Expander::rewrite_let(Value form, Scope*) {
  // (let name ((v init) ...) body ...) =>
  // ((letrec ((name (lambda (v ...) body ...))) name) init ...)
  check_list(form, 4, "(let name bindings body ...)");
  Value name = second(form);
  Value bindings = third(form);
  Value vars = kNil, inits = kNil;
  for (Value b = bindings; !is_null(b); b = cdr(b)) {
    if (!is_pair(b) || list_length(car(b)) != 2 || !is_bindable(car(car(b))))
      fail(form, "bad named let binding, expected (variable init)");
    vars = cons(car(car(b)), vars);
    inits = cons(second(car(b)), inits);
  }
  Value lam = cons(sp(S::Lambda), cons(list_reverse(vars), cdr(cdr(cdr(form)))));
  srcloc_record(lam, loc_of(form));
  Value rec = L(form, {sp(S::Letrec), list({list({name, lam})}), name});
  Value call = cons(rec, list_reverse(inits));
  srcloc_record(call, loc_of(form));
  return call;
}

Value Expander::rewrite_let_star(Value form) {
  check_list(form, 3, "(let* bindings body ...)");
  Value bindings = second(form);
  if (list_length(bindings) < 0) fail(form, "bad let* bindings");
  Value body = cdr(cdr(form));
  if (is_null(bindings) || is_null(cdr(bindings))) {
    Value let = cons(sp(S::Let), cons(bindings, body));
    srcloc_record(let, loc_of(form));
    return let;
  }
  Value inner = cons(sp(S::LetStar), cons(cdr(bindings), body));
  srcloc_record(inner, loc_of(form));
  return L(form, {sp(S::Let), list({car(bindings)}), inner});
}

Value Expander::rewrite_do(Value form) {
  // (do ((var init step) ...) (test result ...) command ...) =>
  // (let loop ((var init) ...) (if test (begin unspecified result ...) (begin command ... (loop step ...))))
  check_list(form, 3, "(do ((var init step) ...) (test result ...) command ...)");
  Value loop = temp("do-loop");
  Value bindings = kNil, steps = kNil;
  for (Value b = second(form); !is_null(b); b = cdr(b)) {
    if (!is_pair(b)) fail(form, "bad do bindings");
    Value spec = car(b);
    int64_t n = list_length(spec);
    if ((n != 2 && n != 3) || !is_bindable(car(spec))) fail(form, "bad do binding, expected (variable init [step])");
    bindings = cons(list({car(spec), second(spec)}), bindings);
    steps = cons(n == 3 ? third(spec) : car(spec), steps);
  }
  Value exit = third(form);
  if (!is_pair(exit) || list_length(exit) < 1) fail(form, "bad do exit clause, expected (test result ...)");
  Value result = is_null(cdr(exit)) ? list({kUnspecified}) : cdr(exit);
  Value step_call = cons(loop, list_reverse(steps));
  Value commands = cdr(cdr(cdr(form)));
  Value again = cons(sp(S::Begin), append2(commands, list({step_call})));
  Value body = L(form, {sp(S::If), car(exit), cons(sp(S::Begin), result), again});
  return L(form, {sp(S::Let), loop, list_reverse(bindings), body});
}

Value Expander::rewrite_cond(Value form, Scope* scope) {
  Value clauses = cdr(form);
  if (is_null(clauses)) return kUnspecified;
  Value clause = car(clauses);
  if (!is_pair(clause) || list_length(clause) < 1) fail(form, "bad cond clause");
  Value more = cons(sp(S::Cond), cdr(clauses));
  srcloc_record(more, loc_of(form));
  Value test = car(clause);
  if (is_special(test, scope, S::Else)) {
    if (!is_null(cdr(clauses))) fail(form, "cond: else clause must be last");
    if (is_null(cdr(clause))) fail(form, "cond: empty else clause");
    return cons(sp(S::Begin), cdr(clause));
  }
  if (is_null(cdr(clause))) return L(form, {sp(S::Or), test, more});
  if (is_special(second(clause), scope, S::Arrow)) {
    if (list_length(clause) != 3) fail(form, "cond: bad => clause, expected (test => receiver)");
    Value t = temp("cond-value");
    return L(form, {sp(S::Let), list({list({t, test})}),
                    L(form, {sp(S::If), t, L(form, {third(clause), t}), more})});
  }
  return L(form, {sp(S::If), test, cons(sp(S::Begin), cdr(clause)), more});
}

namespace {

// Whether eqv? on `datum` is eq?: true of every datum that is not a number
// stored in the heap, since fixnums and characters are immediates and
// symbols are interned.
bool eq_comparable(Value datum) {
  return datum.is_fixnum() || is_char(datum) || is_symbol(datum) || is_boolean(datum) || is_null(datum);
}

}  // namespace

Value Expander::case_test(Value k, Value data) {
  // A clause of a few symbols, fixnums or characters -- nearly every case --
  // is a chain of eq? tests, which both tiers compile inline, where memv is
  // a call of the primitive for every clause tried.
  constexpr int64_t kMaxInlineTests = 4;
  Value datums = strip_syntax(data);
  bool inline_tests = list_length(datums) <= kMaxInlineTests;
  for (Value d = datums; inline_tests && !is_null(d); d = cdr(d)) inline_tests = eq_comparable(car(d));
  if (!inline_tests) return list({builtin("memv"), k, list({sp(S::Quote), data})});
  Value tests = kNil;
  for (Value d = datums; !is_null(d); d = cdr(d))
    tests = cons(list({builtin("eq?"), k, list({sp(S::Quote), car(d)})}), tests);
  if (is_null(tests)) return kFalse;
  // (if t1 #t (if t2 #t t3)), built from the last test back.
  Value test = car(tests);
  for (Value t = cdr(tests); !is_null(t); t = cdr(t)) test = list({sp(S::If), car(t), kTrue, test});
  return test;
}

Value Expander::rewrite_case(Value form, Scope* scope) {
  // (case key clause ...) => (let ((k key)) (cond (test ...) ...)), each test
  // (memv k '(datum ...)) or the same as eq? tests (case_test).
  check_list(form, 2, "(case key clause ...)");
  Value k = temp("case-key");
  Value conds = kNil;
  for (Value c = cdr(cdr(form)); !is_null(c); c = cdr(c)) {
    Value clause = car(c);
    if (!is_pair(clause) || list_length(clause) < 2) fail(form, "bad case clause");
    Value body = cdr(clause);
    if (is_special(car(body), scope, S::Arrow)) {
      if (list_length(body) != 2) fail(form, "case: bad => clause");
      body = list({list({second(body), k})});
    }
    Value test;
    if (is_special(car(clause), scope, S::Else)) {
      if (!is_null(cdr(c))) fail(form, "case: else clause must be last");
      test = sp(S::Else);
    } else {
      if (list_length(car(clause)) < 0) fail(form, "case: clause data must be a list");
      test = case_test(k, car(clause));
    }
    conds = cons(cons(test, body), conds);
  }
  Value cond = cons(sp(S::Cond), list_reverse(conds));
  srcloc_record(cond, loc_of(form));
  return L(form, {sp(S::Let), list({list({k, second(form)})}), cond});
}

Value Expander::rewrite_and(Value form) {
  Value args = cdr(form);
  if (is_null(args)) return kTrue;
  if (is_null(cdr(args))) return car(args);
  Value more = cons(sp(S::And), cdr(args));
  srcloc_record(more, loc_of(form));
  return L(form, {sp(S::If), car(args), more, kFalse});
}

Value Expander::rewrite_or(Value form) {
  Value args = cdr(form);
  if (is_null(args)) return kFalse;
  if (is_null(cdr(args))) return car(args);
  Value more = cons(sp(S::Or), cdr(args));
  srcloc_record(more, loc_of(form));
  Value t = temp("or-value");
  return L(form, {sp(S::Let), list({list({t, car(args)})}), L(form, {sp(S::If), t, t, more})});
}

Value Expander::rewrite_when_unless(Value form, bool when) {
  check_list(form, 3, when ? "(when test body ...)" : "(unless test body ...)");
  Value body = cons(sp(S::Begin), cdr(cdr(form)));
  return when ? L(form, {sp(S::If), second(form), body}) : L(form, {sp(S::If), second(form), kUnspecified, body});
}

Value Expander::rewrite_let_values(Value form, bool sequential) {
  // Each clause becomes (call-with-values (lambda () init) (lambda formals* ...)).
  // For let-values the formals are temporaries, bound to the real names only
  // around the body, so no init sees another clause's variables.
  check_list(form, 3, sequential ? "(let*-values bindings body ...)" : "(let-values bindings body ...)");
  Value clauses = second(form);
  if (list_length(clauses) < 0) fail(form, "bad let-values bindings");
  gc_vector<Value> clause_list;
  for (Value c = clauses; !is_null(c); c = cdr(c)) clause_list.push_back(car(c));
  Value renames = kNil;  // ((real temp) ...) for let-values
  ast::Vec<Value> names;   // the real names, checked here to show this form
  gc_vector<Value> formals_list;
  for (Value clause : clause_list) {
    if (list_length(clause) != 2) fail(form, "bad let-values clause, expected (formals init)");
    Value formals = car(clause);
    if (sequential) {
      formals_list.push_back(formals);
      continue;
    }
    Value renamed = kNil;
    Value f = formals;
    for (; is_pair(f); f = cdr(f)) {
      check_bound_once(names, car(f), form, "binding");
      names.push_back(car(f));
      Value t = temp("value");
      renames = cons(list({car(f), t}), renames);
      renamed = cons(t, renamed);
    }
    Value tail = kNil;
    if (!is_null(f)) {
      check_bound_once(names, f, form, "binding");
      names.push_back(f);
      Value t = temp("values");
      renames = cons(list({f, t}), renames);
      tail = t;
    }
    Value r = tail;
    for (Value x = renamed; !is_null(x); x = cdr(x)) r = cons(car(x), r);
    formals_list.push_back(r);
  }
  Value body = cons(sp(S::Let), cons(renames, cdr(cdr(form))));
  if (sequential) body = cons(sp(S::Let), cons(kNil, cdr(cdr(form))));
  srcloc_record(body, loc_of(form));
  for (size_t i = clause_list.size(); i-- > 0;) {
    Value producer = list({sp(S::Lambda), kNil, second(clause_list[i])});
    Value consumer = list({sp(S::Lambda), formals_list[i], body});
    body = L(form, {builtin("call-with-values"), producer, consumer});
  }
  return body;
}

Value Expander::rewrite_define_values(Value form) {
  // (define-values formals expr) =>
  // (begin (define v) ... (call-with-values (lambda () expr) (lambda temps (set! v t) ...)))
  if (list_length(form) != 3) fail(form, "bad syntax, expected (define-values formals expr)");
  Value defs = kNil, sets = kNil, temps_rev = kNil;
  ast::Vec<Value> names;  // checked here, where the message can show this form
  Value f = second(form);
  for (; is_pair(f); f = cdr(f)) {
    check_bound_once(names, car(f), form, "definition of");
    names.push_back(car(f));
    Value t = temp("value");
    defs = cons(list({sp(S::Define), car(f)}), defs);
    sets = cons(list({sp(S::Set), car(f), t}), sets);
    temps_rev = cons(t, temps_rev);
  }
  Value temps = kNil;
  if (!is_null(f)) {
    check_bound_once(names, f, form, "definition of");
    Value t = temp("values");
    defs = cons(list({sp(S::Define), f}), defs);
    sets = cons(list({sp(S::Set), f, t}), sets);
    temps = t;
  }
  for (Value x = temps_rev; !is_null(x); x = cdr(x)) temps = cons(car(x), temps);
  sets = cons(kUnspecified, sets);
  Value consumer = cons(sp(S::Lambda), cons(temps, list_reverse(sets)));
  Value producer = list({sp(S::Lambda), kNil, third(form)});
  Value cwv = L(form, {builtin("call-with-values"), producer, consumer});
  return cons(sp(S::Begin), append2(list_reverse(defs), list({cwv})));
}

Value Expander::rewrite_case_lambda(Value form) {
  Value lambdas = kNil;
  for (Value c = cdr(form); !is_null(c); c = cdr(c)) {
    if (!is_pair(c) || list_length(car(c)) < 2) fail(form, "bad case-lambda clause, expected (formals body ...)");
    Value lam = cons(sp(S::Lambda), car(c));
    srcloc_record(lam, loc_of(form));
    lambdas = cons(lam, lambdas);
  }
  return cons(builtin("%make-case-lambda"), list_reverse(lambdas));
}

Value Expander::rewrite_define_record_type(Value form) {
  // (define-record-type <name> (ctor field ...) pred (field accessor [modifier]) ...)
  check_list(form, 4, "(define-record-type name (constructor field ...) predicate field-spec ...)");
  Value type_name = second(form);
  if (is_pair(type_name)) type_name = car(type_name);  // SRFI 99 style (name ...) accepted
  if (!is_bindable(type_name)) fail(form, "define-record-type: the type name is not an identifier");
  Value ctor = third(form);
  Value pred = car(cdr(cdr(cdr(form))));
  Value specs = cdr(cdr(cdr(cdr(form))));
  gc_vector<Value> fields;
  for (Value s = specs; !is_null(s); s = cdr(s)) {
    Value spec = car(s);
    if (is_bindable(spec)) spec = list({spec});
    if (!is_pair(spec) || !is_bindable(car(spec)) || list_length(spec) > 3)
      fail(form, "define-record-type: bad field spec, expected (field accessor [modifier])");
    fields.push_back(car(spec));
  }
  auto field_index = [&](Value name) -> int64_t {
    for (size_t i = 0; i < fields.size(); ++i)  // field names are not bindings: compare spellings
      if (identifier_symbol(fields[i]) == identifier_symbol(name)) return static_cast<int64_t>(i);
    fail(form, "define-record-type: unknown field " + identifier_text(name));
  };
  Value field_vec = make_vector(static_cast<int64_t>(fields.size()));
  for (size_t i = 0; i < fields.size(); ++i) vector_items(field_vec)[i] = fields[i];
  Value quote_name = list({sp(S::Quote), type_name});
  Value defs = kNil;
  defs = cons(list({sp(S::Define), type_name,
                    list({builtin("%make-record-type"), quote_name, list({sp(S::Quote), field_vec})})}),
              defs);
  if (is_pair(ctor) && (list_length(ctor) < 1 || !is_bindable(car(ctor))))
    fail(form, "define-record-type: bad constructor spec, expected (name field ...)");
  if (is_pair(ctor) || is_bindable(ctor)) {
    Value ctor_name = is_pair(ctor) ? car(ctor) : ctor;
    gc_vector<Value> args(fields.size(), kFalse);
    Value params = kNil;
    if (is_pair(ctor)) {
      for (Value f = cdr(ctor); !is_null(f); f = cdr(f)) {
        Value t = temp("field");
        args[field_index(car(f))] = t;
        params = cons(t, params);
      }
    } else {
      for (size_t i = 0; i < fields.size(); ++i) {
        args[i] = temp("field");
        params = cons(args[i], params);
      }
    }
    Value call = kNil;
    for (size_t i = args.size(); i-- > 0;) call = cons(args[i], call);
    call = cons(builtin("%record"), cons(type_name, call));
    defs = cons(list({sp(S::Define), ctor_name, list({sp(S::Lambda), list_reverse(params), call})}), defs);
  } else if (ctor != kFalse) {
    fail(form, "define-record-type: bad constructor spec");
  }
  if (is_bindable(pred)) {
    Value obj = temp("obj");
    defs = cons(list({sp(S::Define), pred, list({sp(S::Lambda), list({obj}), list({builtin("%record?"), obj, type_name})})}),
                defs);
  }
  for (Value s = specs; !is_null(s); s = cdr(s)) {
    Value spec = car(s);
    if (!is_pair(spec)) continue;
    Value index = Value::fixnum(field_index(car(spec)));
    if (is_pair(cdr(spec))) {
      Value accessor = second(spec);
      Value obj = temp("obj");
      Value body = list({builtin("%record-ref"), obj, type_name, index, list({sp(S::Quote), accessor})});
      defs = cons(list({sp(S::Define), accessor, list({sp(S::Lambda), list({obj}), body})}), defs);
      if (is_pair(cdr(cdr(spec)))) {
        Value modifier = third(spec);
        Value v = temp("value");
        Value mbody = list({builtin("%record-set!"), obj, type_name, index, v, list({sp(S::Quote), modifier})});
        defs = cons(list({sp(S::Define), modifier, list({sp(S::Lambda), list({obj, v}), mbody})}), defs);
      }
    }
  }
  Value result = cons(sp(S::Begin), list_reverse(defs));
  srcloc_record(result, loc_of(form));
  return result;
}

// Quasiquote, with nesting depth: only unquotes at depth 1 are evaluated.
static Value qq(Expander& x, Value form, Value whole, int depth);

static Value qq_list(Expander& x, Value form, Value whole, int depth) {
  // form is a pair that is not itself an unquote at this depth.
  Value head = car(form);
  // Macros: unquote keywords may arrive renamed; compare their spelling.
  if (is_pair(head) && identifier_symbol(car(head)) == intern("unquote-splicing") && list_length(head) == 2) {
    Value rest_q = qq(x, cdr(form), whole, depth);
    if (depth == 1) return list({Expander::builtin("append"), second(head), rest_q});
    Value inner = list({Expander::builtin("list"), list({sp(S::Quote), intern("unquote-splicing")}),
                        qq(x, second(head), whole, depth - 1)});
    return list({Expander::builtin("cons"), inner, rest_q});
  }
  return list({Expander::builtin("cons"), qq(x, head, whole, depth), qq(x, cdr(form), whole, depth)});
}

static Value qq(Expander& x, Value form, Value whole, int depth) {
  if (is_pair(form)) {
    Value head = identifier_symbol(car(form));
    if (head == intern("unquote") && list_length(form) == 2) {
      if (depth == 1) return second(form);
      return list({Expander::builtin("list"), list({sp(S::Quote), head}), qq(x, second(form), whole, depth - 1)});
    }
    if (head == intern("quasiquote") && list_length(form) == 2)
      return list({Expander::builtin("list"), list({sp(S::Quote), head}), qq(x, second(form), whole, depth + 1)});
    return qq_list(x, form, whole, depth);
  }
  if (is_vector(form)) return list({Expander::builtin("list->vector"), qq(x, vector_to_list(form), whole, depth)});
  if (is_bindable(form) || is_null(form)) return list({sp(S::Quote), form});
  return form;
}

Value Expander::rewrite_quasiquote(Value form) {
  if (list_length(form) != 2) fail(form, "bad syntax, expected (quasiquote template)");
  Value r = qq(*this, second(form), form, 1);
  if (is_pair(r)) srcloc_record(r, loc_of(form));
  return r;
}

Value Expander::rewrite_delay(Value form, bool force) {
  if (list_length(form) != 2) fail(form, force ? "bad syntax, expected (delay-force expr)" : "bad syntax, expected (delay expr)");
  Value thunk = list({sp(S::Lambda), kNil, second(form)});
  return L(form, {builtin(force ? "%make-lazy-promise" : "%make-delayed-promise"), thunk});
}

Value Expander::rewrite_parameterize(Value form) {
  // (parameterize ((p v) ...) body ...) => (%parameterize (list p ...) (list v ...) (lambda () body ...))
  check_list(form, 3, "(parameterize ((param value) ...) body ...)");
  Value params = kNil, values = kNil;
  for (Value b = second(form); !is_null(b); b = cdr(b)) {
    if (!is_pair(b) || list_length(car(b)) != 2) fail(form, "bad parameterize binding, expected (param value)");
    params = cons(car(car(b)), params);
    values = cons(second(car(b)), values);
  }
  Value thunk = cons(sp(S::Lambda), cons(kNil, cdr(cdr(form))));
  return L(form, {builtin("%parameterize"), cons(builtin("list"), list_reverse(params)),
                  cons(builtin("list"), list_reverse(values)), thunk});
}

Value Expander::rewrite_assert(Value form) {
  if (list_length(form) != 2) fail(form, "bad syntax, expected (assert expr)");
  Value failure = list({builtin("error"), make_string("assertion failed"), list({sp(S::Quote), second(form)})});
  return L(form, {sp(S::If), second(form), kUnspecified, failure});
}

Value Expander::rewrite_guard(Value form, Scope* scope) {
  // (guard (var clause ...) body ...) =>
  // (%guard (lambda () body ...) (lambda (var reraise) (cond clause ... (else (reraise)))))
  // %guard (lib/prelude/01-control.scm) runs the clauses in the guard's
  // dynamic environment; `reraise` re-raises in the raise's (R7RS 4.2.7).
  check_list(form, 3, "(guard (variable clause ...) body ...)");
  Value spec = second(form);
  if (!is_pair(spec) || !is_bindable(car(spec)) || list_length(spec) < 1)
    fail(form, "bad guard, expected (guard (variable clause ...) body ...)");
  Value clauses = cdr(spec);
  bool has_else = false;
  for (Value c = clauses; !is_null(c); c = cdr(c)) {
    if (!is_pair(car(c))) fail(form, "bad guard clause");
    if (is_special(car(car(c)), scope, S::Else)) has_else = true;
  }
  Value reraise = temp("reraise");
  if (!has_else) clauses = append2(clauses, list({list({sp(S::Else), list({reraise})})}));
  Value cond = cons(sp(S::Cond), clauses);
  srcloc_record(cond, loc_of(form));
  Value handler = L(form, {sp(S::Lambda), list({car(spec), reraise}), cond});
  Value body = cons(sp(S::Lambda), cons(kNil, cdr(cdr(form))));
  srcloc_record(body, loc_of(form));
  return L(form, {builtin("%guard"), body, handler});
}

}  // namespace kiln
