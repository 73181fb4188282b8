// Kiln's mid-level IR: one SSA function per lambda.
//
// A Function is a list of basic blocks. Blocks take parameters (SSA values
// defined on entry, in place of phi nodes) and end with exactly one
// terminator. Every value is a tagged Scheme word (value.h); the type
// inference and unboxing passes of the JIT issue add raw int64 and double
// values. Values are numbered densely per function (ValueId).
//
// The entry block's parameters are the closure itself (`self`), then the
// required arguments, then the rest list if the lambda has one. Heap
// constants live in `constants`, which the collector scans; instructions
// refer to them by index (`imm`), never by embedding a pointer.
//
// Invariants, checked by verify():
// - each value is defined once, and every use is dominated by its
//   definition (checked here only as "defined before use in block order,
//   or a parameter of a block that reaches the use");
// - a block's last instruction, and only it, is a terminator;
// - a jump passes exactly as many arguments as its target has parameters;
//   branch targets take none.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/gc.h"
#include "runtime/srcloc.h"

namespace kiln::ir {

using ValueId = uint32_t;
using BlockId = uint32_t;
inline constexpr ValueId kNoValue = UINT32_MAX;

// X(name, text, has_result, is_terminator, meaning)
// `imm` is a constant index (K), a free-variable slot or unused.
#define KILN_IR_OPS(X)                                                                                   \
  X(Const, "const", true, false, "K[imm]")                                                               \
  X(FreeRef, "free-ref", true, false, "free variable slot imm of the closure arg0")                      \
  X(GlobalRef, "global-ref", true, false, "the value of cell K[imm]; traps if unbound")                  \
  X(GlobalSet, "global-set!", false, false, "cell K[imm] := arg0; traps if unbound")                     \
  X(GlobalDef, "global-define", false, false, "cell K[imm] := arg0")                                     \
  X(MakeBox, "box", true, false, "a new box holding arg0")                                               \
  X(BoxRef, "box-ref", true, false, "the contents of box arg0")                                          \
  X(BoxSet, "box-set!", false, false, "box arg0 := arg1")                                                \
  X(MakeClosure, "closure", true, false, "a closure of child function imm over the args")                      \
  X(ClosureSet, "closure-set!", false, false, "slot imm of closure arg0 := arg1 (letrec patching)")      \
  X(Call, "call", true, false, "apply arg0 to the other args; may trap")                                 \
  X(CallPrim, "call-prim", true, false, "primitive K[imm] on the args, arity already checked; may trap") \
  X(Add, "add", true, false, "arg0 + arg1; fixnum fast path; traps on non-numbers; with imm 1 (JIT form), " \
    "an overflow recompiles without speculation and restarts the call with args 2.. as its arguments "  \
    "(jit/fixnum_guards.h)")                                                                              \
  X(Sub, "sub", true, false, "arg0 - arg1; imm as add's")                                                \
  X(Mul, "mul", true, false, "arg0 * arg1")                                                              \
  X(Lt, "lt", true, false, "arg0 < arg1 as a boolean")                                                   \
  X(Le, "le", true, false, "arg0 <= arg1")                                                               \
  X(Gt, "gt", true, false, "arg0 > arg1")                                                                \
  X(Ge, "ge", true, false, "arg0 >= arg1")                                                               \
  X(NumEq, "num-eq", true, false, "arg0 = arg1")                                                         \
  X(Car, "car", true, false, "car of arg0; traps on non-pairs")                                          \
  X(Cdr, "cdr", true, false, "cdr of arg0; traps on non-pairs")                                          \
  X(Cons, "cons", true, false, "a new pair (arg0 . arg1)")                                               \
  X(Eq, "eq", true, false, "eq? arg0 arg1")                                                              \
  X(Not, "not", true, false, "#t if arg0 is #f")                                                         \
  X(IsNull, "null?", true, false, "arg0 is ()")                                                          \
  X(IsPair, "pair?", true, false, "arg0 is a pair")                                                      \
  X(VectorRef, "vector-ref", true, false, "element arg1 of vector arg0; traps on bad index")             \
  X(VectorSet, "vector-set!", false, false, "element arg1 of vector arg0 := arg2")                       \
  X(FlBox, "fl-box", true, false, "a new flonum holding the raw double arg0 (JIT form only)")             \
  X(FlUnbox, "fl-unbox", true, false, "the raw double in flonum arg0 (JIT form only)")                   \
  X(FlRebox, "fl-rebox", true, false, "arg0 unless it is #f, else a new flonum holding the raw double "  \
    "arg1 (JIT form only: jit/raw_self_calls.h)")                                                         \
  X(FlGuard, "fl-guard", true, false, "the raw double in arg0; if it is not a flonum, recompile without " \
    "speculation and restart the call, with args 1.. as its arguments if there are any (JIT form)")    \
  X(FxGuard, "fx-guard", false, false, "unless args 0..imm-1 are fixnums, recompile without speculation and " \
    "restart the call with args imm.. as its arguments (JIT form: jit/fixnum_guards.h)")                  \
  X(IntShadow, "int-shadow", true, false, "a raw int32: the low 32 bits of (arg0 >> 1), which is arg0's value " \
    "if arg0 is an int32 fixnum; computed from a direct foreign call's C result when arg0 is that call's (JIT form)") \
  X(IntShadowUse, "int-arg", false, false, "the next instruction, a direct foreign call, may pass raw int32 arg1 " \
    "(arg0's shadow) for its foreign argument imm, arg0, once it checks that arg0 is arg1 tagged (JIT form)") \
  X(CallCCTail, "call/cc-tail", true, false, "the continuation of this function's caller, as (call/cc f) in "  \
    "tail position passes to f; allocates")                                                              \
  X(CallCC, "call/cc", true, true, "the continuation of this instruction, then on to target[0] (no "     \
    "parameters); a call of it (any number of times, now or later) delivers its value as the one "       \
    "parameter of target[1], with the frame as it was here; allocates")                                  \
  X(Jump, "jump", false, true, "to target[0], passing the args as its parameters")                       \
  X(Branch, "branch", false, true, "to target[0] if arg0 is not #f, else to target[1]")                  \
  X(Return, "return", false, true, "return arg0; arg1, if any, is #f when the activation was entered raw " \
    "and may return a raw double (JIT form: jit/raw_returns.h)")                                          \
  X(RawResult, "raw-result", false, true, "arg0 is the result of the call just before: if that call came back " \
    "raw, to target[0] with its double as the parameter (arg0 is then no value), else to target[1] (JIT form: " \
    "jit/raw_returns.h)")                                                                                 \
  X(TailCall, "tail-call", false, true, "apply arg0 to the other args in place of this frame")

enum class Op : uint8_t {
#define KILN_X(name, text, result, term, doc) name,
  KILN_IR_OPS(KILN_X)
#undef KILN_X
};

const char* op_name(Op op);
bool op_has_result(Op op);
bool op_is_terminator(Op op);
/// + - * (which take fixnums or doubles), and the numeric compares.
bool is_arith(Op op);
bool is_compare(Op op);

struct Inst {
  Op op;
  ValueId result = kNoValue;
  uint32_t imm = 0;
  std::vector<ValueId> args;
  BlockId target[2] = {0, 0};
  SrcLoc loc;
};

/// An instruction made by a pass (targets, if any, set by the caller).
Inst make_inst(Op op, ValueId result, std::vector<ValueId> args, SrcLoc loc, uint32_t imm = 0);

struct Block {
  std::vector<ValueId> params;
  std::vector<Inst> insts;
  /// Expected to run rarely: the JIT emits its code after the others'
  /// (jit/call_split.h), its values placed as if it had not moved.
  bool cold = false;
  bool terminated() const { return !insts.empty() && op_is_terminator(insts.back().op); }
};

struct Function {
  std::vector<Block> blocks;  // blocks[0] is the entry
  uint32_t num_values = 0;
  gc_vector<Value> constants;
  Value name = kFalse;
  SrcLoc loc;
  uint32_t nreq = 0;
  bool rest = false;
  /// value -> holds a raw double instead of a Scheme value. Empty (all
  /// tagged) except in the JIT's lowered form.
  std::vector<bool> raw;
  /// value -> the Scheme value whose int32 shadow (IntShadow) it is, or
  /// kNoValue. Empty except in the JIT's lowered form (jit/int_shadow.h).
  std::vector<ValueId> shadow_of;
  /// Empty, or (jit/raw_self_calls.h) where the raw entry finds each of
  /// block 1's parameters: >= 0, in that argument slot (slot 0 the
  /// closure; a raw parameter's slot holds the double's bits); -1, #f (the
  /// argument's box, which a raw call never made).
  std::vector<int32_t> raw_entry;
  /// Free variable i (FreeRef's imm) is a letrec-bound lambda's variable,
  /// never assigned: it holds a closure of that one lambda (or, read before
  /// the letrec initialized it, #<undefined>).
  std::vector<bool> known_free;
  /// For a closed lambda (ast::Lambda::closed): the index in `constants` of
  /// its one closure, made by the IR builder with a Proto that vm::emit
  /// fills in for this function (instead of allocating one). Else UINT32_MAX.
  uint32_t self_constant = UINT32_MAX;
  /// The lambdas nested directly in this one; MakeClosure's imm indexes here
  /// (a closed lambda is a child too, though no MakeClosure names it).

  std::vector<std::unique_ptr<Function>> children;

  ValueId new_value() { return num_values++; }
  BlockId new_block() {
    blocks.emplace_back();
    return static_cast<BlockId>(blocks.size() - 1);
  }
  /// Index of `v` in the constant table, adding it if new.
  uint32_t constant(Value v);
};

/// A copy of `f` without its children: what the JIT's passes rewrite, the
/// VM's IR staying as it is.
Function copy_without_children(const Function& f);

/// The inline op for a call to builtin primitive `name` with `argc`
/// arguments, or false.
bool inline_op_for(std::string_view name, size_t argc, Op* op);

/// Checks the invariants above; returns "" or a description of the first
/// violation (a compiler bug). `lowered`: f is the JIT's lowered form
/// (jit/unbox.h), which has no children of its own (MakeClosure's child is
/// the original's), so neither MakeClosure's imm nor children are checked.
std::string verify(const Function& f, bool lowered = false);

/// Whether to run verify on every function built (and, in the JIT, on
/// every lowered form): always in debug builds, and on request
/// (KILN_VERIFY=1) in release builds.
bool verify_enabled();

/// One instruction in the textual form, e.g. "v8 = sub v3 v7".
std::string dump_inst(const Inst& inst, const Function* f = nullptr);

/// The textual form, for --dump-ir and golden tests; with `nested` false,
/// without the functions nested in `f` (each is listed on its own).
std::string dump(const Function& f, bool nested = true);

}  // namespace kiln::ir
