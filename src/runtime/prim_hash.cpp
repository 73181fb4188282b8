// Hash tables with SRFI 69 names (and SRFI 125 names where they are cheap),
// and the hash functions. The table itself is in hashtable.h.
//
// Not here, because they call a Scheme procedure: hash-table-ref with a
// failure thunk, hash-table-update!, hash-table-update!/default,
// hash-table-walk, hash-table-fold, and user-defined equivalences.
#include <string>

#include "runtime/hashtable.h"
#include "runtime/prim_support.h"

namespace kiln {

namespace {

Value table_arg(const Args& a, uint32_t i) { return a.expect(i, Type::HashTable, "hash table"); }

Value mutable_table_arg(const Args& a, uint32_t i) {
  Value t = table_arg(a, i);
  if (t.as_object()->immutable()) error(std::string(a.who) + ": hash table is immutable", {t});
  return t;
}

// The table kind for an equivalence procedure argument, which must be one of
// the built-in ones.
HashKind kind_arg(const Args& a, uint32_t i) {
  if (!a.has(i)) return HashKind::Equal;
  Value eq = a[i];
  if (eq == builtin_primitive("equal?")) return HashKind::Equal;
  if (eq == builtin_primitive("eqv?")) return HashKind::Eqv;
  if (eq == builtin_primitive("eq?")) return HashKind::Eq;
  if (eq == builtin_primitive("string=?")) return HashKind::String;
  if (eq == builtin_primitive("string-ci=?")) return HashKind::StringCi;
  a.fail(i, "equivalence procedure eq?, eqv?, equal?, string=? or string-ci=?");
}

// A hash argument after the equivalence: any procedure is accepted and then
// ignored, since the table's own hash for a built-in equivalence is
// consistent with it, as every valid user hash must be.
void check_hash_arg(const Args& a, uint32_t i) {
  if (a.has(i)) a.procedure(i);
}

Value hash_result(const Args& a, uint64_t h, uint32_t bound_pos) {
  if (a.has(bound_pos)) {
    int64_t bound = a.index(bound_pos);
    if (bound == 0) a.fail(bound_pos, "positive exact integer");
    return Value::fixnum(static_cast<int64_t>(h % static_cast<uint64_t>(bound)));
  }
  return Value::fixnum(static_cast<int64_t>(h));
}

}  // namespace

KILN_PRIMITIVE(prim_make_hash_table, "make-hash-table", 0, -1,
               "(make-hash-table [equivalence [hash arg ...]]): a new empty table comparing keys with "
               "equivalence, one of eq?, eqv?, equal? (the default), string=? or string-ci=?. A hash "
               "procedure and further arguments (size hints) are accepted and ignored.") {
  HashKind kind = kind_arg(a, 0);
  check_hash_arg(a, 1);
  return make_hash_table(kind);
}

KILN_PRIMITIVE(prim_alist_to_hash_table, "alist->hash-table", 1, -1,
               "(alist->hash-table alist [equivalence [hash arg ...]]): a new table of the associations of "
               "alist; for a repeated key the first association wins.") {
  a.list(0);
  HashKind kind = kind_arg(a, 1);
  check_hash_arg(a, 2);
  Value table = make_hash_table(kind);
  for (Value l = a[0]; is_pair(l); l = cdr(l)) {
    if (!is_pair(car(l))) a.fail(0, "association list (a list of pairs)");
    if (hash_table_entry(table, car(car(l)), a.who) == kFalse) hash_table_set(table, car(car(l)), cdr(car(l)), a.who);
  }
  return table;
}

KILN_PRIMITIVE(prim_is_hash_table, "hash-table?", 1, 1, "(hash-table? obj): whether obj is a hash table.") {
  return Value::boolean(is_hash_table(a[0]));
}

KILN_PRIMITIVE(prim_hash_table_ref_default, "hash-table-ref/default", 3, 3,
               "(hash-table-ref/default table key default): the value for key, or default if absent.") {
  Value entry = hash_table_entry(table_arg(a, 0), a[1], a.who);
  return entry == kFalse ? a[2] : cdr(entry);
}

KILN_PRIMITIVE(prim_hash_table_ref, "hash-table-ref", 2, 2,
               "(hash-table-ref table key): the value for key; an error if key is absent.") {
  Value entry = hash_table_entry(table_arg(a, 0), a[1], a.who);
  if (entry == kFalse) error("hash-table-ref: key not found", {a[1]});
  return cdr(entry);
}

KILN_PRIMITIVE(prim_hash_table_set, "hash-table-set!", 3, -1,
               "(hash-table-set! table key value ...): maps each key to the value after it.") {
  Value table = mutable_table_arg(a, 0);
  if (a.size() % 2 == 0) error("hash-table-set!: keys and values must come in pairs", {table});
  for (uint32_t i = 1; i + 1 < a.size(); i += 2) hash_table_set(table, a[i], a[i + 1], a.who);
  return kUnspecified;
}

KILN_PRIMITIVE(prim_hash_table_delete, "hash-table-delete!", 1, -1,
               "(hash-table-delete! table key ...): removes the keys; returns how many were present.") {
  Value table = mutable_table_arg(a, 0);
  int64_t removed = 0;
  for (uint32_t i = 1; i < a.size(); ++i) removed += hash_table_delete(table, a[i], a.who);
  return Value::fixnum(removed);
}

KILN_PRIMITIVE(prim_hash_table_contains, "hash-table-contains?", 2, 2,
               "(hash-table-contains? table key): whether key has a value in table.") {
  return Value::boolean(hash_table_entry(table_arg(a, 0), a[1], a.who) != kFalse);
}

KILN_PRIMITIVE(prim_hash_table_exists, "hash-table-exists?", 2, 2,
               "(hash-table-exists? table key): whether key has a value in table (SRFI 69 name).") {
  return Value::boolean(hash_table_entry(table_arg(a, 0), a[1], a.who) != kFalse);
}

KILN_PRIMITIVE(prim_hash_table_count, "hash-table-count", 1, 1,
               "(hash-table-count table): the number of entries (SRFI 125's predicate form is not "
               "supported).") {
  return Value::fixnum(as_hash_table(table_arg(a, 0))->count);
}

KILN_PRIMITIVE(prim_hash_table_size, "hash-table-size", 1, 1, "(hash-table-size table): the number of entries.") {
  return Value::fixnum(as_hash_table(table_arg(a, 0))->count);
}

KILN_PRIMITIVE(prim_hash_table_empty, "hash-table-empty?", 1, 1, "(hash-table-empty? table): whether table has no entries.") {
  return Value::boolean(as_hash_table(table_arg(a, 0))->count == 0);
}

KILN_PRIMITIVE(prim_hash_table_mutable, "hash-table-mutable?", 1, 1,
               "(hash-table-mutable? table): whether table may be modified.") {
  return Value::boolean(!table_arg(a, 0).as_object()->immutable());
}

KILN_PRIMITIVE(prim_hash_table_keys, "hash-table-keys", 1, 1, "(hash-table-keys table): a list of the keys, in no particular order.") {
  Value r = kNil;
  hash_table_for_each(table_arg(a, 0), [&](Value e) { r = cons(car(e), r); });
  return r;
}

KILN_PRIMITIVE(prim_hash_table_values, "hash-table-values", 1, 1,
               "(hash-table-values table): a list of the values, in the order of hash-table-keys.") {
  Value r = kNil;
  hash_table_for_each(table_arg(a, 0), [&](Value e) { r = cons(cdr(e), r); });
  return r;
}

KILN_PRIMITIVE(prim_hash_table_to_alist, "hash-table->alist", 1, 1,
               "(hash-table->alist table): a fresh list of (key . value) pairs, in no particular order.") {
  Value r = kNil;
  hash_table_for_each(table_arg(a, 0), [&](Value e) { r = cons(cons(car(e), cdr(e)), r); });
  return r;
}

KILN_PRIMITIVE(prim_hash_table_copy, "hash-table-copy", 1, 2,
               "(hash-table-copy table [mutable?]): a copy of table; mutable (as in SRFI 69) unless mutable? "
               "is given as #f (SRFI 125).") {
  Value copy = hash_table_copy(table_arg(a, 0));
  if (a.has(1) && is_false(a[1])) copy.as_object()->set_immutable();
  return copy;
}

KILN_PRIMITIVE(prim_hash_table_clear, "hash-table-clear!", 1, 1, "(hash-table-clear! table): removes every entry.") {
  hash_table_clear(mutable_table_arg(a, 0));
  return kUnspecified;
}

KILN_PRIMITIVE(prim_hash_table_merge, "hash-table-merge!", 2, 2,
               "(hash-table-merge! table1 table2): adds the entries of table2 whose keys are not in table1; "
               "returns table1.") {
  Value t1 = mutable_table_arg(a, 0);
  Value t2 = table_arg(a, 1);
  hash_table_for_each(t2, [&](Value e) {
    if (hash_table_entry(t1, car(e), a.who) == kFalse) hash_table_set(t1, car(e), cdr(e), a.who);
  });
  return t1;
}

KILN_PRIMITIVE(prim_hash_table_equivalence, "hash-table-equivalence-function", 1, 1,
               "(hash-table-equivalence-function table): the procedure that compares keys.") {
  switch (as_hash_table(table_arg(a, 0))->kind) {
    case HashKind::Eq: return builtin_primitive("eq?");
    case HashKind::Eqv: return builtin_primitive("eqv?");
    case HashKind::Equal: return builtin_primitive("equal?");
    case HashKind::String: return builtin_primitive("string=?");
    case HashKind::StringCi: return builtin_primitive("string-ci=?");
  }
  return kFalse;
}

KILN_PRIMITIVE(prim_hash_table_hash_function, "hash-table-hash-function", 1, 1,
               "(hash-table-hash-function table): the procedure that hashes keys.") {
  switch (as_hash_table(table_arg(a, 0))->kind) {
    case HashKind::Eq: return builtin_primitive("hash-by-identity");
    case HashKind::Eqv: return builtin_primitive("eqv-hash");
    case HashKind::Equal: return builtin_primitive("hash");
    case HashKind::String: return builtin_primitive("string-hash");
    case HashKind::StringCi: return builtin_primitive("string-ci-hash");
  }
  return kFalse;
}

// --- hash functions --------------------------------------------------------------

KILN_PRIMITIVE(prim_hash, "hash", 1, 2,
               "(hash obj [bound]): a hash of obj consistent with equal?, in [0, bound) if bound is given.") {
  return hash_result(a, equal_hash(a[0]), 1);
}

KILN_PRIMITIVE(prim_equal_hash, "equal-hash", 1, 2, "(equal-hash obj [bound]): the same as hash (SRFI 128 name).") {
  return hash_result(a, equal_hash(a[0]), 1);
}

KILN_PRIMITIVE(prim_eqv_hash, "eqv-hash", 1, 2, "(eqv-hash obj [bound]): a hash of obj consistent with eqv?.") {
  return hash_result(a, eqv_hash(a[0]), 1);
}

KILN_PRIMITIVE(prim_hash_by_identity, "hash-by-identity", 1, 2,
               "(hash-by-identity obj [bound]): a hash of obj consistent with eq?.") {
  return hash_result(a, eq_hash(a[0]), 1);
}

KILN_PRIMITIVE(prim_string_hash, "string-hash", 1, 2,
               "(string-hash str [bound]): a hash of str consistent with string=?.") {
  return hash_result(a, string_hash(a.string(0)), 1);
}

KILN_PRIMITIVE(prim_string_ci_hash, "string-ci-hash", 1, 2,
               "(string-ci-hash str [bound]): a hash of str consistent with string-ci=?.") {
  return hash_result(a, string_ci_hash(a.string(0)), 1);
}

}  // namespace kiln
