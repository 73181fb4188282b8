// Macro expansion properties that Scheme-level tests cannot see directly:
// macros defined in another environment (as the prelude's and libraries'
// are), and strip_syntax on shared and cyclic data.
#include <gtest/gtest.h>

#include "expand/macro.h"
#include "runtime/env.h"
#include "runtime/heap.h"
#include "runtime/printer.h"
#include "runtime/thread.h"
#include "vm/eval.h"

using namespace kiln;

namespace {

class Macros : public ::testing::Test {
 protected:
  void SetUp() override {
    static bool initialized = false;
    if (!initialized) kiln_init();
    initialized = true;
  }

  /// Runs `text` in `env` and writes its last value.
  static std::string run(const char* text, Value env) {
    Value v = eval_text(text, "<test>", env);
    if (v == kRaise) return "raised: " + write_to_string(g_thread->pending, PrintMode::Display);
    return write_to_string(v, PrintMode::Write);
  }

  static Value renamed(const char* name) {
    Identifier* id = gc_new<Identifier>(Type::Identifier, sizeof(Identifier));
    id->name = intern(name);
    id->env = builtin_environment();
    id->scope = nullptr;
    id->binding = kFalse;
    return Value::object(id);
  }
};

bool holds_identifier(Value v, int depth = 0) {
  if (depth > 100) return false;
  if (is_renamed(v)) return true;
  if (is_pair(v)) return holds_identifier(car(v), depth + 1) || holds_identifier(cdr(v), depth + 1);
  if (is_vector(v))
    for (int64_t i = 0; i < vector_length(v); ++i)
      if (holds_identifier(vector_items(v)[i], depth + 1)) return true;
  return false;
}

}  // namespace

// A macro defined in the builtin environment (like a prelude macro) keeps
// meaning the builtin `list` and its own helper in a program that redefines
// both.
TEST_F(Macros, DefinitionEnvironmentWins) {
  Value builtin = builtin_environment();
  ASSERT_EQ(run("(define (%test-macro-helper) 'builtin-helper)"
                "(define-syntax %test-pair (syntax-rules () ((_ a b) (list a b (%test-macro-helper)))))"
                "'ok",
                builtin),
            "ok");
  Value program = make_program_environment();
  EXPECT_EQ(run("(define (list . xs) 'hijacked)"
                "(define (%test-macro-helper) 'program-helper)"
                "(%test-pair 1 2)",
                program),
            "(1 2 builtin-helper)");
  EXPECT_EQ(run("(list 1 2)", program), "hijacked");
}

// Quoted data from a template holds symbols only.
TEST_F(Macros, QuotedDataHasNoIdentifiers) {
  Value program = make_program_environment();
  Value v = eval_text("(define-syntax m (syntax-rules () ((_ x) '(a #(b x) (c . d) `e))))"
                      "(m y)",
                      "<test>", program);
  ASSERT_NE(v, kRaise);
  EXPECT_FALSE(holds_identifier(v));
  EXPECT_EQ(write_to_string(v, PrintMode::Write), "(a #(b y) (c . d) `e)");
}

TEST_F(Macros, StripSyntaxLeavesPlainDataAlone) {
  Value datum = list({intern("a"), make_vector(2, intern("b")), list({Value::fixnum(1)})});
  EXPECT_EQ(strip_syntax(datum), datum);
  EXPECT_EQ(strip_syntax(renamed("x")), intern("x"));
}

TEST_F(Macros, StripSyntaxKeepsSharingAndCycles) {
  // shared = (x), whole = (shared shared . #0#) with a cycle back to whole.
  Value shared = list({renamed("x")});
  Value whole = cons(shared, cons(shared, kNil));
  set_cdr(cdr(whole), whole);
  Value s = strip_syntax(whole);
  ASSERT_NE(s, whole);
  EXPECT_EQ(car(car(s)), intern("x"));
  EXPECT_EQ(car(s), car(cdr(s)));  // still shared
  EXPECT_EQ(cdr(cdr(s)), s);       // still cyclic
  EXPECT_TRUE(is_renamed(car(shared)));  // the original is untouched
}
