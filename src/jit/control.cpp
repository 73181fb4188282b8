#include "jit/control.h"

#include <cstdint>

#include "runtime/heap.h"
#include "runtime/object.h"
#include "runtime/proto.h"
#include "vm/continuation.h"
#include "vm/interp.h"

namespace kiln::jit {

namespace {

const void* status(JitStatus s) { return reinterpret_cast<const void*>(static_cast<uintptr_t>(s)); }

/// Delivers `result` to frames_top[-1], in place and unsealed: machine
/// code's return address, or the interpreter's.
const void* resume_unsealed(Thread& t, Value result) {
  const Frame& caller = t.frames_top[-1];
  t.jit_value = result;
  if (!(caller.flags & kFrameNative)) return status(kJitResume);
  t.jit_fp = caller.fp;
  return caller.pc;
}

/// Delivers `result` to frames_top[-1] as the interpreter's return does: a
/// sealed frame is copied back into place first.
const void* resume(Thread& t, Value result) {
  if (t.frames_top <= t.seal_limit) vm::load_sealed_frame(t);
  return resume_unsealed(t, result);
}

/// What helper_control_call does not do itself the interpreter does, from
/// the call as it now stands (so its checks and error messages apply
/// unchanged).
const void* hand_over(Thread& t, Value* newfp, uint32_t nargs, uint64_t tail) {
  t.jit_fp = newfp;
  t.jit_nargs = nargs;
  return status(tail ? kJitTailCall : kJitCall);
}

/// The arguments must be visible to the collector (apply may have spread
/// them past the frame).
void cover_arguments(Thread& t, Value* newfp, uint32_t nargs) {
  if (t.sp < newfp + nargs + 1) t.sp = newfp + nargs + 1;
}

/// helper_control_call of the continuation newfp[0]. Apart from the loop
/// below, so that ctak's escapes and generator's switches, most of the
/// calls that reach the helper, pay for no more registers than they use.
[[gnu::noinline]] const void* call_continuation(Thread& t, Value* newfp, uint32_t nargs, uint64_t tail) {
  cover_arguments(t, newfp, nargs);
  // Calls needing dynamic-wind thunks, continuations of another
  // activation (an error) and the continuation of this activation itself
  // (a return to C++) are the interpreter's.
  auto* k = newfp[0].as<vm::Continuation>();
  uint64_t entry = static_cast<uint64_t>(t.entry_frame - t.frames_base);
  if (k->winders != t.winders || k->entry != entry || vm::continuation_depth(k) == entry)
    return hand_over(t, newfp, nargs, tail);
  Value result = nargs == 1 ? newfp[1] : make_values(newfp + 1, nargs);
  vm::enter_continuation(t, k);
  return resume_unsealed(t, result);
}

/// helper_control_call of anything else.
[[gnu::noinline]] const void* control_call(Thread& t, Value* newfp, uint32_t nargs, uint64_t tail) {
  Value* const entry_sp = t.sp;
  auto hand_over = [&] { return jit::hand_over(t, newfp, nargs, tail); };
  for (;;) {
    cover_arguments(t, newfp, nargs);
    Value callee = newfp[0];
    if (is_closure(callee)) {
      // Machine code checks the arity and the value stack itself; a VM
      // callee (and its tier-up) is the interpreter's.
      const void* entry = callee.as<Closure>()->proto->native_entry;
      if (!entry) return hand_over();
      if (!tail) {
        if (t.frames_top >= t.frames_limit) return hand_over();  // it reports the overflow
        *t.frames_top++ = Frame{newfp, nullptr, nullptr, 0, 0};  // claimed by the callee
      }
      t.jit_fp = newfp;
      t.jit_nargs = nargs;
      return entry;
    }
    if (has_type(callee, Type::CaseLambda)) {
      auto* cl = callee.as<CaseLambda>();
      Value clause = kFalse;
      for (uint64_t i = 0; i < cl->size() && clause == kFalse; ++i) {
        Proto* p = cl->clauses[i].as<Closure>()->proto;
        if (nargs == p->nreq || (p->rest && nargs >= p->nreq)) clause = cl->clauses[i];
      }
      if (clause == kFalse) return hand_over();
      newfp[0] = clause;
      continue;
    }
    if (has_type(callee, Type::Continuation)) return call_continuation(t, newfp, nargs, tail);
    if (!is_primitive(callee)) return hand_over();
    auto* prim = callee.as<Primitive>();
    if (nargs < static_cast<uint32_t>(prim->min_args) ||
        (prim->max_args >= 0 && nargs > static_cast<uint32_t>(prim->max_args)))
      return hand_over();
    switch (prim->control) {
      case kControlCallCC: {
        // As in the interpreter: a normal call's continuation returns into
        // the running frame, which is saved but stays unsealed; a tail
        // call's is the running frame's own, so that frame is left out.
        // Except that when the receiver is machine code, the running frame
        // is sealed too: it does not run again before a return into it,
        // and every return from machine code (ret, resume() here) checks
        // the seal and copies it back. A capture of the same continuation
        // again (a call/cc in the receiver's tail position, as in ctak)
        // then copies nothing.
        Frame* keep_to = tail ? t.frames_top - 1 : t.frames_top;
        Value f = newfp[1];
        bool native_receiver = is_closure(f) && f.as<Closure>()->proto->native_entry &&
                               t.frames_top < t.frames_limit;
        Frame* seal_to = tail || native_receiver ? keep_to : keep_to - 1;
        Value k = vm::capture_continuation(t, keep_to, seal_to, newfp, t.entry_frame);
        newfp[0] = newfp[1];
        newfp[1] = k;
        continue;
      }
      case kControlApply: {
        if (nargs == 1) {  // (apply f): f with no arguments
          newfp[0] = newfp[1];
          nargs = 0;
          continue;
        }
        Value list = newfp[nargs];
        int64_t count = list_length(list);
        if (count < 0 || newfp + nargs + count > t.stack_limit) return hand_over();
        for (uint32_t i = 0; i + 1 < nargs; ++i) newfp[i] = newfp[i + 1];
        uint32_t fixed = nargs - 2;
        for (int64_t i = 0; i < count; ++i, list = cdr(list)) newfp[1 + fixed + i] = car(list);
        nargs = fixed + static_cast<uint32_t>(count);
        continue;
      }
      case 0: {
        // A primitive reached through apply: called here, as the
        // interpreter would, and its result returned.
        if (tail && (t.frames_top[-1].flags & kFrameBoundary)) return hand_over();  // a return to C++
        Value result = prim->fn(t, newfp + 1, nargs);
        // The arguments (apply's spread list, maybe long) are dead now,
        // and machine code does not lower sp itself.
        t.sp = entry_sp;
        if (result == kRaise) return status(kJitRaise);
        if (tail) --t.frames_top;
        return resume(t, result);
      }
      default:
        return hand_over();
    }
  }
}

}  // namespace

const void* helper_control_call(Thread* t, Value* newfp, uint64_t nargs, uint64_t tail) {
  if (has_type(newfp[0], Type::Continuation)) return call_continuation(*t, newfp, static_cast<uint32_t>(nargs), tail);
  return control_call(*t, newfp, static_cast<uint32_t>(nargs), tail);
}

Value helper_callcc(Thread* t, Value* end, uint64_t tail) {
  Frame* top = t->frames_top;
  if (tail) return vm::capture_continuation(*t, top - 1, top - 1, end, t->entry_frame);
  return vm::capture_continuation(*t, top, top - 1, end, t->entry_frame);
}

const void* helper_reseal(Thread* t, Frame* caller, Value k, const void* entry) {
  vm::reseal_frame(*t, caller, k.as<vm::Continuation>());
  return entry;
}

const void* helper_return_sealed(Thread* t, Value value) {
  --t->frames_top;
  return resume(*t, value);
}

}  // namespace kiln::jit
