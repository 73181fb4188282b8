// The compiler stages one at a time: expand -> analyze -> ir::build ->
// verify -> vm::emit -> vm::apply, and the JIT on the same IR.
#include <gtest/gtest.h>

#include "analyze/analyze.h"
#include "expand/expander.h"
#include "ir/build.h"
#include "ir/ir.h"
#include "jit/jit.h"
#include "read/reader.h"
#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/tier.h"
#include "vm/emit.h"
#include "vm/eval.h"
#include "vm/interp.h"

using namespace kiln;

namespace {

class Compiler : public ::testing::Test {
 protected:
  void SetUp() override {
    static bool initialized = false;
    if (!initialized) kiln_init();
    initialized = true;
    env_ = make_program_environment();
  }

  /// The analyzed top-level lambda of one form.
  ast::Lambda* front_end(const std::string& text) {
    std::string keep = text;
    Reader reader(keep, kFalse);
    Value form = reader.read();
    ast::Node* body = expand_toplevel(form, env_);
    auto* top = gc_make<ast::Lambda>(body->loc);
    top->body = body;
    analyze(top);
    return top;
  }

  Value env_ = kFalse;
};

const ir::Function& only_child(const ir::Function& f) { return *f.children.at(0); }

bool has_op(const ir::Function& f, ir::Op op) {
  for (const ir::Block& b : f.blocks)
    for (const ir::Inst& inst : b.insts)
      if (inst.op == op) return true;
  return false;
}

}  // namespace

TEST_F(Compiler, AnalyzerBoxesOnlyCapturedAndAssigned) {
  ast::Lambda* top = front_end("(lambda (a b) (set! a 1) (lambda () (set! b 2) a))");
  auto* outer = static_cast<ast::Lambda*>(top->body);
  ASSERT_EQ(outer->kind, ast::Kind::Lambda);
  ast::Var* a = outer->params[0];
  ast::Var* b = outer->params[1];
  EXPECT_TRUE(a->assigned && a->captured);
  EXPECT_TRUE(b->assigned && b->captured);
  EXPECT_TRUE(a->boxed() && b->boxed());
  ast::Lambda* inner = front_end("(lambda (x) (set! x 1) x)");
  ast::Var* x = static_cast<ast::Lambda*>(inner->body)->params[0];
  EXPECT_TRUE(x->assigned);
  EXPECT_FALSE(x->captured);
  EXPECT_FALSE(x->boxed());  // stays an SSA value
}

TEST_F(Compiler, SelfTailCallBecomesLoop) {
  auto f = ir::build(front_end("(define (count n) (if (= n 0) 'done (count (- n 1))))"));
  EXPECT_EQ(ir::verify(*f), "");
  // `count` is global here, so the call goes through its cell: a tail call.
  EXPECT_TRUE(has_op(only_child(*f), ir::Op::TailCall));
  setenv("KILN_CONTIFY", "1", 1);  // (on by default; the environment may say 0)
  auto g = ir::build(front_end("(define (f n) (let loop ((i n)) (if (= i 0) 'done (loop (- i 1)))))"));
  EXPECT_EQ(ir::verify(*g), "");
  // The named let is contified: its blocks are f's, with no closure.
  const ir::Function& fn = only_child(*g);
  EXPECT_TRUE(fn.children.empty());
  EXPECT_FALSE(has_op(fn, ir::Op::MakeClosure));
  EXPECT_FALSE(has_op(fn, ir::Op::TailCall));  // jumps to the loop's header instead
  EXPECT_TRUE(has_op(fn, ir::Op::Sub));        // (- i 1) is inline
  // A loop that escapes keeps its own function, where the self tail call
  // is still a jump.
  auto h = ir::build(front_end("(define (f n) (let loop ((i n)) (if (= i 0) loop (loop (- i 1)))))"));
  EXPECT_EQ(ir::verify(*h), "");
  const ir::Function& loop = only_child(only_child(*h));
  EXPECT_FALSE(has_op(loop, ir::Op::TailCall));
  EXPECT_TRUE(has_op(loop, ir::Op::Sub));
  unsetenv("KILN_CONTIFY");
}

TEST_F(Compiler, VerifierRejectsBrokenIr) {
  auto f = ir::build(front_end("(lambda (x) x)"));
  ir::Function& child = *f->children.at(0);
  EXPECT_EQ(ir::verify(*f), "");
  child.blocks[1].insts.back().args[0] = 999;  // a use of an undefined value
  EXPECT_NE(ir::verify(*f), "");
}

TEST_F(Compiler, VmAndJitComputeTheSame) {
  auto f = ir::build(front_end("(lambda (n acc) (if (= n 0) acc (+ n acc)))"));
  Proto* top = vm::emit(*f);
  Value closure = vm::apply(*g_thread, vm::make_toplevel_closure(top), nullptr, 0);
  ASSERT_TRUE(is_closure(closure));
  Value args[] = {Value::fixnum(5), Value::fixnum(37)};
  EXPECT_EQ(vm::apply(*g_thread, closure, args, 2), Value::fixnum(42));
  Proto* p = closure.as<Closure>()->proto;
  ASSERT_TRUE(jit::compile(p));
  EXPECT_NE(p->native_entry, nullptr);
  EXPECT_EQ(vm::apply(*g_thread, closure, args, 2), Value::fixnum(42));
  // Overflow leaves the fixnum fast path for a bignum, in machine code too.
  Value big[] = {Value::fixnum(Value::kFixnumMax), Value::fixnum(1)};
  Value sum = vm::apply(*g_thread, closure, big, 2);
  EXPECT_TRUE(has_type(sum, Type::Bignum));
  f.release();  // the Protos point into the IR, as in the compile driver
}

TEST_F(Compiler, ErrorsInMachineCodeComeBackAsRaise) {
  Value v = eval_text("(define (first x) (car x)) (jit-compile! first) (first 5)", "<test>", env_);
  EXPECT_EQ(v, kRaise);
  ASSERT_TRUE(is_error_object(g_thread->pending));
  EXPECT_EQ(string_to_utf8(g_thread->pending.as<ErrorObject>()->message), "car: expected pair as argument 1");
  g_thread->pending = kFalse;
  g_thread->pending_backtrace = kNil;
}
