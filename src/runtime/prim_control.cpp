// Values, errors and procedures as data: the primitives behind `values`,
// `error`, `raise`, error objects and `case-lambda`.
#include "runtime/primitive.h"

namespace kiln {

KILN_PRIMITIVE(prim_values, "values", 0, -1, "(values obj ...): returns the objects as multiple values.") {
  if (a.size() == 1) return a[0];
  return make_values(a.argv, a.size());
}

KILN_PRIMITIVE(prim_values_to_list, "%values->list", 1, 1, "(%values->list v): the values in v (one value or a Values object) as a list.") {
  if (!is_values(a[0])) return cons(a[0], kNil);
  auto* v = a[0].as<Values>();
  Value l = kNil;
  for (uint64_t i = v->size(); i > 0; --i) l = cons(v->items[i - 1], l);
  return l;
}

KILN_PRIMITIVE(prim_error, "error", 1, -1, "(error message irritant ...): raises an error object.") {
  Value irritants = kNil;
  for (uint32_t i = a.size(); i > 1; --i) irritants = cons(a[i - 1], irritants);
  Value message = a[0];
  ErrorObject* e = gc_new<ErrorObject>(Type::ErrorObject, sizeof(ErrorObject));
  // R7RS wants a string; a symbol or other object is accepted as the message
  // (as in SRFI 23 practice) by putting it first among the irritants.
  if (is_string(message)) {
    e->message = message;
  } else {
    e->message = make_string("");
    irritants = cons(message, irritants);
  }
  e->irritants = irritants;
  e->kind = intern("error");
  raise(Value::object(e));
}

// R7RS 4.2.2 and 5.3.2: reading a letrec variable (or an internal
// definition's) before its initializer has run is an error. The IR builder
// calls this on such reads (ir/build.cpp: check_initialized), only where the
// analyzer could not prove the variable initialized.
KILN_PRIMITIVE(prim_check_initialized, "%check-initialized", 2, 2,
               "(%check-initialized value name): value, or an error naming the variable name when value is the "
               "#<undefined> of a letrec variable whose initializer has not run.") {
  if (a[0] == kUndefined) error("variable used before its initialization", {a[1]});
  return a[0];
}

// An accumulating loop (ir/accumulate.h) that has run more iterations than
// the recursion it replaced could have nested calls: the recursion would
// have overflowed the stack, with this error.
KILN_PRIMITIVE(prim_recursion_too_deep, "%recursion-too-deep", 0, 0,
               "(%recursion-too-deep): raises the error of a stack overflow.") {
  error("stack overflow (recursion too deep)");
}

KILN_PRIMITIVE(prim_raise, "raise", 1, 1, "(raise obj): raises obj as a non-continuable exception.") {
  raise(a[0]);
}

// The dynamic state of the thread, for the control procedures of the
// prelude (dynamic-wind, with-exception-handler, the handler invoker).
// Continuations save and restore both lists (vm/continuation.h).

KILN_PRIMITIVE(prim_winders, "%winders", 0, 0, "(%winders): the dynamic-wind list, innermost first.") {
  return t.winders;
}

KILN_PRIMITIVE(prim_set_winders, "%set-winders!", 1, 1, "(%set-winders! l): replaces the dynamic-wind list.") {
  t.winders = a[0];
  return kUnspecified;
}

KILN_PRIMITIVE(prim_handlers, "%handlers", 0, 0, "(%handlers): the exception handler list, innermost first.") {
  return t.handlers;
}

KILN_PRIMITIVE(prim_set_handlers, "%set-handlers!", 1, 1, "(%set-handlers! l): replaces the exception handler list.") {
  t.handlers = a[0];
  return kUnspecified;
}

KILN_PRIMITIVE(prim_error_object_p, "error-object?", 1, 1, "(error-object? obj): whether obj is an error object.") {
  return Value::boolean(is_error_object(a[0]));
}

KILN_PRIMITIVE(prim_error_object_message, "error-object-message", 1, 1, "(error-object-message e): its message string.") {
  return a.expect(0, Type::ErrorObject, "error object").as<ErrorObject>()->message;
}

KILN_PRIMITIVE(prim_error_object_irritants, "error-object-irritants", 1, 1, "(error-object-irritants e): its irritants.") {
  return a.expect(0, Type::ErrorObject, "error object").as<ErrorObject>()->irritants;
}

static bool error_kind_is(Value v, const char* kind) {
  return is_error_object(v) && v.as<ErrorObject>()->kind == intern(kind);
}

KILN_PRIMITIVE(prim_file_error_p, "file-error?", 1, 1, "(file-error? obj): whether obj is an error about a file.") {
  return Value::boolean(error_kind_is(a[0], "file-error"));
}

KILN_PRIMITIVE(prim_read_error_p, "read-error?", 1, 1, "(read-error? obj): whether obj is an error from read.") {
  return Value::boolean(error_kind_is(a[0], "read-error"));
}

KILN_PRIMITIVE(prim_make_case_lambda, "%make-case-lambda", 1, -1, "(%make-case-lambda closure ...): a case-lambda of the clauses.") {
  auto* cl = gc_new<CaseLambda>(Type::CaseLambda, sizeof(CaseLambda) + a.size() * sizeof(Value), a.size());
  for (uint32_t i = 0; i < a.size(); ++i) {
    if (!is_closure(a[i])) a.fail(i, "closure");
    cl->clauses[i] = a[i];
  }
  return Value::object(cl);
}

}  // namespace kiln
