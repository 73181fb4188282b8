// Equivalence, booleans, procedure? and symbols.
#include <string>

#include "runtime/equal.h"
#include "runtime/prim_support.h"

namespace kiln {

KILN_PRIMITIVE(prim_eq, "eq?", 2, 2, "(eq? a b): whether a and b are the same object.") {
  return Value::boolean(a[0] == a[1]);
}

KILN_PRIMITIVE(prim_eqv, "eqv?", 2, 2, "(eqv? a b): eq?, or equal numbers of the same exactness.") {
  return Value::boolean(is_eqv(a[0], a[1]));
}

KILN_PRIMITIVE(prim_equal, "equal?", 2, 2,
               "(equal? a b): structural equality of pairs, vectors, strings and bytevectors; "
               "terminates on cyclic data.") {
  return Value::boolean(is_equal(a[0], a[1]));
}

KILN_PRIMITIVE(prim_not, "not", 1, 1, "(not obj): #t if obj is #f, else #f.") { return Value::boolean(is_false(a[0])); }

KILN_PRIMITIVE(prim_is_boolean, "boolean?", 1, 1, "(boolean? obj): whether obj is #t or #f.") {
  return Value::boolean(is_boolean(a[0]));
}

KILN_PRIMITIVE(prim_boolean_eq, "boolean=?", 2, -1, "(boolean=? b1 b2 ...): whether all the booleans are the same.") {
  for (uint32_t i = 0; i < a.size(); ++i)
    if (!is_boolean(a[i])) a.fail(i, "boolean");
  for (uint32_t i = 1; i < a.size(); ++i)
    if (a[i] != a[0]) return kFalse;
  return kTrue;
}

KILN_PRIMITIVE(prim_is_procedure, "procedure?", 1, 1, "(procedure? obj): whether obj can be called.") {
  return Value::boolean(is_procedure(a[0]));
}

// --- symbols -----------------------------------------------------------------

KILN_PRIMITIVE(prim_is_symbol, "symbol?", 1, 1, "(symbol? obj): whether obj is a symbol.") {
  return Value::boolean(is_symbol(a[0]));
}

KILN_PRIMITIVE(prim_symbol_to_string, "symbol->string", 1, 1,
               "(symbol->string sym): the name of sym, as an immutable string.") {
  return symbol_name(a.symbol(0));
}

KILN_PRIMITIVE(prim_string_to_symbol, "string->symbol", 1, 1, "(string->symbol str): the interned symbol named str.") {
  return intern(a.string(0));
}

KILN_PRIMITIVE(prim_symbol_eq, "symbol=?", 2, -1, "(symbol=? s1 s2 ...): whether all the symbols are the same.") {
  for (uint32_t i = 0; i < a.size(); ++i) a.symbol(i);
  for (uint32_t i = 1; i < a.size(); ++i)
    if (a[i] != a[0]) return kFalse;
  return kTrue;
}

KILN_PRIMITIVE(prim_string_to_uninterned_symbol, "string->uninterned-symbol", 1, 1,
               "(string->uninterned-symbol str): a fresh symbol named str, eq? to no other symbol.") {
  return make_uninterned_symbol(string_to_utf8(a.string(0)));
}

KILN_PRIMITIVE(prim_gensym, "gensym", 0, 1,
               "(gensym [prefix]): a fresh uninterned symbol named prefix (a string or symbol, default \"g\") "
               "followed by a counter.") {
  static uint64_t counter = 0;
  std::string prefix = "g";
  if (a.has(0)) {
    if (is_string(a[0])) prefix = string_to_utf8(a[0]);
    else if (is_symbol(a[0])) prefix = symbol_to_utf8(a[0]);
    else a.fail(0, "string or symbol");
  }
  return make_uninterned_symbol(prefix + std::to_string(++counter));
}

}  // namespace kiln
