#include "vm/interp.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "runtime/cell_watch.h"
#include "runtime/env.h"
#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/numbers.h"
#include "runtime/primitive.h"
#include "runtime/tier.h"
#include "vm/continuation.h"
#include "vm/opcodes.h"

namespace kiln::vm {

namespace {

// The control primitives, set by interp_init (roots via the builtin env).
Value g_apply_prim = kFalse;
Value g_run_on_tier_prim = kFalse;
Value g_callcc_prim = kFalse;
Value g_callcc_short_prim = kFalse;
Value g_raise_continuable_prim = kFalse;
// The builtin cells of the prelude procedures the interpreter calls: the
// handler invoker and the dynamic-wind traveller (lib/prelude/01-control.scm).
Value g_raise_handler_cell = kFalse;
Value g_throw_cell = kFalse;

/// How a call was reached: it decides what happens to the caller's frame.
/// NativeNormal is a call handed over by machine code, whose frame already
/// records its return address.
enum class CallKind { Normal, NativeNormal, Tail, Entry };

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
  auto describe = [&t](const Frame* at) {
    Frame f = frame_at(t, at);  // a sealed frame's copy in place may be stale
    return backtrace_line(proto_display_name(f.proto), proto_loc_at(f.proto, f.pc, f.flags & kFrameNative));
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

bool in_stack_reserve(const Thread& t) { return t.stack_limit > t.stack_alt_limit; }

void swap_stack_limits(Thread& t) {
  std::swap(t.stack_limit, t.stack_alt_limit);
  std::swap(t.frames_limit, t.frames_alt_limit);
  t.small_frame_fp_limit = t.stack_limit - kSmallFrameValues;
}

/// Raises "stack overflow". The first overflow moves into the stack reserve
/// so a handler can run; an overflow inside the reserve cannot be handled
/// (`*fatal` tells the raise path to skip the handlers).
[[noreturn]] void stack_overflow(Thread& t, bool* fatal) {
  if (!enter_stack_reserve(t)) *fatal = true;
  error("stack overflow (recursion too deep)");
}

/// Makes `t.entry_frame` name this activation's entry frame while it runs,
/// and the enclosing activation's again however it ends.
class EntryFrameScope {
 public:
  EntryFrameScope(Thread& t, Frame* entry) : t_(t), saved_(t.entry_frame) { t.entry_frame = entry; }
  ~EntryFrameScope() { t_.entry_frame = saved_; }
  EntryFrameScope(const EntryFrameScope&) = delete;
  EntryFrameScope& operator=(const EntryFrameScope&) = delete;

 private:
  Thread& t_;
  Frame* saved_;
};

/// After a tail call's arguments were staged at `out` and moved down to
/// `fp`, clears the staged copies the move did not overwrite: the callee's
/// frame may extend over them, and stale copies would keep (say) the head of
/// a stream alive for as long as it runs. Safe for space.
inline void clear_staging(Value* fp, Value* out, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i)
    if (out + i >= fp + count) out[i] = kFalse;
}

}  // namespace

Value backtrace_line(const std::string& name, SrcLoc loc) {
  // A line in the prelude (all of lib/prelude/*.scm read as one text)
  // means little to a user and moves whenever the prelude changes, which
  // would make every expected error output that passes through it stale:
  // name the builtin procedure only.
  std::string where = loc.known() && srcloc_file_name(loc.file) == "<prelude>" ? "<prelude>" : format_srcloc(loc);
  return make_string(where.empty() ? name : name + " (" + where + ")");
}

bool enter_stack_reserve(Thread& t) {
  if (in_stack_reserve(t)) return false;
  swap_stack_limits(t);
  return true;
}

void leave_stack_reserve_if_below(Thread& t) {
  if (in_stack_reserve(t) && live_stack_top(t) < t.stack_alt_limit && t.frames_top < t.frames_alt_limit) swap_stack_limits(t);
}

void after_reinstate(Thread& t) {
  if (t.frames_top > t.frames_base) {
    Frame top = frame_at(t, t.frames_top - 1);  // sealed or not, as it logically is
    if (top.proto)
      t.sp = top.fp + ((top.flags & kFrameNative) ? top.proto->native_frame_size : top.proto->frame_size);
  }
  leave_stack_reserve_if_below(t);
}

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

  // Entered from machine code, whose frames may lie above t.sp: sp is
  // brought up to them while this activation runs, and put back as it was
  // when it returns, so that it is never left above frames machine code
  // then returns from (machine code does not lower it: see live_stack_top).
  Value* const caller_sp = t.sp;
  sync_sp(t);
  Frame* const entry_frame = t.frames_top;
  EntryFrameScope entry_scope(t, entry_frame);
  // The seal as the enclosing activation left it. A capture in this one
  // also seals the frames below entry_frame, among them the one waiting on
  // the C++ that entered here (a foreign call): they run on in place once
  // this activation is left, unsealed, however it is left. A continuation
  // of this activation cannot be called from outside it, so their copies
  // are never loaded, and nothing here writes them: leaving puts the seal
  // back down to this limit.
  Frame* const outer_seal_limit = t.seal_limit;
  // The dynamic state to put back if an uncaught exception unwinds this
  // activation (C++ locals: on the C stack, so the collector sees them).
  const Value saved_winders = t.winders;
  const Value saved_handlers = t.handlers;
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
  JitStatus status;
  bool force_vm = false;  // set by run-on-tier for the next closure entry
  bool started = false;
  bool fatal = false;  // an exception no Scheme handler may see

  // Each pass of this loop enters the try block at `call`: first for `f`,
  // then once per exception handed to a Scheme handler (the raise path
  // below turns the exception into a call of the handler invoker).
  for (;;) {
    try {
      if (!started) {
        started = true;
        if (newfp + argc + 1 > t.stack_limit) stack_overflow(t, &fatal);
        newfp[0] = f;
        for (uint32_t i = 0; i < argc; ++i) newfp[1 + i] = args[i];
      }
      goto call;

    call: {
      // The arguments must be visible to the collector from here on.
      if (t.sp < newfp + nargs + 1) t.sp = newfp + nargs + 1;
      Value callee = newfp[0];
      if (is_closure(callee)) {
        Proto* p = callee.as<Closure>()->proto;
        if (!p->native_entry && g_tier.mode != JitMode::Off && g_tier.compile && !p->jit_failed &&
            !p->jit_forbidden && (g_tier.mode == JitMode::Eager || p->calls >= g_tier.threshold))
          g_tier.compile(p, newfp, nargs + 1);
        bool native = p->native_entry && !force_vm;
        force_vm = false;
        if (native) {
          // Machine code checks the arity and the value stack itself (jit.h).
          if (t.frames_top >= t.frames_limit) stack_overflow(t, &fatal);
        } else {
          ++g_tier.stats.vm_entries;
          if (nargs != p->nreq) {
            if (!p->rest || nargs < p->nreq) arity_error(callee, nargs);
          }
          if (p->rest) {
            Value rest = kNil;
            for (uint32_t i = nargs; i > p->nreq; --i) rest = cons(newfp[i], rest);
            newfp[p->nreq + 1] = rest;
          }
          if (newfp + p->frame_size > t.stack_limit || t.frames_top >= t.frames_limit) stack_overflow(t, &fatal);
        }
        // A record pushed for machine code starts with a null proto: the
        // callee claims it once its own checks pass.
        Proto* owner = native ? nullptr : p;
        switch (kind) {
          case CallKind::Normal:
            t.frames_top[-1].pc = pc + instruction_words(pc);
            t.frames_top[-1].result_reg = dst;
            *t.frames_top++ = Frame{newfp, nullptr, owner, 0, 0};
            break;
          case CallKind::NativeNormal:
            *t.frames_top++ = Frame{newfp, nullptr, owner, 0, 0};
            break;
          case CallKind::Tail:
            if (native) {
              if (pc) t.frames_top[-1].pc = pc + 1;  // where an arity error is reported
            } else {
              t.frames_top[-1].proto = p;
              t.frames_top[-1].flags &= ~kFrameNative;
            }
            break;
          case CallKind::Entry:
            *t.frames_top++ = Frame{newfp, nullptr, owner, 0, kFrameBoundary};
            break;
        }
        if (native) {
          // Safe for space: sp bounds the stack the collector scans while
          // machine code runs, with the callee's frame record
          // (live_stack_top). Left at this frame's end, it kept what the
          // outgoing words above the arguments held from earlier calls
          // visible for the whole call (a list staged for a primitive by a
          // previous activation at this depth: jit/space-vm-outgoing-words).
          t.sp = newfp + nargs + 1;
          pc = nullptr;
          status = g_tier.enter(&t, newfp, nargs, p->native_entry);
          goto native_status;
        }
        fp = newfp;
        proto = p;
        K = p->constants;
        pc = p->code;
        t.sp = fp + p->frame_size;
        // Safe for space: the frame's other registers hold what earlier
        // frames left there, and the collector scans them for as long as
        // this frame lives; one written only late, or never, would keep such
        // a value alive meanwhile (the R7RS stream example's first thunk,
        // left by stream-filter where head's frame then sat, kept the whole
        // stream). Machine code's prologue clears its slots alike. The
        // outgoing words need nothing: every callee's frame starts there
        // and clears its own.
        for (Value *w = fp + p->nreq + 1 + (p->rest ? 1 : 0), *end = fp + p->nregs; w < end; ++w) *w = kFalse;
        ++p->calls;
        DISPATCH();
      }
      if (is_primitive(callee)) {
        auto* prim = callee.as<Primitive>();
        if (nargs < static_cast<uint32_t>(prim->min_args) ||
            (prim->max_args >= 0 && nargs > static_cast<uint32_t>(prim->max_args)))
          arity_error(callee, nargs);
        if (prim->control) goto control_primitive;
        result = prim->fn(t, newfp + 1, nargs);
        if (result == kRaise) goto raise;
        switch (kind) {
          case CallKind::Normal:
            R(dst) = result;
            NEXT(instruction_words(pc));
          case CallKind::NativeNormal:
            goto resume_caller;
          case CallKind::Tail:
            goto do_return;
          case CallKind::Entry:
            t.sp = caller_sp;
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
      if (has_type(callee, Type::Continuation)) goto throw_to_continuation;
      error_of_kind("type-error", "attempt to call a non-procedure", {callee});
    }

    control_primitive: {
      Value callee = newfp[0];
      if (callee == g_apply_prim) {
        // (apply f a ... list): spread the list and call f in the same kind.
        if (nargs == 1) {  // (apply f): f with no arguments
          newfp[0] = newfp[1];
          nargs = 0;
          goto call;
        }
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
      if (callee == g_run_on_tier_prim) {
        // (run-on-tier 'vm|'jit proc arg ...): the call of proc runs on that tier.
        Value tier = newfp[1], f = newfp[2];
        if (!is_closure(f)) type_error("run-on-tier", 2, "procedure made by lambda", f);
        if (tier == intern("jit")) {
          Proto* p = f.as<Closure>()->proto;
          if (g_tier.mode != JitMode::Off && g_tier.compile && !p->jit_forbidden) g_tier.compile(p, nullptr, 0);
        } else if (tier == intern("vm")) {
          force_vm = true;
        } else {
          type_error("run-on-tier", 1, "vm or jit", tier);
        }
        std::memmove(newfp, newfp + 2, (nargs - 1) * sizeof(Value));
        nargs -= 2;
        goto call;
      }
      if (callee == g_callcc_prim || callee == g_callcc_short_prim) {
        // (call/cc f): the continuation is that of this call. In a normal
        // call it returns into the running frame, which is saved but stays
        // unsealed (it keeps running); in a tail call it is the running
        // frame's own continuation, so that frame is left out and reused.
        Frame* keep_to = t.frames_top;
        Frame* seal_to = t.frames_top;
        if (kind == CallKind::Normal) {
          t.frames_top[-1].pc = pc + instruction_words(pc);
          t.frames_top[-1].result_reg = dst;
          seal_to = t.frames_top - 1;
        } else if (kind == CallKind::NativeNormal) {
          seal_to = t.frames_top - 1;  // machine code recorded its return address
        } else if (kind == CallKind::Tail) {
          keep_to = seal_to = t.frames_top - 1;
        }
        Value k = capture_continuation(t, keep_to, seal_to, newfp, entry_frame);
        newfp[0] = newfp[1];
        newfp[1] = k;
        goto call;
      }
      if (callee == g_raise_continuable_prim) {
        // With a handler installed, (raise-continuable obj) is a call of
        // (%raise-handler obj #t), whose result is the raise's result.
        if (!is_pair(t.handlers)) raise(newfp[1], true);
        newfp[0] = as_cell(g_raise_handler_cell)->value;
        newfp[2] = kTrue;
        nargs = 2;
        goto call;
      }
      error("internal error: unknown control primitive", {callee});
    }

    throw_to_continuation: {
      auto* k = newfp[0].as<Continuation>();
      if (k->winders != t.winders) {
        // dynamic-wind thunks to run first: (%throw k v ...) runs them in
        // Scheme and then calls k again, with the winders matching.
        if (newfp + nargs + 2 > t.stack_limit) stack_overflow(t, &fatal);
        std::memmove(newfp + 1, newfp, (nargs + 1) * sizeof(Value));
        newfp[0] = as_cell(g_throw_cell)->value;
        ++nargs;
        goto call;
      }
      if (k->entry != static_cast<uint64_t>(entry_frame - t.frames_base))
        error("continuation called outside the VM activation that captured it", {newfp[0]});
      result = nargs == 1 ? newfp[1] : make_values(newfp + 1, nargs);
      reinstate_continuation(t, k);
      after_reinstate(t);
      if (t.frames_top == entry_frame) {
        // The continuation of the activation itself: return to C++.
        lower_seal(t, outer_seal_limit);
        t.sp = caller_sp;
        return result;
      }
      goto resume_caller;
    }

  // Machine code handed control back (runtime/tier.h).
  native_status:
    switch (status) {
      case kJitReturn:
        // Safe for space: the Thread is a root, so a value left in the
        // exchange field would stay alive until the next return through the
        // VM, which may never come once the callers are compiled too.
        result = t.jit_value;
        t.jit_value = kFalse;
        goto do_return;
      case kJitCall:
        newfp = t.jit_fp;
        nargs = t.jit_nargs;
        kind = CallKind::NativeNormal;
        goto call;
      case kJitTailCall:
        newfp = t.jit_fp;
        nargs = t.jit_nargs;
        kind = CallKind::Tail;
        goto call;
      case kJitRaise:
        if (t.pending_fatal) {  // machine code's stack overflow in the reserve
          t.pending_fatal = false;
          fatal = true;
        }
        goto raise;
      case kJitResume:
        result = t.jit_value;
        t.jit_value = kFalse;  // safe for space, as above
        goto resume_caller;
      case kJitOsrDeclined:
        break;  // only OSR entries answer it, and op_LOOP takes it
    }
    std::fprintf(stderr, "kiln: internal error: unexpected status %u from machine code\n", status);
    std::abort();

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
    assign_cell(cell, R(A));  // invalidates code that assumed the old value
    NEXT(2);
  }
  op_GDEF:
    assign_cell(K[pc[1]].as<Cell>(), R(A));
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
  op_LOOP: {
    // A hot loop tiers its function up, and the next iteration continues in
    // machine code: jumping back to the loop header is a self tail call with
    // the header's values (self and the arguments), so it re-enters the
    // compiled function at its entry with them.
    // A loop with another header (a contified loop, ir/build.cpp) lists
    // no values (n = 0): the activation moves into machine code through
    // the header's OSR entry (jit/osr.cpp), which takes the header's values
    // from the registers, if the code has one for it; else it finishes in
    // the VM (the function is compiled for its next call).
    uint32_t n = pc[1];
    if (++proto->backedges >= g_tier.threshold && g_tier.mode != JitMode::Off && g_tier.compile &&
        !proto->native_entry && !proto->jit_failed && !proto->jit_forbidden) {
      Value* out = fp + proto->nregs;  // the header's values, as the JIT's sample
      for (uint32_t i = 0; i < n; ++i) out[i] = R(pc[2 + i]);
      // At another header the frame's first registers are the sample: they
      // may have been reused for other values by now, but the sample is
      // only a guess that guards check (jit/unbox.h, jit/emit_ffi.cpp).
      if (n > 0)
        g_tier.compile(proto, out, n);
      else
        g_tier.compile(proto, fp, proto->rest ? 0 : 1 + proto->nreq);
      if (!proto->native_entry)
        for (uint32_t i = 0; i < n; ++i) out[i] = kFalse;  // safe for space
    }
    if (n > 0 && proto->native_entry) {
      Value* out = fp + proto->nregs;
      for (uint32_t i = 0; i < n; ++i) out[i] = R(pc[2 + i]);
      std::memmove(fp, out, n * sizeof(Value));
      clear_staging(fp, out, n);
      newfp = fp;
      nargs = n - 1;
      kind = CallKind::Tail;
      goto call;
    }
    if (n == 0 && proto->num_native_osr > 0) {
      uint32_t header = pc[2];
      for (uint32_t i = 0; i < proto->num_native_osr; ++i) {
        if (proto->native_osr[i].header != header) continue;
        // The frame stays as it is: its record (this frame's, claimed by
        // the VM) becomes the machine code's, its registers the code's
        // input. The code checks the values' types before it changes
        // anything, and declines if they are not what it assumes.
        status = g_tier.enter(&t, fp, 0, proto->native_osr[i].entry);
        if (status != kJitOsrDeclined) {
          ++g_tier.stats.osr_entries;
          pc = nullptr;
          goto native_status;
        }
        // Speculation on the arguments or free variables (jit/unbox.h,
        // jit/fixnum_guards.h) was wrong for this activation: compile without it, as a failing
        // entry guard does, and try the next iteration.
        if (proto->jit_speculated_args || proto->jit_speculated_free || proto->jit_speculated_fixnums) {
          proto->jit_no_speculation = true;
          ++g_tier.stats.despecialized;
          retire_native_code(proto);
          g_tier.compile(proto, nullptr, 0);
        }
        break;
      }
    }
    pc = proto->code + A;
    DISPATCH();
  }
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
    const uint32_t* dead = pc + 3 + n;  // registers whose values die here (emit.cpp)
    for (uint32_t i = 1; i <= dead[0]; ++i) R(dead[i]) = kFalse;
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
    clear_staging(fp, out, n + 1);
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
  op_CALLCC: {
    // An inline (call/cc (lambda (k) ...)) (ir/build.cpp): the frame is
    // saved as a call's would be, resuming at the join with the value in
    // r[B], and stays unsealed, since it runs the body next. The registers
    // no value lives in across it (k's among them) are cleared first (see
    // vm/emit.cpp: safe for space).
    Frame* top = t.frames_top;
    top[-1].pc = proto->code + pc[2];
    top[-1].result_reg = pc[1];
    for (uint32_t i = 0; i < pc[3]; ++i) R(pc[4 + i]) = kFalse;
    R(A) = capture_continuation(t, top, top - 1, fp + proto->nregs, entry_frame);
    NEXT(4 + pc[3]);
  }
  op_CALLCCT:
    // The same in tail position: the continuation is the caller's, as a
    // tail call of call/cc would pass it; this frame is left out.
    R(A) = capture_continuation(t, t.frames_top - 1, t.frames_top - 1, fp, entry_frame);
    NEXT(1);
  op_RET:
    result = R(A);
  do_return:
    if ((--t.frames_top)->flags & kFrameBoundary) {
      lower_seal(t, outer_seal_limit);
      leave_stack_reserve_if_below(t);
      t.sp = caller_sp;
      return result;
    }
  resume_caller: {
    // Deliver `result` to frames_top[-1]. If that frame is sealed (owned by
    // a continuation's chunks), copy it back into place first.
    if (t.frames_top <= t.seal_limit) load_sealed_frame(t);
    Frame& caller = t.frames_top[-1];
    if (caller.flags & kFrameNative) {
      pc = nullptr;
      // Safe for space: the callee's frame is dead, and so is the caller's
      // outgoing area, where it lay.
      t.sp = caller.fp + caller.proto->native_slots;
      status = g_tier.enter(&t, caller.fp, result.raw, caller.pc);
      goto native_status;
    }
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
// A compare fused with its branch: jump to C when the comparison is false.
#define JUMP_UNLESS(name, op, generic)                                                      \
  op_##name : {                                                                             \
    Value a = R(A), b = R(pc[1]);                                                           \
    bool holds = ((a.raw | b.raw) & 1) == 0                                                 \
                     ? static_cast<int64_t>(a.raw) op static_cast<int64_t>(b.raw)           \
                     : generic(a, b);                                                       \
    if (!holds) {                                                                           \
      pc = proto->code + pc[2];                                                             \
      DISPATCH();                                                                           \
    }                                                                                       \
    NEXT(3);                                                                                \
  }
// The same against a fixnum constant (its tagged word in the instruction).
#define JUMP_UNLESS_IMM(name, op, generic)                                                  \
  op_##name : {                                                                             \
    Value a = R(A), b = Value::from_raw(static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(pc[1])))); \
    bool holds = (a.raw & 1) == 0 ? static_cast<int64_t>(a.raw) op static_cast<int64_t>(b.raw) \
                                  : generic(a, b);                                          \
    if (!holds) {                                                                           \
      pc = proto->code + pc[2];                                                             \
      DISPATCH();                                                                           \
    }                                                                                       \
    NEXT(3);                                                                                \
  }
    JUMP_UNLESS_IMM(JNLTI, <, num_lt)
    JUMP_UNLESS_IMM(JNLEI, <=, num_le)
    JUMP_UNLESS_IMM(JNGTI, >, num_gt)
    JUMP_UNLESS_IMM(JNGEI, >=, num_ge)
    JUMP_UNLESS_IMM(JNNUMEQI, ==, num_eq)
#define ARITH_IMM(name, builtin, generic)                                                   \
  op_##name : {                                                                             \
    Value a = R(pc[1]), b = Value::from_raw(static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(pc[2])))); \
    int64_t r;                                                                              \
    if ((a.raw & 1) == 0 && !builtin(static_cast<int64_t>(a.raw), static_cast<int64_t>(b.raw), &r)) \
      R(A) = Value::from_raw(static_cast<uint64_t>(r));                                     \
    else                                                                                    \
      R(A) = generic(a, b);                                                                 \
    NEXT(3);                                                                                \
  }
    ARITH_IMM(ADDI, __builtin_add_overflow, num_add)
    ARITH_IMM(SUBI, __builtin_sub_overflow, num_sub)
    JUMP_UNLESS(JNLT, <, num_lt)
    JUMP_UNLESS(JNLE, <=, num_le)
    JUMP_UNLESS(JNGT, >, num_gt)
    JUMP_UNLESS(JNGE, >=, num_ge)
    JUMP_UNLESS(JNNUMEQ, ==, num_eq)
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
    if (!i.is_fixnum() || static_cast<uint64_t>(i.as_fixnum()) >= static_cast<uint64_t>(vector_length(v)))
      index_error("vector-ref", 2, i, v);
    R(A) = vector_items(v)[i.as_fixnum()];
    NEXT(3);
  }
  op_VSET: {
    Value v = R(A), i = R(pc[1]);
    if (!is_vector(v)) type_error("vector-set!", 1, "vector", v);
    if (!i.is_fixnum() || static_cast<uint64_t>(i.as_fixnum()) >= static_cast<uint64_t>(vector_length(v)))
      index_error("vector-set!", 2, i, v);
    if (v.as_object()->immutable()) error("vector-set!: cannot modify a literal constant", {v});
    vector_items(v)[i.as_fixnum()] = R(pc[2]);
    NEXT(3);
  }
    } catch (const SchemeRaise&) {
      goto raise;
    }

  raise:
    // An exception: the object is in t.pending. With a handler installed
    // (and a Scheme frame to call it from), call (%raise-handler obj #f) as
    // if the running frame had called it at the faulting instruction: the
    // handler runs in the dynamic environment of the raise. It never returns
    // here (a non-continuable raise whose handler returns raises again).
    // `pc` is at the faulting instruction's start, so the call records
    // its location for backtraces like any call site's.
    if (!fatal && is_pair(t.handlers) && !is_exit_request(t.pending) && t.frames_top > entry_frame &&
        (proto || (t.frames_top[-1].flags & kFrameNative))) {
      if (t.frames_top[-1].flags & kFrameNative) {
        // Raised in machine code, which recorded where in its frame record.
        const Frame& top = t.frames_top[-1];
        newfp = top.fp + top.proto->native_frame_size;
        kind = CallKind::NativeNormal;
      } else if (!pc) {
        // The entry of machine code this frame called refused the call (a
        // wrong argument count, a stack overflow) and left this frame on
        // top. `pc` was dropped when machine code was entered, but the
        // frame records where it called from.
        newfp = fp + proto->nregs;
        kind = CallKind::NativeNormal;
      } else {
        newfp = fp + proto->nregs;
        kind = CallKind::Normal;
      }
      newfp[0] = as_cell(g_raise_handler_cell)->value;
      newfp[1] = t.pending;
      newfp[2] = kFalse;
      nargs = 2;
      dst = 0;  // never written: the invoker does not return
      t.pending = kFalse;
      continue;
    }
    // Nobody handles it inside this activation: note where it happened,
    // unwind to the entry and hand it to the C++ caller.
    if (t.frames_top > entry_frame && pc) t.frames_top[-1].pc = pc + 1;
    if (t.pending_backtrace == kNil && !is_exit_request(t.pending))
      t.pending_backtrace = capture_backtrace(t, entry_frame);
    t.frames_top = entry_frame;
    lower_seal(t, outer_seal_limit);
    t.sp = caller_sp;
    leave_stack_reserve_if_below(t);
    t.winders = saved_winders;
    t.handlers = saved_handlers;
    return kRaise;
  }
}

KILN_PRIMITIVE(prim_apply, "apply", 1, -1, "(apply proc arg ... list): calls proc with the args and the list's elements.") {
  // Never reached: the interpreter spreads the arguments itself.
  error("apply: internal error");
}

KILN_PRIMITIVE(prim_callcc, "call-with-current-continuation", 1, 1,
               "(call-with-current-continuation proc): calls proc with the current continuation.") {
  error("call/cc: internal error");  // never reached: a control primitive
}

KILN_PRIMITIVE(prim_callcc_short, "call/cc", 1, 1, "(call/cc proc): call-with-current-continuation.") {
  error("call/cc: internal error");  // never reached: a control primitive
}

KILN_PRIMITIVE(prim_raise_continuable, "raise-continuable", 1, 1,
               "(raise-continuable obj): raises obj; the current handler's result is returned.") {
  error("raise-continuable: internal error");  // never reached: a control primitive
}

KILN_PRIMITIVE(prim_run_on_tier, "run-on-tier", 2, -1,
               "(run-on-tier 'vm|'jit proc arg ...): calls proc on the bytecode VM or as machine code "
               "(compiling it first; with the JIT off it runs on the VM). For tests of the two tiers.") {
  error("run-on-tier: internal error");  // never reached: a control primitive
}

void interp_init() {
  auto control = [](const char* name, uint8_t kind) {
    Value p = builtin_primitive(name);
    p.as<Primitive>()->control = kind;
    return p;
  };
  g_apply_prim = control("apply", kControlApply);
  g_callcc_prim = control("call-with-current-continuation", kControlCallCC);
  g_callcc_short_prim = control("call/cc", kControlCallCC);
  g_raise_continuable_prim = control("raise-continuable", kControlOther);
  g_run_on_tier_prim = control("run-on-tier", kControlOther);
  // Defined by the prelude, which runs after this; the cells exist already.
  g_raise_handler_cell = env_variable(builtin_environment(), intern("%raise-handler"), false);
  g_throw_cell = env_variable(builtin_environment(), intern("%throw"), false);
}

}  // namespace kiln::vm
