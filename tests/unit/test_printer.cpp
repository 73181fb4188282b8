#include <gtest/gtest.h>

#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/port.h"
#include "runtime/primitive.h"
#include "runtime/printer.h"
#include "runtime/thread.h"

using namespace kiln;

namespace {

Value fx(int64_t n) { return Value::fixnum(n); }
Value sym(const char* s) { return intern(s); }
std::string w(Value v) { return write_to_string(v, PrintMode::Write); }
std::string d(Value v) { return write_to_string(v, PrintMode::Display); }
std::string ws(Value v) { return write_to_string(v, PrintMode::WriteShared); }

class Printer : public ::testing::Test {
 protected:
  void SetUp() override { runtime_init(); }
};

}  // namespace

TEST_F(Printer, Atoms) {
  EXPECT_EQ(w(fx(42)), "42");
  EXPECT_EQ(w(fx(-7)), "-7");
  EXPECT_EQ(w(kTrue), "#t");
  EXPECT_EQ(w(kFalse), "#f");
  EXPECT_EQ(w(kNil), "()");
  EXPECT_EQ(w(kEof), "#<eof>");
  EXPECT_EQ(w(kUnspecified), "#<unspecified>");
  EXPECT_EQ(w(kDefault), "#<default>");
  EXPECT_EQ(w(make_flonum(1.5)), "1.5");
}

TEST_F(Printer, NestedLists) {
  Value inner = list({fx(2), fx(3)});
  Value l = list({fx(1), inner, make_vector(2, sym("x")), kNil});
  EXPECT_EQ(w(l), "(1 (2 3) #(x x) ())");
  EXPECT_EQ(w(cons(fx(1), fx(2))), "(1 . 2)");
  EXPECT_EQ(w(cons(fx(1), cons(fx(2), fx(3)))), "(1 2 . 3)");
  EXPECT_EQ(w(make_vector(0)), "#()");
  Value bv = make_bytevector(3, 7);
  bytevector_bytes(bv)[2] = 255;
  EXPECT_EQ(w(bv), "#u8(7 7 255)");
  EXPECT_EQ(w(make_bytevector(0)), "#u8()");
}

TEST_F(Printer, QuoteAbbreviations) {
  EXPECT_EQ(w(list({sym("quote"), sym("x")})), "'x");
  EXPECT_EQ(w(list({sym("quasiquote"), list({sym("unquote"), sym("a")}), })), "`,a");
  EXPECT_EQ(w(list({sym("unquote-splicing"), sym("b")})), ",@b");
  EXPECT_EQ(w(list({sym("quote"), sym("x"), sym("y")})), "(quote x y)");
  EXPECT_EQ(w(list({sym("quote")})), "(quote)");
}

TEST_F(Printer, StringsAndEscapes) {
  Value s = make_string("a\"b\\c\nd\te\x01");
  EXPECT_EQ(w(s), "\"a\\\"b\\\\c\\nd\\te\\x1;\"");
  EXPECT_EQ(d(s), "a\"b\\c\nd\te\x01");
  EXPECT_EQ(w(make_string("λ")), "\"λ\"");
  EXPECT_EQ(d(list({make_string("hi"), Value::character('c')})), "(hi c)");
}

TEST_F(Printer, Characters) {
  EXPECT_EQ(w(Value::character('a')), "#\\a");
  EXPECT_EQ(w(Value::character(' ')), "#\\space");
  EXPECT_EQ(w(Value::character('\n')), "#\\newline");
  EXPECT_EQ(w(Value::character(0)), "#\\null");
  EXPECT_EQ(w(Value::character(0x7f)), "#\\delete");
  EXPECT_EQ(w(Value::character(0x3bb)), "#\\λ");
  EXPECT_EQ(w(Value::character(0x01)), "#\\x1");
  EXPECT_EQ(w(Value::character(0xa0)), "#\\xa0");
  EXPECT_EQ(d(Value::character(0x3bb)), "λ");
}

TEST_F(Printer, SymbolsNeedingBars) {
  EXPECT_EQ(w(sym("abc")), "abc");
  EXPECT_EQ(w(sym("Hello")), "Hello");
  EXPECT_EQ(w(sym("+")), "+");
  EXPECT_EQ(w(sym("...")), "...");
  EXPECT_EQ(w(sym("->x")), "->x");
  EXPECT_EQ(w(sym("")), "||");
  EXPECT_EQ(w(sym("a b")), "|a b|");
  EXPECT_EQ(w(sym("1")), "|1|");
  EXPECT_EQ(w(sym("+5")), "|+5|");
  EXPECT_EQ(w(sym(".")), "|.|");
  EXPECT_EQ(w(sym("#foo")), "|#foo|");
  EXPECT_EQ(w(sym("a|b")), "|a\\|b|");
  EXPECT_EQ(w(sym("(")), "|(|");
  EXPECT_EQ(w(sym("[x]")), "|[x]|");
  EXPECT_EQ(w(list({sym("unquote"), sym("@x")})), ",|@x|");
  EXPECT_EQ(w(sym("a@b")), "a@b");
  EXPECT_EQ(w(sym("λ")), "λ");
  EXPECT_EQ(d(sym("a b")), "a b");
}

TEST_F(Printer, CyclicListsGetLabels) {
  Value l = list({fx(1), fx(2), fx(3)});
  set_cdr(cdr(cdr(l)), l);
  EXPECT_EQ(w(l), "#0=(1 2 3 . #0#)");
  EXPECT_EQ(d(l), "#0=(1 2 3 . #0#)");

  Value v = make_vector(2, fx(0));
  vector_items(v)[1] = v;
  EXPECT_EQ(w(v), "#0=#(0 #0#)");

  Value c = list({fx(1)});
  set_car(c, c);
  EXPECT_EQ(w(c), "#0=(#0#)");
}

TEST_F(Printer, SharedButAcyclicOnlyLabelledInWriteShared) {
  Value shared = list({fx(1), fx(2)});
  Value l = list({shared, shared});
  EXPECT_EQ(w(l), "((1 2) (1 2))");
  EXPECT_EQ(ws(l), "(#0=(1 2) #0#)");
  // A shared tail must not be spliced into the enclosing list.
  Value tail = list({fx(2)});
  Value l2 = list({cons(fx(1), tail), tail});
  EXPECT_EQ(ws(l2), "((1 . #0=(2)) #0#)");
}

TEST_F(Printer, CycleThroughSharedNodeIsCut) {
  // a -> (b) where b's cdr points back at a, and a is also shared.
  Value a = list({sym("a"), fx(0)});
  Value b = list({sym("b"), a});
  set_car(cdr(a), b);
  Value top = list({a, a});
  std::string out = w(top);
  EXPECT_EQ(out, "(#0=(a (b #0#)) #0#)");
}

TEST_F(Printer, QuoteWithLabelledTailIsNotAbbreviated) {
  Value tail = list({sym("x")});
  Value q = cons(sym("quote"), tail);
  EXPECT_EQ(ws(list({q, tail})), "((quote . #0=(x)) #0#)");
}

TEST_F(Printer, LongListIsIterative) {
  Value l = kNil;
  for (int i = 0; i < 1000000; ++i) l = cons(fx(1), l);
  std::string out = w(l);
  EXPECT_EQ(out.size(), 2u * 1000000 + 1);
  EXPECT_EQ(out.substr(0, 6), "(1 1 1");
}

TEST_F(Printer, DeepNestingRaisesInsteadOfCrashing) {
  Value v = kNil;
  for (int i = 0; i < 1000000; ++i) v = cons(v, kNil);
  EXPECT_THROW(w(v), SchemeRaise);
  Value shallow = kNil;
  for (int i = 0; i < 1000; ++i) shallow = cons(shallow, kNil);
  EXPECT_EQ(w(shallow).size(), 2u * 1000 + 2);  // "(((" ... "()" ... ")))"
}

TEST_F(Printer, ObjectsPrintAsHashAngle) {
  EXPECT_EQ(w(builtin_primitive("write")), "#<procedure write>");
  Value e = make_error_object("oops", list({fx(1), make_string("x")}));
  EXPECT_EQ(w(e), "#<error \"oops\" 1 \"x\">");
  EXPECT_EQ(w(make_string_output_port()), "#<port>");
  Value vals[] = {fx(1), fx(2)};
  EXPECT_EQ(w(make_values(vals, 2)), "1 2");
  EXPECT_EQ(w(make_box(fx(1))), "#<box>");
}

TEST_F(Printer, PrintToPort) {
  Value port = make_string_output_port();
  print(port, list({make_string("a"), Value::character('b')}), PrintMode::Write);
  print(port, make_string(" λ"), PrintMode::Display);
  EXPECT_EQ(string_to_utf8(port_output_string(port)), "(\"a\" #\\b) λ");
}
