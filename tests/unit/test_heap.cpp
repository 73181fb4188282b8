#include <gtest/gtest.h>

#include "runtime/heap.h"
#include "runtime/thread.h"

using namespace kiln;

TEST(Heap, FixnumRoundTrip) {
  EXPECT_EQ(Value::fixnum(-5).as_fixnum(), -5);
  EXPECT_EQ(Value::fixnum(Value::kFixnumMax).as_fixnum(), Value::kFixnumMax);
  EXPECT_TRUE(Value::fixnum(0).is_fixnum());
}

TEST(Heap, StringsAreCodePoints) {
  runtime_init();
  Value s = make_string("λx");
  EXPECT_EQ(string_length(s), 2);
  EXPECT_EQ(as_string(s)->chars[0], 0x3bbu);
  EXPECT_EQ(string_to_utf8(s), "λx");
}

TEST(Heap, SymbolsAreInterned) {
  runtime_init();
  EXPECT_EQ(intern("foo"), intern("foo"));
  EXPECT_NE(intern("foo"), intern("bar"));
}

TEST(Heap, ListLengthDetectsCycles) {
  runtime_init();
  Value l = list({Value::fixnum(1), Value::fixnum(2), Value::fixnum(3)});
  EXPECT_EQ(list_length(l), 3);
  set_cdr(cdr(cdr(l)), l);
  EXPECT_EQ(list_length(l), -1);
}
