#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "runtime/c_stack.h"
#include "runtime/gc.h"
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

// An allocation that fails ends the program as the collector's own
// out-of-memory does: a message and status 70, never an uncaught
// std::bad_alloc (abort, status 134). Both heaps: the collector's, which
// traceable_allocator containers (the expander's) use, and malloc's, which
// operator new uses. The sizes are impossible, so they fail at once.
using GcVector = std::vector<Value, traceable_allocator<Value>>;

TEST(HeapDeathTest, FailedAllocationExits70) {
#ifdef KILN_C_STACK_ASAN
  GTEST_SKIP() << "ASan's allocator reports an impossible size before it can fail";
#else
  runtime_init();
  EXPECT_EXIT(
      {
        GcVector values;
        values.reserve(size_t{1} << 58);
      },
      ::testing::ExitedWithCode(70), "kiln: out of memory");
  EXPECT_EXIT(
      {
        // Explicit calls, and the pointer kept: a new-expression whose
        // result is unused may be elided.
        volatile size_t impossible = size_t{1} << 62;
        void* volatile p = ::operator new(impossible);
        ::operator delete(p);
      },
      ::testing::ExitedWithCode(70), "kiln: out of memory");
#endif
}
