// Data primitives and equality: equal? on cycles and long or deep data, hash
// tables, Unicode case mapping, lists, vectors, records and their errors.
#include <gtest/gtest.h>

#include <string>

#include "runtime/equal.h"
#include "runtime/error.h"
#include "runtime/hashtable.h"
#include "runtime/heap.h"
#include "runtime/literal.h"
#include "runtime/primitive.h"
#include "runtime/thread.h"

using namespace kiln;

namespace {

Value fx(int64_t n) { return Value::fixnum(n); }
Value str(const char* s) { return make_string(s); }
Value sym(const char* s) { return intern(s); }
Value chr(uint32_t c) { return Value::character(c); }

// Calls the registered primitive `name`, checking its arity like the VM does.
Value call(const char* name, std::initializer_list<Value> args) {
  Primitive* p = builtin_primitive(name).as<Primitive>();
  gc_vector<Value> argv(args);
  uint32_t argc = static_cast<uint32_t>(argv.size());
  EXPECT_GE(static_cast<int32_t>(argc), p->min_args) << name;
  if (p->max_args >= 0) {
    EXPECT_LE(static_cast<int32_t>(argc), p->max_args) << name;
  }
  return p->fn(*g_thread, argv.data(), argc);
}

// The message of the error the last call raised.
std::string raised_message() {
  Value e = g_thread->pending;
  if (!is_error_object(e)) return "<not an error object>";
  return string_to_utf8(e.as<ErrorObject>()->message);
}

std::string utf8(Value s) { return is_string(s) ? string_to_utf8(s) : "<not a string>"; }

class Data : public ::testing::Test {
 protected:
  void SetUp() override { runtime_init(); }
};

}  // namespace

// --- equivalence -------------------------------------------------------------------

TEST_F(Data, EqvOnImmediatesAndObjects) {
  EXPECT_TRUE(is_eqv(fx(3), fx(3)));
  EXPECT_TRUE(is_eqv(chr('a'), chr('a')));
  EXPECT_FALSE(is_eqv(str("a"), str("a")));
  EXPECT_TRUE(is_equal(str("a"), str("a")));
  EXPECT_FALSE(is_equal(str("a"), str("b")));
  EXPECT_TRUE(is_eqv(sym("x"), sym("x")));
  EXPECT_FALSE(is_equal(fx(1), chr(1)));
}

TEST_F(Data, EqualStructures) {
  Value a = list({fx(1), str("two"), make_vector(2, sym("v")), make_bytevector(3, 7)});
  Value b = list({fx(1), str("two"), make_vector(2, sym("v")), make_bytevector(3, 7)});
  EXPECT_TRUE(is_equal(a, b));
  bytevector_bytes(car(cdr(cdr(cdr(b)))))[2] = 8;
  EXPECT_FALSE(is_equal(a, b));
  EXPECT_FALSE(is_equal(make_vector(2, fx(0)), make_vector(3, fx(0))));
  EXPECT_FALSE(is_equal(cons(fx(1), fx(2)), make_vector(2, fx(1))));
  EXPECT_TRUE(is_equal(cons(fx(1), fx(2)), cons(fx(1), fx(2))));
}

TEST_F(Data, EqualOnCircularLists) {
  // #0=(1 2 . #0#) and #1=(1 2 1 2 1 2 . #1#) have the same unfolding.
  Value a = list({fx(1), fx(2)});
  set_cdr(cdr(a), a);
  Value b = list({fx(1), fx(2), fx(1), fx(2), fx(1), fx(2)});
  set_cdr(cdr(cdr(cdr(cdr(cdr(b))))), b);
  EXPECT_TRUE(is_equal(a, b));
  EXPECT_TRUE(is_equal(a, a));
  Value c = list({fx(1), fx(3)});
  set_cdr(cdr(c), c);
  EXPECT_FALSE(is_equal(a, c));
  // A long cycle that differs only far in.
  Value d = kNil, e = kNil;
  for (int i = 0; i < 5000; ++i) {
    d = cons(fx(i), d);
    e = cons(fx(i == 0 ? -1 : i), e);
  }
  Value dl = d, el = e;
  while (is_pair(cdr(dl))) dl = cdr(dl);
  while (is_pair(cdr(el))) el = cdr(el);
  set_cdr(dl, d);
  set_cdr(el, e);
  EXPECT_FALSE(is_equal(d, e));
  EXPECT_TRUE(is_equal(d, d));
}

// A cycle of `period` elements i % 7, unrolled `copies` times.
static Value cycle_of(int period, int copies) {
  Value head = kNil, last = kFalse;
  for (int c = 0; c < copies; ++c)
    for (int i = 0; i < period; ++i) {
      Value cell = cons(fx(i % 7), kNil);
      if (last == kFalse) head = cell;
      else set_cdr(last, cell);
      last = cell;
    }
  set_cdr(last, head);
  return head;
}

TEST_F(Data, EqualOnLongCyclesOfDifferentUnrolling) {
  for (int period : {1, 7, 700, 3001, 70000}) {
    EXPECT_TRUE(is_equal(cycle_of(period, 1), cycle_of(period, 3))) << period;
    EXPECT_FALSE(is_equal(cycle_of(period, 1), cycle_of(period + 1, 1))) << period;
  }
}

TEST_F(Data, EqualOnCyclesThroughCarsAndVectors) {
  Value v = make_vector(2, fx(0));
  vector_items(v)[1] = v;
  Value w = make_vector(2, fx(0));
  Value w2 = make_vector(2, fx(0));
  vector_items(w)[1] = w2;
  vector_items(w2)[1] = w;
  EXPECT_TRUE(is_equal(v, w));
  Value p = cons(kNil, fx(1));
  set_car(p, p);
  Value q = cons(kNil, fx(1));
  set_car(q, q);
  EXPECT_TRUE(is_equal(p, q));
  set_cdr(q, fx(2));
  EXPECT_FALSE(is_equal(p, q));
}

TEST_F(Data, EqualOnMillionLongAndDeepData) {
  constexpr int kN = 1000000;
  Value a = kNil, b = kNil;
  for (int i = 0; i < kN; ++i) {
    a = cons(fx(i), a);
    b = cons(fx(i), b);
  }
  EXPECT_TRUE(is_equal(a, b));
  set_car(b, fx(-1));
  EXPECT_FALSE(is_equal(a, b));
  Value x = fx(0), y = fx(0);
  for (int i = 0; i < kN; ++i) {
    x = cons(x, kNil);
    y = cons(y, kNil);
  }
  EXPECT_TRUE(is_equal(x, y));
  EXPECT_EQ(call("equal?", {x, y}), kTrue);
  // Hashing deep data is bounded too.
  EXPECT_EQ(equal_hash(x), equal_hash(y));
}

// --- hash tables -------------------------------------------------------------------

TEST_F(Data, HashTableManyKeys) {
  Value t = call("make-hash-table", {});
  constexpr int kN = 100000;
  for (int i = 0; i < kN; ++i) call("hash-table-set!", {t, fx(i), fx(i * 2)});
  gc_collect();
  EXPECT_EQ(call("hash-table-count", {t}), fx(kN));
  for (int i = 0; i < kN; i += 97) EXPECT_EQ(call("hash-table-ref/default", {t, fx(i), kFalse}), fx(i * 2));
  EXPECT_EQ(call("hash-table-ref/default", {t, fx(kN), sym("none")}), sym("none"));
  for (int i = 0; i < kN; i += 2) call("hash-table-delete!", {t, fx(i)});
  EXPECT_EQ(call("hash-table-size", {t}), fx(kN / 2));
  EXPECT_EQ(call("hash-table-contains?", {t, fx(2)}), kFalse);
  EXPECT_EQ(call("hash-table-contains?", {t, fx(3)}), kTrue);
  EXPECT_EQ(list_length(call("hash-table-keys", {t})), kN / 2);
}

TEST_F(Data, EqualTableStructuredKeys) {
  Value t = call("make-hash-table", {builtin_primitive("equal?")});
  for (int i = 0; i < 2000; ++i) {
    Value key = list({str("k"), fx(i), make_vector(1, fx(i % 7))});
    call("hash-table-set!", {t, key, fx(i)});
  }
  gc_collect();
  for (int i = 0; i < 2000; i += 13) {
    Value key = list({str("k"), fx(i), make_vector(1, fx(i % 7))});
    EXPECT_EQ(call("hash-table-ref", {t, key}), fx(i));
  }
  EXPECT_EQ(call("hash-table-ref", {t, str("missing")}), kRaise);
  EXPECT_EQ(raised_message(), "hash-table-ref: key not found");
  // A cyclic key hashes and compares without hanging.
  Value cyc = list({fx(1), fx(2)});
  set_cdr(cdr(cyc), cyc);
  call("hash-table-set!", {t, cyc, sym("cyclic")});
  Value cyc2 = list({fx(1), fx(2), fx(1), fx(2)});
  set_cdr(cdr(cdr(cdr(cyc2))), cyc2);
  EXPECT_EQ(call("hash-table-ref/default", {t, cyc2, kFalse}), sym("cyclic"));
}

TEST_F(Data, StringAndEqTables) {
  Value st = call("make-hash-table", {builtin_primitive("string=?")});
  call("hash-table-set!", {st, str("apple"), fx(1), str("pear"), fx(2)});
  EXPECT_EQ(call("hash-table-ref/default", {st, str("pear"), kFalse}), fx(2));
  EXPECT_EQ(call("hash-table-set!", {st, sym("apple"), fx(3)}), kRaise);
  Value ci = call("make-hash-table", {builtin_primitive("string-ci=?")});
  call("hash-table-set!", {ci, str("Straße"), fx(1)});
  EXPECT_EQ(call("hash-table-ref/default", {ci, str("STRASSE"), kFalse}), fx(1));
  Value eq = call("make-hash-table", {builtin_primitive("eq?")});
  Value k1 = str("same"), k2 = str("same");
  call("hash-table-set!", {eq, k1, fx(1)});
  EXPECT_EQ(call("hash-table-ref/default", {eq, k2, kFalse}), kFalse);
  EXPECT_EQ(call("hash-table-ref/default", {eq, k1, kFalse}), fx(1));
  EXPECT_EQ(call("make-hash-table", {builtin_primitive("car")}), kRaise);
  Value frozen = call("hash-table-copy", {eq, kFalse});
  EXPECT_EQ(call("hash-table-set!", {frozen, k1, fx(2)}), kRaise);
  Value copy = call("hash-table-copy", {eq, kTrue});
  call("hash-table-set!", {copy, k1, fx(2)});
  EXPECT_EQ(call("hash-table-ref/default", {eq, k1, kFalse}), fx(1));
  EXPECT_EQ(call("hash-table-ref/default", {copy, k1, kFalse}), fx(2));
}

TEST_F(Data, HashFunctionsAgreeWithEquivalences) {
  EXPECT_EQ(call("hash", {list({str("a"), fx(1)})}), call("hash", {list({str("a"), fx(1)})}));
  EXPECT_EQ(call("string-hash", {str("abc")}), call("string-hash", {str("abc")}));
  EXPECT_EQ(call("string-ci-hash", {str("ABC")}), call("string-ci-hash", {str("abc")}));
  Value h = call("hash", {str("xyz"), fx(10)});
  ASSERT_TRUE(h.is_fixnum());
  EXPECT_GE(h.as_fixnum(), 0);
  EXPECT_LT(h.as_fixnum(), 10);
}

// --- characters and strings ------------------------------------------------------------

TEST_F(Data, UnicodeCaseMapping) {
  EXPECT_EQ(utf8(call("string-upcase", {str("straße")})), "STRASSE");
  EXPECT_EQ(utf8(call("string-downcase", {str("ΧΑΟΣ")})), "χαος");
  EXPECT_EQ(utf8(call("string-downcase", {str("ΣΑ Σ")})), "σα σ");
  EXPECT_EQ(utf8(call("string-foldcase", {str("Straße")})), "strasse");
  EXPECT_EQ(call("char-upcase", {chr(U'ä')}), chr(U'Ä'));
  EXPECT_EQ(call("char-downcase", {chr(U'Ä')}), chr(U'ä'));
  EXPECT_EQ(call("char-foldcase", {chr(U'ß')}), chr(U'ß'));
  EXPECT_EQ(call("char-foldcase", {chr(U'Σ')}), chr(U'σ'));
  EXPECT_EQ(call("char-foldcase", {chr(U'ς')}), chr(U'σ'));
  EXPECT_EQ(call("string-ci=?", {str("Straße"), str("STRASSE")}), kTrue);
  EXPECT_EQ(call("char-ci=?", {chr('a'), chr('A'), chr('a')}), kTrue);
  EXPECT_EQ(call("char-alphabetic?", {chr(U'λ')}), kTrue);
  EXPECT_EQ(call("char-numeric?", {chr(0x664)}), kTrue);
  EXPECT_EQ(call("digit-value", {chr(0x664)}), fx(4));
  EXPECT_EQ(call("digit-value", {chr(0x1D7D9)}), fx(1));  // MATHEMATICAL DOUBLE-STRUCK DIGIT ONE
  EXPECT_EQ(call("digit-value", {chr('a')}), kFalse);
  EXPECT_EQ(call("char-whitespace?", {chr(0x3000)}), kTrue);
  EXPECT_EQ(call("char-upper-case?", {chr(U'Ä')}), kTrue);
  EXPECT_EQ(call("char-lower-case?", {chr(U'Ä')}), kFalse);
}

TEST_F(Data, CharConversions) {
  EXPECT_EQ(call("integer->char", {fx(0x3bb)}), chr(0x3bb));
  EXPECT_EQ(call("integer->char", {fx(0xD800)}), kRaise);
  EXPECT_EQ(call("integer->char", {fx(0x110000)}), kRaise);
  EXPECT_EQ(call("char->integer", {chr(U'€')}), fx(0x20ac));
  EXPECT_EQ(call("char<?", {chr('a'), chr('b'), chr('c')}), kTrue);
  EXPECT_EQ(call("char<?", {chr('a'), chr('c'), chr('b')}), kFalse);
  EXPECT_EQ(call("char<?", {chr('b'), chr('a'), fx(1)}), kRaise);
}

TEST_F(Data, StringOperations) {
  Value s = call("make-string", {fx(3), chr('x')});
  call("string-set!", {s, fx(1), chr(U'λ')});
  EXPECT_EQ(utf8(s), "xλx");
  EXPECT_EQ(utf8(call("substring", {str("hello"), fx(1), fx(3)})), "el");
  EXPECT_EQ(utf8(call("string-append", {str("a"), str("bc"), str("")})), "abc");
  EXPECT_EQ(call("string<?", {str("abc"), str("abd"), str("b")}), kTrue);
  EXPECT_EQ(call("string<?", {str("ab"), str("a")}), kFalse);
  Value lit = str("const");
  lit = freeze_literal(lit);
  EXPECT_EQ(call("string-set!", {lit, fx(0), chr('C')}), kRaise);
  EXPECT_EQ(raised_message(), "string-set!: cannot modify a literal constant");
  Value buf = str("abcdef");
  call("string-copy!", {buf, fx(2), buf, fx(0), fx(4)});
  EXPECT_EQ(utf8(buf), "ababcd");
  EXPECT_EQ(call("string-ref", {buf, fx(6)}), kRaise);
  EXPECT_EQ(utf8(call("list->string", {call("string->list", {str("héllo"), fx(1)})})), "éllo");
  EXPECT_EQ(utf8(call("string-join", {list({str("a"), str("b"), str("c")}), str(", ")})), "a, b, c");
  Value parts = call("string-split", {str("a,,b"), chr(',')});
  EXPECT_TRUE(is_equal(parts, list({str("a"), str(""), str("b")})));
  parts = call("string-split", {str("  one two  ")});
  EXPECT_TRUE(is_equal(parts, list({str("one"), str("two")})));
  EXPECT_EQ(utf8(call("utf8->string", {call("string->utf8", {str("aλb")})})), "aλb");
  EXPECT_EQ(bytevector_length(call("string->utf8", {str("aλb")})), 4);
}

// --- lists and vectors ------------------------------------------------------------------

TEST_F(Data, ListOperations) {
  Value l = list({fx(1), fx(2), fx(3)});
  EXPECT_EQ(call("length", {l}), fx(3));
  EXPECT_EQ(call("cadr", {l}), fx(2));
  EXPECT_EQ(call("cddr", {l}), cdr(cdr(l)));
  EXPECT_EQ(call("caddr", {l}), fx(3));
  EXPECT_EQ(call("cadddr", {l}), kRaise);
  Value app = call("append", {l, list({fx(4)}), fx(5)});
  EXPECT_TRUE(is_equal(app, cons(fx(1), cons(fx(2), cons(fx(3), cons(fx(4), fx(5)))))));
  EXPECT_EQ(call("append", {}), kNil);
  EXPECT_EQ(call("append", {cons(fx(1), fx(2)), kNil}), kRaise);
  EXPECT_TRUE(is_equal(call("reverse", {l}), list({fx(3), fx(2), fx(1)})));
  EXPECT_EQ(call("list-ref", {l, fx(2)}), fx(3));
  EXPECT_EQ(call("list-ref", {l, fx(3)}), kRaise);
  EXPECT_EQ(call("list-tail", {l, fx(3)}), kNil);
  EXPECT_EQ(call("memv", {fx(2), l}), cdr(l));
  EXPECT_EQ(call("member", {list({fx(1)}), list({fx(0), list({fx(1)})})}) != kFalse, true);
  Value al = list({cons(sym("a"), fx(1)), cons(str("b"), fx(2))});
  EXPECT_EQ(call("assq", {sym("a"), al}), car(al));
  EXPECT_EQ(call("assoc", {str("b"), al}), car(cdr(al)));
  EXPECT_EQ(call("assv", {sym("zz"), al}), kFalse);
  EXPECT_EQ(call("assq", {sym("a"), list({fx(1)})}), kRaise);
  Value circ = list({fx(1), fx(2)});
  set_cdr(cdr(circ), circ);
  EXPECT_EQ(call("memq", {fx(9), circ}), kRaise);
  EXPECT_EQ(call("length", {circ}), kRaise);
  EXPECT_EQ(call("list?", {circ}), kFalse);
  Value imp = cons(fx(1), cons(fx(2), fx(3)));
  Value copy = call("list-copy", {imp});
  EXPECT_TRUE(is_equal(copy, imp));
  EXPECT_NE(copy, imp);
  EXPECT_EQ(call("last-pair", {imp}), cdr(imp));
  EXPECT_EQ(call("car", {fx(1)}), kRaise);
  EXPECT_EQ(raised_message(), "car: expected pair as argument 1");
}

TEST_F(Data, LiteralPairs) {
  // A cycle (x y . <back to the start>) whose car holds a shared sublist.
  Value shared = list({fx(7)});
  Value c = list({shared, shared});
  set_cdr(cdr(c), c);
  Value lit = freeze_literal(c);
  EXPECT_TRUE(is_pair(lit));
  EXPECT_NE(lit, c);  // a copy in the literal range
  EXPECT_TRUE(is_literal_pair(lit));
  EXPECT_FALSE(is_literal_pair(c));
  EXPECT_EQ(cdr(cdr(lit)), lit);       // the cycle kept
  EXPECT_EQ(car(lit), car(cdr(lit)));  // the sharing kept
  EXPECT_TRUE(is_literal_pair(car(lit)));
  EXPECT_EQ(freeze_literal(lit), lit);  // already literal: itself
  EXPECT_EQ(call("set-car!", {lit, fx(1)}), kRaise);
  EXPECT_EQ(raised_message(), "set-car!: cannot modify a literal constant");
  EXPECT_EQ(call("set-cdr!", {car(lit), fx(1)}), kRaise);
  EXPECT_EQ(call("set-car!", {c, fx(1)}), kUnspecified);  // the original stays mutable
}

TEST_F(Data, VectorsAndBytevectors) {
  Value v = call("vector", {fx(1), fx(2), fx(3), fx(4)});
  call("vector-copy!", {v, fx(1), v, fx(0), fx(3)});
  EXPECT_TRUE(is_equal(v, call("vector", {fx(1), fx(1), fx(2), fx(3)})));
  EXPECT_EQ(call("vector-ref", {v, fx(4)}), kRaise);
  EXPECT_EQ(call("make-vector", {fx(int64_t{10000000000000})}), kRaise);
  EXPECT_EQ(call("make-string", {fx(int64_t{10000000000000})}), kRaise);
  EXPECT_EQ(call("make-bytevector", {fx(-1)}), kRaise);
  EXPECT_TRUE(is_equal(call("vector->list", {v, fx(1), fx(3)}), list({fx(1), fx(2)})));
  EXPECT_EQ(vector_length(call("vector-append", {v, v})), 8);
  Value b = call("bytevector", {fx(1), fx(2), fx(255)});
  EXPECT_EQ(call("bytevector", {fx(256)}), kRaise);
  EXPECT_EQ(call("bytevector-u8-ref", {b, fx(2)}), fx(255));
  EXPECT_TRUE(is_equal(call("bytevector-copy", {b, fx(1)}), call("bytevector", {fx(2), fx(255)})));
  v = freeze_literal(v);
  EXPECT_EQ(call("vector-set!", {v, fx(0), fx(9)}), kRaise);
}

// --- records -----------------------------------------------------------------------------

TEST_F(Data, Records) {
  Value rtd = call("%make-record-type", {sym("point"), call("vector", {sym("x"), sym("y")})});
  Value p = call("%record", {rtd, fx(3), fx(4)});
  EXPECT_EQ(call("%record?", {p, rtd}), kTrue);
  EXPECT_EQ(call("%record?", {fx(1), rtd}), kFalse);
  EXPECT_EQ(call("%record-ref", {p, rtd, fx(1), sym("point-y")}), fx(4));
  call("%record-set!", {p, rtd, fx(0), fx(7), sym("set-point-x!")});
  EXPECT_EQ(call("%record-ref", {p, rtd, fx(0), sym("point-x")}), fx(7));
  EXPECT_EQ(call("%record-ref", {str("nope"), rtd, fx(0), sym("point-x")}), kRaise);
  EXPECT_EQ(raised_message(), "point-x: expected record of type point");
  Value other = call("%make-record-type", {sym("point"), call("vector", {sym("x"), sym("y")})});
  EXPECT_EQ(call("%record?", {p, other}), kFalse);
}

TEST_F(Data, SymbolsAndBooleans) {
  EXPECT_EQ(call("string->symbol", {str("abc")}), sym("abc"));
  EXPECT_EQ(utf8(call("symbol->string", {sym("abc")})), "abc");
  EXPECT_NE(call("string->uninterned-symbol", {str("abc")}), sym("abc"));
  EXPECT_NE(call("gensym", {}), call("gensym", {}));
  EXPECT_EQ(call("symbol=?", {sym("a"), sym("a"), sym("a")}), kTrue);
  EXPECT_EQ(call("boolean=?", {kTrue, kTrue, kFalse}), kFalse);
  EXPECT_EQ(call("boolean=?", {kTrue, fx(1)}), kRaise);
  EXPECT_EQ(call("not", {fx(0)}), kFalse);
  EXPECT_EQ(call("procedure?", {builtin_primitive("car")}), kTrue);
}
