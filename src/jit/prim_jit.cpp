// Introspection and control of tiering from Scheme, for tests and tuning.
#include "jit/jit.h"
#include "runtime/port.h"
#include "runtime/primitive.h"
#include "runtime/tier.h"

namespace kiln {

namespace {
Proto* proto_of(const Args& a, uint32_t i) {
  if (!is_closure(a[i])) a.fail(i, "procedure made by lambda");
  return a[i].as<Closure>()->proto;
}
}  // namespace

KILN_PRIMITIVE(prim_jit_compiled_p, "jit-compiled?", 1, 1, "(jit-compiled? proc): whether proc runs as machine code.") {
  return Value::boolean(proto_of(a, 0)->native_entry != nullptr);
}

KILN_PRIMITIVE(prim_jit_compile, "jit-compile!", 1, 1,
               "(jit-compile! proc): compiles proc to machine code now, unless the JIT is off; "
               "returns whether it is compiled.") {
  Proto* p = proto_of(a, 0);
  if (g_tier.mode != JitMode::Off && !p->jit_forbidden) jit::compile(p);
  return Value::boolean(p->native_entry != nullptr);
}

KILN_PRIMITIVE(prim_jit_forbid, "jit-forbid!", 1, 1,
               "(jit-forbid! proc): keeps proc on the bytecode VM from now on (for tests of mixed tiers).") {
  proto_of(a, 0)->jit_forbidden = true;
  return kUnspecified;
}

KILN_PRIMITIVE(prim_disassemble, "disassemble", 1, 1,
               "(disassemble proc): writes proc's IR and the x86-64 code the JIT makes for it to the current "
               "output port. Never compiles or changes proc: the listing is generated afresh.") {
  port_write_utf8(current_output_port(t), jit::disassemble(proto_of(a, 0)));
  return kUnspecified;
}

KILN_PRIMITIVE(prim_jit_stats, "jit-stats", 0, 0,
               "(jit-stats): an alist of JIT statistics: compiled, rejected, compile-ms (total), "
               "compile-median-us and compile-p99-us (per function), code-bytes, vm-entries, "
               "ffi-direct (call sites compiled to direct C calls), ffi-lean (of those, the ones compiled "
               "while no foreign-callback existed, src/jit/README.md), ffi-shadow-args (int arguments of those "
               "passed from the untagged int32 shadow of an earlier C result, src/jit/int_shadow.h), ffi-shadow-trusted (of "
               "those, the ones passed with no check, src/jit/shadow_trust.h), osr-entries (VM activations moved "
               "into machine code at a contified loop's header), fixnum-guarded (compilations guarding arguments as fixnums, "
               "src/jit/fixnum_guards.h), despecialized (recompilations without speculation: a guard failed or an OSR "
               "entry declined), primitive-callees (calls through a variable compiled "
               "to inline the builtin primitive it held, guarded, src/jit/sampled_callees.cpp), record-callees (calls "
               "compiled to run the define-record-type procedure their callee held inline, guarded, "
               "src/jit/record_calls.cpp), watched-sites (call sites compiled "
               "to trust a global's value) and invalidations (sites patched since: their global "
               "assigned, or, for ffi-lean sites, the first foreign-callback made, or, for trusting sites, "
               "a value beyond int32 met).") {
  const TierStats& s = g_tier.stats;
  return list({cons(intern("compiled"), make_integer(static_cast<int64_t>(s.compiled))),
               cons(intern("rejected"), make_integer(static_cast<int64_t>(s.rejected))),
               cons(intern("compile-ms"), make_flonum(s.compile_ns / 1e6)),
               cons(intern("compile-median-us"), make_flonum(compile_time_quantile(s, 0.5) / 1e3)),
               cons(intern("compile-p99-us"), make_flonum(compile_time_quantile(s, 0.99) / 1e3)),
               cons(intern("code-bytes"), make_integer(static_cast<int64_t>(s.code_bytes))),
               cons(intern("vm-entries"), make_integer(static_cast<int64_t>(s.vm_entries))),
               cons(intern("ffi-direct"), make_integer(static_cast<int64_t>(s.ffi_direct))),
               cons(intern("ffi-lean"), make_integer(static_cast<int64_t>(s.ffi_lean))),
               cons(intern("ffi-shadow-args"), make_integer(static_cast<int64_t>(s.ffi_shadow_args))),
               cons(intern("ffi-shadow-trusted"), make_integer(static_cast<int64_t>(s.ffi_shadow_trusted))),
               cons(intern("osr-entries"), make_integer(static_cast<int64_t>(s.osr_entries))),
               cons(intern("fixnum-guarded"), make_integer(static_cast<int64_t>(s.fixnum_guarded))),
               cons(intern("despecialized"), make_integer(static_cast<int64_t>(s.despecialized))),
               cons(intern("primitive-callees"), make_integer(static_cast<int64_t>(s.primitive_callees))),
               cons(intern("record-callees"), make_integer(static_cast<int64_t>(s.record_callees))),
               cons(intern("watched-sites"), make_integer(static_cast<int64_t>(s.watched_sites))),
               cons(intern("invalidations"), make_integer(static_cast<int64_t>(s.invalidations)))});
}

}  // namespace kiln
