// Pairs and lists: constructors, accessors, the (scheme cxr) compositions,
// and the list operations of (scheme base) that need no procedure argument.
// (member and assoc with a custom predicate are defined in Scheme; the
// versions here take exactly two arguments.)
//
// Every walk along a list checks for improper and circular lists (see
// walk_list), so a bad list is a type error rather than a hang or a crash.
#include "runtime/equal.h"
#include "runtime/prim_support.h"

namespace kiln {

namespace {

// Copies the proper list `list` (argument `argpos` of the call) in front of
// `tail`.
Value copy_onto(const Args& a, uint32_t argpos, Value tail) {
  Value head = kNil;
  Value last = kFalse;
  walk_list(a, argpos, [&](Value p) {
    Value cell = cons(car(p), kNil);
    if (last == kFalse) head = cell;
    else set_cdr(last, cell);
    last = cell;
    return false;
  });
  if (last == kFalse) return tail;
  set_cdr(last, tail);
  return head;
}

// The pair reached after k cdrs from argument 0, which must exist.
Value nth_pair(const Args& a, int64_t k) {
  Value v = a[0];
  for (int64_t i = 0; i < k; ++i) {
    if (!is_pair(v)) range_error(a.who, a[1], a[0]);
    v = cdr(v);
  }
  if (!is_pair(v)) range_error(a.who, a[1], a[0]);
  return v;
}

// The composition of car and cdr named by `ops` (for cadr, "ad"), applied
// right to left.
Value cxr(const Args& a, const char* ops, int n) {
  Value v = a[0];
  for (int i = n; i-- > 0;) {
    if (!is_pair(v)) a.fail(0, i == n - 1 ? "pair" : "pair with enough nested pairs");
    v = ops[i] == 'a' ? car(v) : cdr(v);
  }
  return v;
}

}  // namespace

// --- pairs -----------------------------------------------------------------------

KILN_PRIMITIVE(prim_is_pair, "pair?", 1, 1, "(pair? obj): whether obj is a pair.") {
  return Value::boolean(is_pair(a[0]));
}

KILN_PRIMITIVE(prim_cons, "cons", 2, 2, "(cons a d): a fresh pair of a and d.") { return cons(a[0], a[1]); }

KILN_PRIMITIVE(prim_car, "car", 1, 1, "(car pair): the first element of a pair.") { return car(a.pair(0)); }

KILN_PRIMITIVE(prim_cdr, "cdr", 1, 1, "(cdr pair): the second element of a pair.") { return cdr(a.pair(0)); }

KILN_PRIMITIVE(prim_set_car, "set-car!", 2, 2, "(set-car! pair obj): stores obj in the car of pair.") {
  check_mutable(a.who, a.pair(0));
  set_car(a[0], a[1]);
  return kUnspecified;
}

KILN_PRIMITIVE(prim_set_cdr, "set-cdr!", 2, 2, "(set-cdr! pair obj): stores obj in the cdr of pair.") {
  check_mutable(a.who, a.pair(0));
  set_cdr(a[0], a[1]);
  return kUnspecified;
}

#define KILN_CXR(ops)                                                                                   \
  KILN_PRIMITIVE(prim_c##ops##r, "c" #ops "r", 1, 1, "(c" #ops "r pair): a composition of car and cdr.") { \
    return cxr(a, #ops, sizeof(#ops) - 1);                                                              \
  }

KILN_CXR(aa)
KILN_CXR(ad)
KILN_CXR(da)
KILN_CXR(dd)
KILN_CXR(aaa)
KILN_CXR(aad)
KILN_CXR(ada)
KILN_CXR(add)
KILN_CXR(daa)
KILN_CXR(dad)
KILN_CXR(dda)
KILN_CXR(ddd)
KILN_CXR(aaaa)
KILN_CXR(aaad)
KILN_CXR(aada)
KILN_CXR(aadd)
KILN_CXR(adaa)
KILN_CXR(adad)
KILN_CXR(adda)
KILN_CXR(addd)
KILN_CXR(daaa)
KILN_CXR(daad)
KILN_CXR(dada)
KILN_CXR(dadd)
KILN_CXR(ddaa)
KILN_CXR(ddad)
KILN_CXR(ddda)
KILN_CXR(dddd)

#undef KILN_CXR

// --- lists -----------------------------------------------------------------------

KILN_PRIMITIVE(prim_is_null, "null?", 1, 1, "(null? obj): whether obj is the empty list.") {
  return Value::boolean(is_null(a[0]));
}

KILN_PRIMITIVE(prim_is_list, "list?", 1, 1, "(list? obj): whether obj is a proper (finite, '()-terminated) list.") {
  return Value::boolean(list_length(a[0]) >= 0);
}

KILN_PRIMITIVE(prim_make_list, "make-list", 1, 2, "(make-list k [fill]): a list of k elements, each fill (default #f).") {
  int64_t n = size_arg(a, 0);
  Value fill = a.has(1) ? a[1] : kFalse;
  Value r = kNil;
  for (int64_t i = 0; i < n; ++i) r = cons(fill, r);
  return r;
}

KILN_PRIMITIVE(prim_list, "list", 0, -1, "(list obj ...): a fresh list of the arguments.") {
  Value r = kNil;
  for (uint32_t i = a.size(); i-- > 0;) r = cons(a[i], r);
  return r;
}

KILN_PRIMITIVE(prim_cons_star, "cons*", 1, -1,
               "(cons* obj ... tail): the objects consed in front of tail (SRFI 1); (cons* x) is x.") {
  Value r = a[a.size() - 1];
  for (uint32_t i = a.size() - 1; i-- > 0;) r = cons(a[i], r);
  return r;
}

KILN_PRIMITIVE(prim_length, "length", 1, 1, "(length list): the number of elements of a proper list.") {
  return Value::fixnum(a.list(0));
}

KILN_PRIMITIVE(prim_append, "append", 0, -1,
               "(append list ... obj): a list of the elements of the lists followed by obj; all but the last "
               "argument are copied, the last is shared and may be any object.") {
  if (a.size() == 0) return kNil;
  Value r = a[a.size() - 1];
  for (uint32_t i = a.size() - 1; i-- > 0;) r = copy_onto(a, i, r);
  return r;
}

KILN_PRIMITIVE(prim_reverse, "reverse", 1, 1, "(reverse list): a fresh list of the elements in reverse order.") {
  Value r = kNil;
  walk_list(a, 0, [&](Value p) {
    r = cons(car(p), r);
    return false;
  });
  return r;
}

KILN_PRIMITIVE(prim_list_tail, "list-tail", 2, 2, "(list-tail list k): the sublist after the first k elements.") {
  int64_t k = a.index(1);
  Value v = a[0];
  for (int64_t i = 0; i < k; ++i) {
    if (!is_pair(v)) range_error(a.who, a[1], a[0]);
    v = cdr(v);
  }
  return v;
}

KILN_PRIMITIVE(prim_list_ref, "list-ref", 2, 2, "(list-ref list k): element k (from 0) of list.") {
  return car(nth_pair(a, a.index(1)));
}

KILN_PRIMITIVE(prim_list_set, "list-set!", 3, 3, "(list-set! list k obj): stores obj as element k of list.") {
  Value p = nth_pair(a, a.index(1));
  check_mutable(a.who, p);
  set_car(p, a[2]);
  return kUnspecified;
}

KILN_PRIMITIVE(prim_list_copy, "list-copy", 1, 1,
               "(list-copy obj): a fresh copy of the pairs of a list; an improper tail is shared, and a "
               "non-list is returned as is.") {
  Value v = a[0];
  Value head = v;
  Value last = kFalse;
  Value slow = v;
  bool step_slow = false;
  while (is_pair(v)) {
    Value cell = cons(car(v), kNil);
    if (last == kFalse) head = cell;
    else set_cdr(last, cell);
    last = cell;
    v = cdr(v);
    if (step_slow) {
      slow = cdr(slow);
      if (slow == v && is_pair(v)) a.fail(0, "non-circular list");
    }
    step_slow = !step_slow;
  }
  if (last != kFalse) set_cdr(last, v);
  return head;
}

KILN_PRIMITIVE(prim_last_pair, "last-pair", 1, 1, "(last-pair pair): the last pair of a (possibly improper) list.") {
  a.pair(0);
  Value last = kFalse;
  Value v = a[0];
  Value slow = v;
  bool step_slow = false;
  while (is_pair(v)) {
    last = v;
    v = cdr(v);
    if (step_slow) {
      slow = cdr(slow);
      if (slow == v && is_pair(v)) a.fail(0, "non-circular list");
    }
    step_slow = !step_slow;
  }
  return last;
}

// --- searching -------------------------------------------------------------------

KILN_PRIMITIVE(prim_memq, "memq", 2, 2, "(memq obj list): the first sublist whose car is eq? to obj, or #f.") {
  Value x = a[0];
  return walk_list(a, 1, [x](Value p) { return car(p) == x; });
}

KILN_PRIMITIVE(prim_memv, "memv", 2, 2, "(memv obj list): the first sublist whose car is eqv? to obj, or #f.") {
  Value x = a[0];
  return walk_list(a, 1, [x](Value p) { return is_eqv(car(p), x); });
}

KILN_PRIMITIVE(prim_member, "member", 2, 2, "(member obj list): the first sublist whose car is equal? to obj, or #f.") {
  Value x = a[0];
  return walk_list(a, 1, [x](Value p) { return is_equal(x, car(p)); });
}

namespace {
template <class Same>
Value assoc_with(const Args& a, Same same) {
  Value x = a[0];
  Value found = walk_list(a, 1, [&](Value p) {
    Value entry = car(p);
    if (!is_pair(entry)) a.fail(1, "association list (a list of pairs)");
    return same(x, car(entry));
  });
  return found == kFalse ? kFalse : car(found);
}
}  // namespace

KILN_PRIMITIVE(prim_assq, "assq", 2, 2, "(assq obj alist): the first pair of alist whose car is eq? to obj, or #f.") {
  return assoc_with(a, [](Value x, Value k) { return x == k; });
}

KILN_PRIMITIVE(prim_assv, "assv", 2, 2, "(assv obj alist): the first pair of alist whose car is eqv? to obj, or #f.") {
  return assoc_with(a, [](Value x, Value k) { return is_eqv(x, k); });
}

KILN_PRIMITIVE(prim_assoc, "assoc", 2, 2,
               "(assoc obj alist): the first pair of alist whose car is equal? to obj, or #f.") {
  return assoc_with(a, [](Value x, Value k) { return is_equal(x, k); });
}

}  // namespace kiln
