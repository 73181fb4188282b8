// The reader: every piece of R7RS lexical syntax, source locations, and
// every read error with its position.
#include <gtest/gtest.h>

#include <string>

#include "read/reader.h"
#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/numbers.h"
#include "runtime/primitive.h"
#include "runtime/srcloc.h"
#include "runtime/thread.h"

using namespace kiln;

namespace {

// A small printer for checking results as text. Not `write`: it has no
// cycle detection (cyclic data is checked structurally) and prints symbols
// bare, so "|a b|" shows as a b.
std::string show(Value v);

std::string show_tail(Value v) {
  std::string out;
  bool first = true;
  for (; is_pair(v); v = cdr(v)) {
    if (!first) out += ' ';
    out += show(car(v));
    first = false;
  }
  if (!is_null(v)) out += " . " + show(v);
  return out;
}

std::string show(Value v) {
  if (v.is_fixnum()) return std::to_string(v.as_fixnum());
  if (v == kTrue) return "#t";
  if (v == kFalse) return "#f";
  if (v == kNil) return "()";
  if (v == kEof) return "#<eof>";
  if (v.is_char()) {
    uint32_t c = v.as_char();
    if (c > 32 && c < 127) return std::string("#\\") + static_cast<char>(c);
    return "#\\x" + ([&] { char b[16]; snprintf(b, sizeof b, "%x", c); return std::string(b); })();
  }
  if (is_symbol(v)) return symbol_to_utf8(v);
  if (is_string(v)) {
    std::string out = "\"";
    for (int64_t i = 0; i < string_length(v); ++i) {
      uint32_t c = as_string(v)->chars[i];
      if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
      else if (c < 32) { char b[16]; snprintf(b, sizeof b, "\\x%x;", c); out += b; }
      else utf8_append(out, c);
    }
    return out + "\"";
  }
  if (is_pair(v)) return "(" + show_tail(v) + ")";
  if (is_vector(v)) {
    std::string out = "#(";
    for (int64_t i = 0; i < vector_length(v); ++i) out += (i ? " " : "") + show(vector_items(v)[i]);
    return out + ")";
  }
  if (is_bytevector(v)) {
    std::string out = "#u8(";
    for (int64_t i = 0; i < bytevector_length(v); ++i) out += (i ? " " : "") + std::to_string(bytevector_bytes(v)[i]);
    return out + ")";
  }
  return "#<other>";
}

Value file(const char* name = "t.scm") { return make_string(name); }

Value read1(std::string_view text) {
  runtime_init();
  Reader r(text, file());
  return r.read();
}

/// All data in `text`, printed and separated by " | ".
std::string read_shown(std::string_view text) {
  runtime_init();
  Reader r(text, file());
  std::string out;
  for (Value d = r.read(); d != kEof; d = r.read()) out += (out.empty() ? "" : " | ") + show(d);
  return out;
}

/// The message of the read-error that reading all of `text` raises, or
/// "no error".
std::string read_error(std::string_view text) {
  runtime_init();
  try {
    Reader r(text, file());
    while (r.read() != kEof) {
    }
  } catch (const SchemeRaise&) {
    Value e = g_thread->pending;
    if (!is_error_object(e)) return "raised a non-error";
    auto* eo = e.as<ErrorObject>();
    if (eo->kind != intern("read-error")) return "wrong kind: " + symbol_to_utf8(eo->kind);
    return string_to_utf8(eo->message);
  }
  return "no error";
}


}  // namespace

// --- atoms ------------------------------------------------------------------------

TEST(Reader, Integers) {
  EXPECT_EQ(read1("42"), Value::fixnum(42));
  EXPECT_EQ(read1("-7"), Value::fixnum(-7));
  EXPECT_EQ(read1("+5"), Value::fixnum(5));
  EXPECT_EQ(read_shown("1 2 3"), "1 | 2 | 3");
}

TEST(Reader, NumbersWithPrefixesRationalsAndDecimals) {
  EXPECT_EQ(read1("#x1F"), Value::fixnum(31));
  EXPECT_EQ(read1("#X1f"), Value::fixnum(31));
  EXPECT_EQ(read1("#b101"), Value::fixnum(5));
  EXPECT_EQ(read1("#o17"), Value::fixnum(15));
  EXPECT_EQ(read1("#d99"), Value::fixnum(99));
  EXPECT_TRUE(num_eqv(read1("#e1.5"), parse_number("3/2")));
  EXPECT_TRUE(is_flonum(read1("#i3")));
  EXPECT_TRUE(is_flonum(read1("1.5")));
  EXPECT_TRUE(is_flonum(read1(".5")));
  EXPECT_TRUE(is_flonum(read1("-1e3")));
  EXPECT_TRUE(is_flonum(read1("+inf.0")));
  EXPECT_TRUE(is_flonum(read1("+nan.0")));
  EXPECT_TRUE(has_type(read1("1/3"), Type::Ratnum));
  EXPECT_TRUE(has_type(read1("123456789012345678901234567890"), Type::Bignum));
  EXPECT_EQ(read_error("#xZZ"), "t.scm:1:1: bad number syntax: #xZZ");
}

TEST(Reader, BadNumbers) {
  EXPECT_EQ(read_error("1abc"), "t.scm:1:1: bad number syntax: 1abc");
  EXPECT_EQ(read_error(" -5x"), "t.scm:1:2: bad number syntax: -5x");
  EXPECT_EQ(read_error("#q"), "t.scm:1:1: bad # syntax: #q");
  // R7RS 2.1: +i and -i are numbers, not identifiers; Kiln has no non-real numbers.
  EXPECT_EQ(read_error("(f +i)"), "t.scm:1:4: non-real complex numbers are not supported: +i");
  EXPECT_EQ(read_error("#e1+2i"), "t.scm:1:1: non-real complex numbers are not supported: #e1+2i");
}

TEST(Reader, Identifiers) {
  EXPECT_EQ(read1("foo"), intern("foo"));
  EXPECT_EQ(read1("Foo"), intern("Foo"));  // case-sensitive
  EXPECT_NE(read1("Foo"), intern("foo"));
  EXPECT_EQ(read1("λx"), intern("λx"));
  EXPECT_EQ(read1("<=?"), intern("<=?"));
  EXPECT_EQ(read1("a.b"), intern("a.b"));
  EXPECT_EQ(read1("set-car!"), intern("set-car!"));
  // Peculiar identifiers.
  EXPECT_EQ(read1("+"), intern("+"));
  EXPECT_EQ(read1("-"), intern("-"));
  EXPECT_EQ(read1("..."), intern("..."));
  EXPECT_EQ(read1("->x"), intern("->x"));
  EXPECT_EQ(read1("+a"), intern("+a"));
  EXPECT_EQ(read1("-.a"), intern("-.a"));
  EXPECT_EQ(read1(".foo"), intern(".foo"));
}

TEST(Reader, PipeSymbols) {
  EXPECT_EQ(read1("|sym with spaces|"), intern("sym with spaces"));
  EXPECT_EQ(read1("|a\\x41;b|"), intern("aAb"));
  EXPECT_EQ(read1("|a\\|b|"), intern("a|b"));
  EXPECT_EQ(read1("|a\\\\b|"), intern("a\\b"));
  EXPECT_EQ(read1("|a\\tb|"), intern("a\tb"));
  EXPECT_EQ(read1("||"), intern(""));
  EXPECT_EQ(read1("|123|"), intern("123"));
  EXPECT_EQ(read_shown("(|a b| c)"), "(a b c)");
  EXPECT_EQ(read_error("|abc"), "t.scm:1:1: unterminated |symbol|");
  EXPECT_EQ(read_error("|a\\qb|"), "t.scm:1:3: bad escape \\q in |symbol|");
}

TEST(Reader, FoldCaseDirectives) {
  runtime_init();
  Reader r("FOO #!fold-case FOO |BAR| #\\SPACE #T #!no-fold-case FOO", file());
  EXPECT_EQ(r.read(), intern("FOO"));
  EXPECT_EQ(r.read(), intern("foo"));
  EXPECT_EQ(r.read(), intern("BAR"));  // |...| is never folded
  EXPECT_EQ(r.read(), Value::character(' '));
  EXPECT_EQ(r.read(), kTrue);
  EXPECT_EQ(r.read(), intern("FOO"));
  EXPECT_EQ(r.read(), kEof);
  EXPECT_EQ(read_error("#!fold-it"), "t.scm:1:1: unknown directive #!fold-it");
}

TEST(Reader, Booleans) {
  EXPECT_EQ(read_shown("#t #f #true #false #T #FALSE"), "#t | #f | #t | #f | #t | #f");
  EXPECT_EQ(read_error("#tru"), "t.scm:1:1: bad # syntax: #tru");
}

TEST(Reader, Characters) {
  EXPECT_EQ(read1("#\\a"), Value::character('a'));
  EXPECT_EQ(read1("#\\A"), Value::character('A'));
  EXPECT_EQ(read1("#\\space"), Value::character(' '));
  EXPECT_EQ(read1("#\\newline"), Value::character('\n'));
  EXPECT_EQ(read1("#\\tab"), Value::character('\t'));
  EXPECT_EQ(read1("#\\nul"), Value::character(0));
  EXPECT_EQ(read1("#\\null"), Value::character(0));
  EXPECT_EQ(read1("#\\alarm"), Value::character(7));
  EXPECT_EQ(read1("#\\backspace"), Value::character(8));
  EXPECT_EQ(read1("#\\delete"), Value::character(0x7f));
  EXPECT_EQ(read1("#\\escape"), Value::character(0x1b));
  EXPECT_EQ(read1("#\\return"), Value::character('\r'));
  EXPECT_EQ(read1("#\\x41"), Value::character('A'));
  EXPECT_EQ(read1("#\\x3bb"), Value::character(0x3bb));
  EXPECT_EQ(read1("#\\x"), Value::character('x'));
  EXPECT_EQ(read1("#\\λ"), Value::character(0x3bb));
  EXPECT_EQ(read1("#\\ "), Value::character(' '));
  EXPECT_EQ(read1("#\\("), Value::character('('));
  EXPECT_EQ(read_shown("(#\\) #\\( #\\;)"), "(#\\) #\\( #\\;)");
  EXPECT_EQ(read_error("#\\spaces"), "t.scm:1:1: bad character name #\\spaces");
  EXPECT_EQ(read_error("#\\Space"), "t.scm:1:1: bad character name #\\Space");  // names are case-sensitive
  EXPECT_EQ(read_error("#\\xD800"), "t.scm:1:1: bad character name #\\xD800");  // a surrogate
  EXPECT_EQ(read_error("  #\\"), "t.scm:1:3: end of input after #\\");
}

TEST(Reader, Strings) {
  EXPECT_EQ(show(read1("\"hello\"")), "\"hello\"");
  EXPECT_EQ(show(read1("\"\"")), "\"\"");
  EXPECT_EQ(show(read1(R"("a\"b\\c\|d")")), R"("a\"b\\c|d")");
  Value s = read1(R"("\a\b\t\n\r")");
  ASSERT_EQ(string_length(s), 5);
  EXPECT_EQ(as_string(s)->chars[0], 7u);
  EXPECT_EQ(as_string(s)->chars[1], 8u);
  EXPECT_EQ(as_string(s)->chars[2], 9u);
  EXPECT_EQ(as_string(s)->chars[3], 10u);
  EXPECT_EQ(as_string(s)->chars[4], 13u);
  EXPECT_EQ(show(read1(R"("\x41;\x3bb;")")), "\"Aλ\"");
  EXPECT_EQ(show(read1("\"λ→\"")), "\"λ→\"");
  // Line continuation: backslash, optional spaces, newline, leading spaces.
  EXPECT_EQ(show(read1("\"abc\\   \n     def\"")), "\"abcdef\"");
  EXPECT_EQ(show(read1("\"abc\\\n\tdef\"")), "\"abcdef\"");
  EXPECT_EQ(show(read1("\"abc\\\r\n  def\"")), "\"abcdef\"");
  // A raw line ending in a string is one newline.
  EXPECT_EQ(show(read1("\"a\r\nb\nc\"")), "\"a\\xa;b\\xa;c\"");
}

TEST(Reader, StringErrors) {
  EXPECT_EQ(read_error("\n  \"abc"), "t.scm:2:3: unterminated string");
  EXPECT_EQ(read_error("\"a\\qb\""), "t.scm:1:3: bad escape \\q in string");
  EXPECT_EQ(read_error("\"a\\x41\""), "t.scm:1:3: bad \\x escape: expected hex digits and ';'");
  EXPECT_EQ(read_error("\"a\\x;\""), "t.scm:1:3: bad \\x escape: not a Unicode scalar value");
  EXPECT_EQ(read_error("\"a\\x110000;\""), "t.scm:1:3: bad \\x escape: not a Unicode scalar value");
  EXPECT_EQ(read_error("\"a\\  b\""), "t.scm:1:3: bad string escape: '\\' followed by spaces must end the line");
}

TEST(Reader, LiteralsAreImmutable) {
  EXPECT_TRUE(read1("\"abc\"").as_object()->immutable());
  EXPECT_TRUE(read1("#(1 2)").as_object()->immutable());
  EXPECT_TRUE(read1("#u8(1 2)").as_object()->immutable());
  Value v = read1("#(\"x\" #(1))");
  EXPECT_TRUE(vector_items(v)[0].as_object()->immutable());
  EXPECT_TRUE(vector_items(v)[1].as_object()->immutable());
}

// --- compound data -------------------------------------------------------------------

TEST(Reader, Lists) {
  EXPECT_EQ(read_shown("()"), "()");
  EXPECT_EQ(read_shown("( )"), "()");
  EXPECT_EQ(read_shown("(a b c)"), "(a b c)");
  EXPECT_EQ(read_shown("(a (b (c)) ())"), "(a (b (c)) ())");
  EXPECT_EQ(read_shown("(a . b)"), "(a . b)");
  EXPECT_EQ(read_shown("(a b . c)"), "(a b . c)");
  EXPECT_EQ(read_shown("(a . (b c))"), "(a b c)");
  EXPECT_EQ(read_shown("(a .b)"), "(a .b)");  // ".b" is an identifier
  EXPECT_EQ(read_shown("[a [b] (c)]"), "(a (b) (c))");
  EXPECT_EQ(read_shown("(a\"s\"b)"), "(a \"s\" b)");
}

TEST(Reader, Vectors) {
  EXPECT_EQ(read_shown("#()"), "#()");
  EXPECT_EQ(read_shown("#(1 #(2) (3 4) \"x\")"), "#(1 #(2) (3 4) \"x\")");
  EXPECT_TRUE(is_vector(read1("#(a)")));
}

TEST(Reader, Bytevectors) {
  EXPECT_EQ(read_shown("#u8()"), "#u8()");
  EXPECT_EQ(read_shown("#u8(0 1 255)"), "#u8(0 1 255)");
  EXPECT_EQ(read_shown("#U8(7)"), "#u8(7)");
  EXPECT_EQ(read_error("#u8(1 256)"), "t.scm:1:7: bytevector element must be an exact integer from 0 to 255");
  EXPECT_EQ(read_error("#u8(-1)"), "t.scm:1:5: bytevector element must be an exact integer from 0 to 255");
  EXPECT_EQ(read_error("#u8(a)"), "t.scm:1:5: bytevector element must be an exact integer from 0 to 255");
  EXPECT_EQ(read_error("#u8((1))"), "t.scm:1:5: bytevector element must be an exact integer from 0 to 255");
  EXPECT_EQ(read_error("#u8 (1)"), "t.scm:1:1: bad # syntax: #u8");
}

TEST(Reader, QuoteAbbreviations) {
  EXPECT_EQ(read_shown("'x"), "(quote x)");
  EXPECT_EQ(read_shown("`(a ,b ,@c)"), "(quasiquote (a (unquote b) (unquote-splicing c)))");
  EXPECT_EQ(read_shown("''x"), "(quote (quote x))");
  EXPECT_EQ(read_shown("'()"), "(quote ())");
  EXPECT_EQ(read_shown("(a . 'b)"), "(a quote b)");
  EXPECT_EQ(read_shown("' x"), "(quote x)");
  EXPECT_EQ(read_shown("'#(1)"), "(quote #(1))");
}

// --- comments ----------------------------------------------------------------------

TEST(Reader, Comments) {
  EXPECT_EQ(read_shown("; nothing\n a ; x\n b"), "a | b");
  EXPECT_EQ(read_shown("; only a comment"), "");
  EXPECT_EQ(read_shown("#| block |# a"), "a");
  EXPECT_EQ(read_shown("#| outer #| inner |# still |# a"), "a");
  EXPECT_EQ(read_shown("(a #| in |# b)"), "(a b)");
  EXPECT_EQ(read_shown("#|x|#a"), "a");
  EXPECT_EQ(read_shown("#|#|a|#|#b"), "b");
  EXPECT_EQ(read_error("a #| never |# #| closed"), "t.scm:1:15: unterminated block comment");
  EXPECT_EQ(read_error("#| #| |#"), "t.scm:1:1: unterminated block comment");
}

TEST(Reader, DatumComments) {
  EXPECT_EQ(read_shown("#;a b"), "b");
  EXPECT_EQ(read_shown("#; (a (b)) c"), "c");
  EXPECT_EQ(read_shown("(a #;b c)"), "(a c)");
  EXPECT_EQ(read_shown("(a #;b)"), "(a)");
  EXPECT_EQ(read_shown("#; #; a b c"), "c");
  EXPECT_EQ(read_shown("(#;#;#;1 2 3 4)"), "(4)");
  EXPECT_EQ(read_shown("#;'x y"), "y");
  EXPECT_EQ(read_shown("(a . #;b c)"), "(a . c)");
  EXPECT_EQ(read_shown("(a . b #;c)"), "(a . b)");
  EXPECT_EQ(read_shown("#(1 #;2 3)"), "#(1 3)");
  EXPECT_EQ(read_error("(a #;)"), "t.scm:1:6: expected a datum before ')'");
  EXPECT_EQ(read_error("a #;"), "t.scm:1:3: end of input after '#;': no datum to comment out");
}

TEST(Reader, ScriptLine) {
  EXPECT_EQ(read_shown("#!/usr/bin/env kiln\n(display 1)"), "(display 1)");
  EXPECT_EQ(read_shown("#! /usr/bin/env kiln\nx"), "x");
}

// --- datum labels ------------------------------------------------------------------

TEST(Reader, LabelsShareStructure) {
  Value v = read1("(#0=(x y) #0# #1=\"s\" #1#)");
  EXPECT_EQ(show(v), "((x y) (x y) \"s\" \"s\")");
  EXPECT_EQ(car(v), car(cdr(v)));
  EXPECT_EQ(car(cdr(cdr(v))), car(cdr(cdr(cdr(v)))));
}

TEST(Reader, CircularList) {
  Value q = read1("'#0=(a . #0#)");
  EXPECT_EQ(show(car(q)), "quote");
  Value l = car(cdr(q));
  ASSERT_TRUE(is_pair(l));
  EXPECT_EQ(car(l), intern("a"));
  EXPECT_EQ(cdr(l), l);
  EXPECT_EQ(list_length(l), -1);
}

TEST(Reader, CircularThroughCar) {
  Value l = read1("#0=(a #0# b)");
  EXPECT_EQ(car(cdr(l)), l);
  EXPECT_EQ(car(cdr(cdr(l))), intern("b"));
}

TEST(Reader, CircularVector) {
  Value v = read1("#0=#(1 #0# (2 #0#))");
  ASSERT_TRUE(is_vector(v));
  EXPECT_EQ(vector_items(v)[1], v);
  EXPECT_EQ(car(cdr(vector_items(v)[2])), v);
}

TEST(Reader, NestedLabels) {
  Value v = read1("#0=(#1=(p #0#) #1#)");
  Value inner = car(v);
  EXPECT_EQ(car(cdr(v)), inner);
  EXPECT_EQ(car(cdr(inner)), v);
  Value w = read1("#0=#1=(a #0# #1#)");  // two labels on one datum
  EXPECT_EQ(car(cdr(w)), w);
  EXPECT_EQ(car(cdr(cdr(w))), w);
  Value x = read1("#0=(#1=#0# #1#)");  // a label whose value is another's placeholder
  EXPECT_EQ(car(x), x);
  EXPECT_EQ(car(cdr(x)), x);
}

TEST(Reader, LabelsAreScopedToOneDatum) {
  EXPECT_EQ(read_error("#0=a #0#"), "t.scm:1:6: undefined datum label #0#");
}

TEST(Reader, LabelErrors) {
  EXPECT_EQ(read_error("(a #5#)"), "t.scm:1:4: undefined datum label #5#");
  EXPECT_EQ(read_error("(#1=a #1=b)"), "t.scm:1:7: datum label #1= defined twice");
  EXPECT_EQ(read_error("#0=#0#"), "t.scm:1:1: datum label #0= refers only to itself");
  EXPECT_EQ(read_error("#12x"), "t.scm:1:1: bad # syntax: expected '=' or '#' after the datum label #12");
  EXPECT_EQ(read_error("(#0=)"), "t.scm:1:5: expected a datum before ')'");
  EXPECT_EQ(read_error("#0="), "t.scm:1:1: end of input after datum label #0=");
}

// --- structural errors ---------------------------------------------------------------

TEST(Reader, UnexpectedClose) {
  EXPECT_EQ(read_error("a)"), "t.scm:1:2: unexpected ')'");
  EXPECT_EQ(read_error("(a))"), "t.scm:1:4: unexpected ')'");
  EXPECT_EQ(read_error("\n\n   ]"), "t.scm:3:4: unexpected ']'");
  EXPECT_EQ(read_error("(a]"), "t.scm:1:3: ']' does not match the '(' at line 1, column 1");
  EXPECT_EQ(read_error("[a)"), "t.scm:1:3: ')' does not match the '[' at line 1, column 1");
  EXPECT_EQ(read_error("#(a]"), "t.scm:1:4: ']' does not match the '(' at line 1, column 1");
  EXPECT_EQ(read_error("'   )"), "t.scm:1:5: expected a datum before ')'");
}

TEST(Reader, Unterminated) {
  EXPECT_EQ(read_error("(a b"), "t.scm:1:1: unterminated list: no ')' for this '('");
  EXPECT_EQ(read_error("(define (f)\n  (g x)\n  (h"), "t.scm:3:3: unterminated list: no ')' for this '('");
  EXPECT_EQ(read_error(" #(1 2"), "t.scm:1:2: unterminated vector: no ')' for this '#('");
  EXPECT_EQ(read_error("#u8(1"), "t.scm:1:1: unterminated bytevector: no ')' for this '#u8('");
  EXPECT_EQ(read_error("(a '"), "t.scm:1:4: end of input after a quote mark");
}

TEST(Reader, MisplacedDot) {
  EXPECT_EQ(read_error(". a"), "t.scm:1:1: unexpected '.'");
  EXPECT_EQ(read_error("(. a)"), "t.scm:1:2: unexpected '.'");
  EXPECT_EQ(read_error("(a . )"), "t.scm:1:6: expected a datum after '.'");
  EXPECT_EQ(read_error("(a . b c)"), "t.scm:1:8: expected ')' after the datum following '.'");
  EXPECT_EQ(read_error("(a . b . c)"), "t.scm:1:8: unexpected '.'");
  EXPECT_EQ(read_error("#(a . b)"), "t.scm:1:5: unexpected '.'");
  EXPECT_EQ(read_error("('. a)"), "t.scm:1:3: unexpected '.'");
}

TEST(Reader, BadHashSyntax) {
  EXPECT_EQ(read_error("#"), "t.scm:1:1: bad # syntax: '#' must be followed by a datum");
  EXPECT_EQ(read_error("(# a)"), "t.scm:1:2: bad # syntax: '#' must be followed by a datum");
  EXPECT_EQ(read_error("#hello"), "t.scm:1:1: bad # syntax: #hello");
}

TEST(Reader, VeryDeepNestingWorks) {
  // The reader is iterative: depth is bounded by memory, not the C++ stack.
  constexpr int kDepth = 100000;
  std::string text(kDepth, '(');
  text += "x";
  text += std::string(kDepth, ')');
  Value v = read1(text);
  int depth = 0;
  while (is_pair(v)) {
    v = car(v);
    ++depth;
  }
  EXPECT_EQ(depth, kDepth);
  EXPECT_EQ(v, intern("x"));
  std::string quotes(kDepth, '\'');
  quotes += "y";
  EXPECT_TRUE(is_pair(read1(quotes)));
  EXPECT_EQ(read_error(std::string(kDepth, '(')), "t.scm:1:100000: unterminated list: no ')' for this '('");
}

// --- locations -----------------------------------------------------------------------

TEST(Reader, SourceLocations) {
  runtime_init();
  Reader r("; header\n(define (f x)\n  (g  'x))\n", make_string("loc.scm"));
  Value form = r.read();
  uint32_t fid = srcloc_file("loc.scm");
  SrcLoc l = srcloc_of(form);
  EXPECT_EQ(l.file, fid);
  EXPECT_EQ(l.line, 2u);
  EXPECT_EQ(l.col, 1u);
  EXPECT_EQ(format_srcloc(l), "loc.scm:2:1");
  Value head = car(cdr(form));  // (f x)
  EXPECT_EQ(format_srcloc(srcloc_of(head)), "loc.scm:2:9");
  Value body = car(cdr(cdr(form)));  // (g 'x)
  EXPECT_EQ(format_srcloc(srcloc_of(body)), "loc.scm:3:3");
  Value quoted = car(cdr(body));  // (quote x), at the quote mark
  EXPECT_EQ(show(quoted), "(quote x)");
  EXPECT_EQ(format_srcloc(srcloc_of(quoted)), "loc.scm:3:7");
  // Later spine pairs carry their element's position.
  EXPECT_EQ(format_srcloc(srcloc_of(cdr(form))), "loc.scm:2:9");
  EXPECT_EQ(format_srcloc(srcloc_of(cdr(body))), "loc.scm:3:7");
  // Columns count code points.
  Reader r2("(λλ (a))", make_string("loc.scm"));
  EXPECT_EQ(format_srcloc(srcloc_of(car(cdr(r2.read())))), "loc.scm:1:5");
}

TEST(Reader, FirstLine) {
  runtime_init();
  Reader r("\n(a)", make_string("repl"), 10);
  EXPECT_EQ(format_srcloc(srcloc_of(r.read())), "repl:11:1");
  Reader bad("\n)", make_string("repl"), 10);
  try {
    bad.read();
    FAIL() << "no error";
  } catch (const SchemeRaise&) {
    EXPECT_EQ(string_to_utf8(g_thread->pending.as<ErrorObject>()->message), "repl:11:1: unexpected ')'");
  }
}

TEST(Reader, NoLocationsWithoutAFileName) {
  runtime_init();
  Reader r("(a b)", kFalse);
  Value v = r.read();
  EXPECT_FALSE(srcloc_of(v).known());
  try {
    Reader bad("  )", kFalse);
    bad.read();
    FAIL() << "no error";
  } catch (const SchemeRaise&) {
    EXPECT_EQ(string_to_utf8(g_thread->pending.as<ErrorObject>()->message), "<string>:1:3: unexpected ')'");
  }
}

// --- the Reader's other services ---------------------------------------------------------

TEST(Reader, Positions) {
  runtime_init();
  Reader r("(a)\n  b  ", file());
  r.read();
  EXPECT_EQ(r.line(), 1u);
  EXPECT_EQ(r.col(), 4u);
  EXPECT_EQ(r.offset(), 3u);
  EXPECT_EQ(r.read(), intern("b"));
  EXPECT_EQ(r.offset(), 7u);
  EXPECT_EQ(r.read(), kEof);
  EXPECT_EQ(r.read(), kEof);
}

TEST(Reader, IncompleteInput) {
  runtime_init();
  for (const char* text : {"(a", "\"abc", "#| x", "'", "#(1", "#\\", "|ab", "#;", "(a . "}) {
    Reader r(text, file());
    EXPECT_THROW(r.read(), SchemeRaise) << text;
    EXPECT_TRUE(r.incomplete()) << text;
  }
  for (const char* text : {")", "(a . b c)", "#\\bad", "\"\\q\""}) {
    Reader r(text, file());
    EXPECT_THROW(r.read(), SchemeRaise) << text;
    EXPECT_FALSE(r.incomplete()) << text;
  }
}

TEST(Reader, ContinuesAfterAnError) {
  runtime_init();
  Reader r("a ) b", file());
  EXPECT_EQ(r.read(), intern("a"));
  EXPECT_THROW(r.read(), SchemeRaise);
  EXPECT_EQ(r.read(), intern("b"));
}

TEST(Reader, ReadAll) {
  runtime_init();
  EXPECT_EQ(show(read_all("1 (2) #;3 \"four\" ; five", file())), "(1 (2) \"four\")");
  EXPECT_EQ(read_all("  ; nothing", file()), kNil);
}

TEST(Reader, InvalidUtf8ReadsAsReplacementCharacter) {
  EXPECT_EQ(show(read1("\"a\xff" "b\"")), "\"a\xEF\xBF\xBD" "b\"");
}

// --- primitives -------------------------------------------------------------------------

namespace {
Value call_prim(const char* name, Value arg) {
  runtime_init();
  Value p = builtin_primitive(name);
  Value argv[1] = {arg};
  return p.as<Primitive>()->fn(*g_thread, argv, 1);
}
}  // namespace

TEST(ReaderPrimitives, ReadStringAll) {
  EXPECT_EQ(show(call_prim("%read-string-all", make_string("(a . b) #t 'c"))), "((a . b) #t (quote c))");
  EXPECT_EQ(call_prim("%read-string-all", make_string("")), kNil);
  EXPECT_EQ(call_prim("%read-string-all", make_string("(")), kRaise);
  EXPECT_EQ(string_to_utf8(g_thread->pending.as<ErrorObject>()->message),
            "<string>:1:1: unterminated list: no ')' for this '('");
  EXPECT_EQ(call_prim("%read-string-all", Value::fixnum(3)), kRaise);
  EXPECT_EQ(g_thread->pending.as<ErrorObject>()->kind, intern("type-error"));
}

TEST(ReaderPrimitives, StringToDatum) {
  EXPECT_EQ(show(call_prim("%string->datum", make_string("(1 2) 3"))), "(1 2)");
  EXPECT_EQ(call_prim("%string->datum", make_string(" ; none")), kEof);
  EXPECT_EQ(call_prim("%string->datum", make_string("#\\nope")), kRaise);
}

// --- robustness -----------------------------------------------------------------------

TEST(Reader, RandomInputOnlyEverRaisesReadErrors) {
  // Random splices of syntax fragments: every outcome is data or a
  // read-error, never a crash or another kind of exception.
  runtime_init();
  const char* pieces[] = {"(", ")", "[", "]", "#(", "#u8(", "'", "`", ",", ",@", ".", " ", "#;", "#0=",
                          "#0#", "#1=", "#1#", "#|", "|#", "\"", "\\", "a", "1", "256", "#\\", "x41;",
                          ";", "\n", "#t", "|", "#!fold-case", "λ", "\xff", "#", "#x", "\\x", "\r"};
  constexpr size_t kPieces = sizeof pieces / sizeof pieces[0];
  uint64_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>(seed >> 33);
  };
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (size_t n = next() % 24; n > 0; --n) text += pieces[next() % kPieces];
    Reader r(text, file());
    for (int i = 0; i < 64; ++i) {
      try {
        if (r.read() == kEof) break;
      } catch (const SchemeRaise&) {
        ASSERT_EQ(g_thread->pending.as<ErrorObject>()->kind, intern("read-error")) << text;
        if (r.incomplete()) break;
      }
    }
  }
}
