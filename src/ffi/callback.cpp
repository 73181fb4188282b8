#include "ffi/callback.h"

#include <cstring>
#include <vector>

#include "ffi/convert.h"
#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/primitive.h"
#include "runtime/tier.h"
#include "vm/interp.h"

namespace kiln::ffi {

namespace {

/// The error recorded by a failed callback during the current foreign call.
/// In root memory (gc_alloc_root): `error` is a root.
struct CallbackState {
  Value error;
};

CallbackState& state() {
  static CallbackState* s = [] {
    auto* p = static_cast<CallbackState*>(gc_alloc_root(sizeof(CallbackState)));
    p->error = kFalse;
    return p;
  }();
  return *s;
}

/// Every live callback. The buffer is uncollectable and scanned
/// (traceable_allocator), so the records and their procedures stay alive.
std::vector<CallbackRecord*, traceable_allocator<CallbackRecord*>>& live_callbacks() {
  static auto* v = new std::vector<CallbackRecord*, traceable_allocator<CallbackRecord*>>();
  return *v;
}

/// The sites that assume no callback exists (watch_no_callbacks). Plain
/// memory: sites hold code addresses, never a Value. Emptied for good by
/// the first callback.
struct NoCallbackSites {
  bool made = false;
  std::vector<WatchSite> sites;
};

NoCallbackSites& no_callback_sites() {
  static auto* s = new NoCallbackSites();
  return *s;
}

/// Before the first callback's pointer reaches C: every lean site takes
/// its full sequence from now on.
void note_callback_made() {
  NoCallbackSites& s = no_callback_sites();
  if (s.made) return;
  s.made = true;
  for (const WatchSite& site : s.sites) g_tier.invalidate_lean_site(site);
  g_tier.stats.invalidations += s.sites.size();
  s.sites.clear();
  s.sites.shrink_to_fit();
}

void record_failure(Value obj) {
  if (g_thread->callback_failed) return;  // keep the first error
  g_thread->callback_failed = true;
  state().error = obj;
}

/// libffi calls this for every call of a callback's code.
void callback_entry(ffi_cif*, void* ret, void** args, void* user_data) {
  auto* cb = static_cast<CallbackRecord*>(user_data);
  const FfiSignature& s = cb->sig;
  Thread& t = *g_thread;
  zero_return(s.result, ret);
  if (t.callback_failed) return;  // an earlier callback failed: do not run Scheme again
  try {
    Value argv[kMaxArgs];
    for (uint32_t i = 0; i < s.nargs; ++i) argv[i] = from_c(s.args[i], args[i]);
    // No outer handler may see an error: its escape would cross C frames.
    Value saved_handlers = t.handlers;
    t.handlers = kNil;
    Value result = vm::apply(t, cb->proc, argv, s.nargs);
    t.handlers = saved_handlers;
    if (result == kRaise) {
      Value obj = t.pending;
      t.pending = kFalse;
      t.pending_backtrace = kNil;  // the foreign call site's backtrace is captured on re-raise
      record_failure(obj);
      return;
    }
    to_c_return(s.result, result, ret, "foreign-callback");
  } catch (const SchemeRaise&) {
    // A conversion failed (the result's type or range).
    Value obj = t.pending;
    t.pending = kFalse;
    t.pending_backtrace = kNil;
    zero_return(s.result, ret);
    record_failure(obj);
  }
}

}  // namespace

bool callbacks_made() { return no_callback_sites().made; }

void watch_no_callbacks(const WatchSite& site) {
  NoCallbackSites& s = no_callback_sites();
  if (!s.made) {
    s.sites.push_back(site);
    return;
  }
  g_tier.invalidate_lean_site(site);
  ++g_tier.stats.invalidations;
}

void raise_callback_failure() {
  CallbackState& s = state();
  Value obj = s.error;
  s.error = kFalse;
  g_thread->callback_failed = false;
  raise(obj);
}

KILN_PRIMITIVE(prim_foreign_callback, "foreign-callback", 3, 3,
               "(foreign-callback proc (arg-type ...) result-type): a pointer to C code that calls proc with "
               "the C arguments converted to Scheme and returns its result converted to result-type. An error "
               "in proc returns zero to C and is raised when the foreign call returns.") {
  Value proc = a.procedure(0);
  auto* cb = gc_make<CallbackRecord>();
  cb->proc = proc;
  parse_signature(&cb->sig, "foreign-callback", "a callback", a[1], kDefault, a[2], true);
  void* code = nullptr;
  cb->closure = static_cast<ffi_closure*>(ffi_closure_alloc(sizeof(ffi_closure), &code));
  if (!cb->closure) error("foreign-callback: out of memory for a libffi closure");
  if (ffi_prep_closure_loc(cb->closure, &cb->sig.cif, callback_entry, cb, code) != FFI_OK) {
    ffi_closure_free(cb->closure);
    error("foreign-callback: libffi cannot prepare the closure");
  }
  cb->sig.function = code;
  live_callbacks().push_back(cb);
  note_callback_made();
  return make_pointer(code);
}

KILN_PRIMITIVE(prim_foreign_callback_free, "foreign-callback-free!", 1, 1,
               "(foreign-callback-free! ptr): releases a callback made by foreign-callback; C must not call it "
               "afterwards.") {
  if (!is_pointer(a[0])) a.fail(0, "pointer");
  void* code = pointer_address(a[0]);
  auto& live = live_callbacks();
  for (size_t i = 0; i < live.size(); ++i)
    if (live[i]->sig.function == code) {
      ffi_closure_free(live[i]->closure);
      live.erase(live.begin() + static_cast<ptrdiff_t>(i));
      return kUnspecified;
    }
  a.fail(0, "pointer made by foreign-callback");
}

}  // namespace kiln::ffi
