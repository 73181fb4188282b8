#include "vm/interp.h"

#include <cstring>

#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/numbers.h"
#include "runtime/primitive.h"
#include "vm/opcodes.h"

namespace kiln::vm {

namespace {

Value g_apply_prim = kFalse;  // set by interp_init; a root via the builtin env

/// How a call was reached: it decides what happens to the caller's frame.
enum class CallKind { Normal, Tail, Entry };

[[noreturn]] void arity_error(Value f, uint32_t got) {
  std::string name = "#<procedure>";
  std::string expected;
  if (is_closure(f)) {
    Proto* p = f.as<Closure>()->proto;
    name = proto_display_name(p);
    expected = (p->rest ? "at least " : "") + std::to_string(p->nreq);
  } else if (is_primitive(f)) {
    auto* prim = f.as<Primitive>();
    name = prim->name;
    if (prim->max_args < 0)
      expected = "at least " + std::to_string(prim->min_args);
    else if (prim->max_args == prim->min_args)
      expected = std::to_string(prim->min_args);
    else
      expected = "between " + std::to_string(prim->min_args) + " and " + std::to_string(prim->max_args);
  } else {
    expected = "a different number";
  }
  error_of_kind("arity-error", name + ": wrong number of arguments (expected " + expected + ", got " +
                                   std::to_string(got) + ")",
                {f});
}

/// Records, innermost first, "name (file:line:col)" for each VM frame down
/// to (not including) `bottom`. A runaway recursion has millions of frames:
/// only the innermost kBacktraceInner and the outermost kBacktraceOuter are
/// kept, with a line saying how many were left out.
Value capture_backtrace(Thread& t, Frame* bottom) {
  constexpr ptrdiff_t kBacktraceInner = 20, kBacktraceOuter = 5;
  auto describe = [](const Frame* f) {
    std::string line = proto_display_name(f->proto);
    SrcLoc loc = proto_loc_at(f->proto, f->pc);
    // A line in the prelude (all of lib/prelude/*.scm read as one text)
    // means little to a user and moves whenever the prelude changes, which
    // would make every expected error output that passes through it stale:
    // name the builtin procedure only.
    std::string where = loc.known() && srcloc_file_name(loc.file) == "<prelude>" ? "<prelude>" : format_srcloc(loc);
    if (!where.empty()) line += " (" + where + ")";
    return make_string(line);
  };
  ptrdiff_t count = t.frames_top - bottom;
  Value lines = kNil;
  for (Frame* f = bottom; f < t.frames_top; ++f) {
    ptrdiff_t from_bottom = f - bottom;
    if (count > kBacktraceInner + kBacktraceOuter && from_bottom == kBacktraceOuter) {
      ptrdiff_t skipped = count - kBacktraceInner - kBacktraceOuter;
      lines = cons(make_string("... " + std::to_string(skipped) + " more frames ..."), lines);
      f += skipped - 1;
      continue;
    }
    lines = cons(describe(f), lines);
  }
  return lines;
}

}  // namespace

Value make_toplevel_closure(Proto* p) {
  auto* c = gc_new<Closure>(Type::Closure, sizeof(Closure), 0);
  c->proto = p;
  return Value::object(c);
}

// Dispatch: computed goto. Each handler ends with NEXT(words), which
// advances past its own instruction; `pc` stays at the instruction's start
// while it runs (the raise path relies on that).
#define DISPATCH() goto* kLabels[*pc & 0xff]
#define NEXT(words) \
  do {              \
    pc += (words);  \
    DISPATCH();     \
  } while (0)
#define R(i) fp[i]
#define A word_a(pc[0])

Value apply(Thread& t, Value f, const Value* args, uint32_t argc) {
  static void* const kLabels[] = {
#define KILN_X(name, words, doc) &&op_##name,
      KILN_OPCODES(KILN_X)
#undef KILN_X
  };

  Value* const saved_sp = t.sp;
  Frame* const entry_frame = t.frames_top;
  Value* fp = nullptr;
  const uint32_t* pc = nullptr;
  Proto* proto = nullptr;
  Value* K = nullptr;

  // The pending call: callee in newfp[0], arguments after it.
  Value* newfp = t.sp;
  uint32_t nargs = argc;
  CallKind kind = CallKind::Entry;
  uint32_t dst = 0;  // the caller's result register, for CallKind::Normal
  Value result;

  try {
    if (newfp + argc + 1 > t.stack_limit) error("stack overflow (recursion too deep)");
    newfp[0] = f;
    for (uint32_t i = 0; i < argc; ++i) newfp[1 + i] = args[i];
    goto call;

  call: {
    // The arguments must be visible to the collector from here on.
    if (t.sp < newfp + nargs + 1) t.sp = newfp + nargs + 1;
    Value callee = newfp[0];
    if (is_closure(callee)) {
      Proto* p = callee.as<Closure>()->proto;
      if (nargs != p->nreq) {
        if (!p->rest || nargs < p->nreq) arity_error(callee, nargs);
      }
      if (p->rest) {
        Value rest = kNil;
        for (uint32_t i = nargs; i > p->nreq; --i) rest = cons(newfp[i], rest);
        newfp[p->nreq + 1] = rest;
      }
      if (newfp + p->frame_size > t.stack_limit || t.frames_top >= t.frames_limit)
        error("stack overflow (recursion too deep)");
      switch (kind) {
        case CallKind::Normal:
          t.frames_top[-1].pc = pc + instruction_words(pc);
          t.frames_top[-1].result_reg = dst;
          *t.frames_top++ = Frame{newfp, nullptr, p, 0, 0};
          break;
        case CallKind::Tail:
          t.frames_top[-1].proto = p;
          break;
        case CallKind::Entry:
          *t.frames_top++ = Frame{newfp, nullptr, p, 0, kFrameBoundary};
          break;
      }
      fp = newfp;
      proto = p;
      K = p->constants;
      pc = p->code;
      t.sp = fp + p->frame_size;
      ++p->calls;
      DISPATCH();
    }
    if (is_primitive(callee)) {
      auto* prim = callee.as<Primitive>();
      if (nargs < static_cast<uint32_t>(prim->min_args) ||
          (prim->max_args >= 0 && nargs > static_cast<uint32_t>(prim->max_args)))
        arity_error(callee, nargs);
      if (callee == g_apply_prim) {
        // (apply f a ... list): spread the list and call f in the same kind.
        Value list = newfp[nargs];
        int64_t n = list_length(list);
        if (n < 0) type_error("apply", static_cast<int>(nargs), "proper list", list);
        if (newfp + nargs + n > t.stack_limit) error("apply: too many arguments");
        std::memmove(newfp, newfp + 1, (nargs - 1) * sizeof(Value));
        uint32_t fixed = nargs - 2;
        for (int64_t i = 0; i < n; ++i, list = cdr(list)) newfp[1 + fixed + i] = car(list);
        nargs = fixed + static_cast<uint32_t>(n);
        goto call;
      }
      result = prim->fn(t, newfp + 1, nargs);
      if (result == kRaise) goto raise;
      switch (kind) {
        case CallKind::Normal:
          R(dst) = result;
          NEXT(instruction_words(pc));
        case CallKind::Tail:
          goto do_return;
        case CallKind::Entry:
          t.sp = saved_sp;
          return result;
      }
    }
    if (has_type(callee, Type::CaseLambda)) {
      auto* cl = callee.as<CaseLambda>();
      for (uint64_t i = 0; i < cl->size(); ++i) {
        Proto* p = cl->clauses[i].as<Closure>()->proto;
        if (nargs == p->nreq || (p->rest && nargs >= p->nreq)) {
          newfp[0] = cl->clauses[i];
          goto call;
        }
      }
      error_of_kind("arity-error", "case-lambda: no clause accepts " + std::to_string(nargs) + " arguments",
                    {callee});
    }
    error_of_kind("type-error", "attempt to call a non-procedure", {callee});
  }

  op_MOV:
    R(A) = R(pc[1]);
    NEXT(2);
  op_CONST:
    R(A) = K[pc[1]];
    NEXT(2);
  op_GREF: {
    Value v = K[pc[1]].as<Cell>()->value;
    if (v == kUnbound) error("unbound variable", {K[pc[1]].as<Cell>()->name});
    R(A) = v;
    NEXT(2);
  }
  op_GSET: {
    Cell* cell = K[pc[1]].as<Cell>();
    if (cell->value == kUnbound) error("set!: unbound variable", {cell->name});
    cell->value = R(A);
    NEXT(2);
  }
  op_GDEF:
    K[pc[1]].as<Cell>()->value = R(A);
    NEXT(2);
  op_FREF:
    R(A) = R(pc[1]).as<Closure>()->free[pc[2]];
    NEXT(3);
  op_BOX:
    R(A) = make_box(R(pc[1]));
    NEXT(2);
  op_UNBOX:
    R(A) = R(pc[1]).as<Box>()->value;
    NEXT(2);
  op_SETBOX:
    R(A).as<Box>()->value = R(pc[1]);
    NEXT(2);
  op_CLOSURE: {
    uint32_t n = pc[2];
    auto* c = gc_new<Closure>(Type::Closure, sizeof(Closure) + n * sizeof(Value), n);
    c->proto = K[pc[1]].as<Proto>();
    for (uint32_t i = 0; i < n; ++i) c->free[i] = R(pc[3 + i]);
    R(A) = Value::object(c);
    NEXT(3 + n);
  }
  op_PATCH:
    R(A).as<Closure>()->free[pc[1]] = R(pc[2]);
    NEXT(3);
  op_JMP:
    pc = proto->code + A;
    DISPATCH();
  op_LOOP:
    ++proto->backedges;
    pc = proto->code + A;
    DISPATCH();
  op_BRF:
    if (R(A) == kFalse) {
      pc = proto->code + pc[1];
      DISPATCH();
    }
    NEXT(2);
  op_BRT:
    if (R(A) != kFalse) {
      pc = proto->code + pc[1];
      DISPATCH();
    }
    NEXT(2);
  op_CALL: {
    uint32_t n = pc[1];
    newfp = fp + proto->nregs;
    newfp[0] = R(pc[2]);
    for (uint32_t i = 0; i < n; ++i) newfp[1 + i] = R(pc[3 + i]);
    nargs = n;
    dst = A;
    kind = CallKind::Normal;
    goto call;
  }
  op_TAILCALL: {
    uint32_t n = A;
    Value* out = fp + proto->nregs;
    out[0] = R(pc[1]);
    for (uint32_t i = 0; i < n; ++i) out[1 + i] = R(pc[2 + i]);
    std::memmove(fp, out, (n + 1) * sizeof(Value));
    newfp = fp;
    nargs = n;
    kind = CallKind::Tail;
    goto call;
  }
  op_PRIM: {
    uint32_t n = pc[2];
    Value* out = fp + proto->nregs;
    for (uint32_t i = 0; i < n; ++i) out[i] = R(pc[3 + i]);
    result = K[pc[1]].as<Primitive>()->fn(t, out, n);
    if (result == kRaise) goto raise;
    R(A) = result;
    NEXT(3 + n);
  }
  op_RET:
    result = R(A);
  do_return: {
    Frame* done = --t.frames_top;
    if (done->flags & kFrameBoundary) {
      t.sp = saved_sp;
      return result;
    }
    Frame& caller = t.frames_top[-1];
    fp = caller.fp;
    proto = caller.proto;
    K = proto->constants;
    pc = caller.pc;
    fp[caller.result_reg] = result;
    t.sp = fp + proto->frame_size;
    DISPATCH();
  }

// Fixnum fast paths: both tags 0, and no overflow on the tagged words.
#define ARITH(name, builtin, generic)                                          \
  op_##name : {                                                                \
    Value a = R(pc[1]), b = R(pc[2]);                                          \
    int64_t r;                                                                 \
    if (((a.raw | b.raw) & 1) == 0 &&                                          \
        !builtin(static_cast<int64_t>(a.raw), static_cast<int64_t>(b.raw), &r)) \
      R(A) = Value::from_raw(static_cast<uint64_t>(r));                        \
    else                                                                       \
      R(A) = generic(a, b);                                                    \
    NEXT(3);                                                                   \
  }
    ARITH(ADD, __builtin_add_overflow, num_add)
    ARITH(SUB, __builtin_sub_overflow, num_sub)
  op_MUL: {
    Value a = R(pc[1]), b = R(pc[2]);
    int64_t r;
    if (((a.raw | b.raw) & 1) == 0 && !__builtin_mul_overflow(a.as_fixnum(), static_cast<int64_t>(b.raw), &r))
      R(A) = Value::from_raw(static_cast<uint64_t>(r));
    else
      R(A) = num_mul(a, b);
    NEXT(3);
  }
#define COMPARE(name, op, generic)                                                          \
  op_##name : {                                                                             \
    Value a = R(pc[1]), b = R(pc[2]);                                                       \
    if (((a.raw | b.raw) & 1) == 0)                                                         \
      R(A) = Value::boolean(static_cast<int64_t>(a.raw) op static_cast<int64_t>(b.raw));    \
    else                                                                                    \
      R(A) = Value::boolean(generic(a, b));                                                 \
    NEXT(3);                                                                                \
  }
    COMPARE(LT, <, num_lt)
    COMPARE(LE, <=, num_le)
    COMPARE(GT, >, num_gt)
    COMPARE(GE, >=, num_ge)
    COMPARE(NUMEQ, ==, num_eq)
  op_CAR: {
    Value v = R(pc[1]);
    if (!is_pair(v)) type_error("car", 1, "pair", v);
    R(A) = car(v);
    NEXT(2);
  }
  op_CDR: {
    Value v = R(pc[1]);
    if (!is_pair(v)) type_error("cdr", 1, "pair", v);
    R(A) = cdr(v);
    NEXT(2);
  }
  op_CONS:
    R(A) = cons(R(pc[1]), R(pc[2]));
    NEXT(3);
  op_EQ:
    R(A) = Value::boolean(R(pc[1]) == R(pc[2]));
    NEXT(3);
  op_NOT:
    R(A) = Value::boolean(R(pc[1]) == kFalse);
    NEXT(2);
  op_NULLP:
    R(A) = Value::boolean(R(pc[1]) == kNil);
    NEXT(2);
  op_PAIRP:
    R(A) = Value::boolean(is_pair(R(pc[1])));
    NEXT(2);
  op_VREF: {
    Value v = R(pc[1]), i = R(pc[2]);
    if (!is_vector(v)) type_error("vector-ref", 1, "vector", v);
    if (!i.is_fixnum()) type_error("vector-ref", 2, "exact integer", i);
    if (static_cast<uint64_t>(i.as_fixnum()) >= static_cast<uint64_t>(vector_length(v))) range_error("vector-ref", i, v);
    R(A) = vector_items(v)[i.as_fixnum()];
    NEXT(3);
  }
  op_VSET: {
    Value v = R(A), i = R(pc[1]);
    if (!is_vector(v)) type_error("vector-set!", 1, "vector", v);
    if (!i.is_fixnum()) type_error("vector-set!", 2, "exact integer", i);
    if (static_cast<uint64_t>(i.as_fixnum()) >= static_cast<uint64_t>(vector_length(v))) range_error("vector-set!", i, v);
    if (v.as_object()->immutable()) error("vector-set!: cannot modify a literal constant", {v});
    vector_items(v)[i.as_fixnum()] = R(pc[2]);
    NEXT(3);
  }
  } catch (const SchemeRaise&) {
    goto raise;
  }

raise:
  // An exception nobody handles inside this activation: note where it
  // happened, unwind to the entry and hand it to the C++ caller.
  if (t.frames_top > entry_frame && pc) t.frames_top[-1].pc = pc + 1;
  if (t.pending_backtrace == kNil) t.pending_backtrace = capture_backtrace(t, entry_frame);
  t.frames_top = entry_frame;
  t.sp = saved_sp;
  return kRaise;
}

KILN_PRIMITIVE(prim_apply, "apply", 1, -1, "(apply proc arg ... list): calls proc with the args and the list's elements.") {
  // Never reached: the interpreter spreads the arguments itself.
  error("apply: internal error");
}

void interp_init() {
  g_apply_prim = builtin_primitive("apply");
  g_apply_prim.as<Primitive>()->control = true;
}

}  // namespace kiln::vm
