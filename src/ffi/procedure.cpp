#include "ffi/procedure.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "ffi/callback.h"
#include "ffi/convert.h"
#include "ffi/library.h"
#include "runtime/primitive.h"

namespace kiln::ffi {

namespace {

/// Makes the optimizer treat `p`'s pointee as used here, so Values kept on
/// the C stack for the collector survive until after the C call.
inline void keep_alive(const void* p) { asm volatile("" : : "g"(p) : "memory"); }

}  // namespace

ForeignProcedure* as_foreign_procedure(Value v) {
  if (!is_primitive(v) || v.as<Primitive>()->fn != foreign_call) return nullptr;
  return v.as<ForeignProcedure>();
}

Value foreign_call(Thread& t, Value* argv, uint32_t argc) {
  ForeignProcedure* fp = as_foreign_procedure(argv[-1]);
  if (!fp) {
    // A Kiln bug: something called this entry without the callee slot.
    std::fprintf(stderr, "kiln: internal error: foreign_call without its binding\n");
    std::abort();
  }
  const FfiSignature& s = fp->sig;
  try {
    // Per-argument scratch on the C stack: the slots hold the C values
    // (string copies are kept alive by their pointers here), `keep` holds
    // the Scheme arguments themselves, because a callback's nested VM
    // activation may reuse the value-stack area argv points into.
    alignas(16) uint64_t slots[kMaxArgs];
    void* avalues[kMaxArgs];
    Value keep[kMaxArgs];
    for (uint32_t i = 0; i < argc; ++i) {
      keep[i] = argv[i];
      if (fixnum_fits(s.args[i], argv[i])) [[likely]] {
        slots[i] = static_cast<uint64_t>(argv[i].as_fixnum());  // libffi reads the type's low bytes
      } else {
        slots[i] = 0;
        to_c(s.args[i], argv[i], &slots[i], s.name, static_cast<int>(i + 1));
      }
      avalues[i] = &slots[i];
    }
    alignas(16) uint64_t ret[2] = {0, 0};  // >= sizeof(ffi_arg), as ffi_call requires
    ffi_call(const_cast<ffi_cif*>(&s.cif), FFI_FN(s.function), ret, avalues);
    keep_alive(keep);
    keep_alive(slots);
    if (*callback_failure_flag()) [[unlikely]] raise_callback_failure();
    Value result;
    if (small_from_c(s.result, ret, &result)) return result;
    return from_c(s.result, ret);
  } catch (const SchemeRaise&) {
    return kRaise;
  }
}

KILN_PRIMITIVE(prim_foreign_procedure, "foreign-procedure", 3, 4,
               "(foreign-procedure name (arg-type ...) result-type) or (foreign-procedure name (fixed-type ...) "
               "(variadic-type ...) result-type): a procedure that calls the C function `name` (looked up in the "
               "program and the loaded shared objects; `name` may also be a pointer to the function). The 4-argument form binds a variadic function such as "
               "printf at one choice of variadic argument types.") {
  std::string name;
  void* function;
  if (is_pointer(a[0])) {
    // A C function by address (e.g. a callback, or a function pointer a C API returned).
    function = pointer_address(a[0]);
    if (!function) error("foreign-procedure: cannot bind a null function pointer", {a[0]});
    char buf[40];
    std::snprintf(buf, sizeof buf, "#<foreign %p>", function);
    name = buf;
  } else {
    if (!is_string(a[0])) a.fail(0, "string (a C symbol name) or pointer");
    name = string_to_utf8(a[0]);
    function = lookup_symbol("foreign-procedure", name);
  }
  Value fixed = a[1];
  Value varargs = a.size() == 4 ? a[2] : kDefault;
  Value result = a[a.size() - 1];
  auto* fp = gc_new<ForeignProcedure>(Type::Primitive, sizeof(ForeignProcedure));
  parse_signature(&fp->sig, "foreign-procedure", name.c_str(), fixed, varargs, result, false);
  fp->sig.function = function;
  fp->may_reach_collector = may_reach_collector(function);
  fp->fn = foreign_call;
  fp->name = fp->sig.name;
  fp->doc = "a foreign procedure";
  fp->min_args = static_cast<int32_t>(fp->sig.nargs);
  fp->max_args = static_cast<int32_t>(fp->sig.nargs);
  fp->control = false;
  return Value::object(fp);
}

KILN_PRIMITIVE(prim_foreign_procedure_p, "foreign-procedure?", 1, 1,
               "(foreign-procedure? obj): #t when obj was made by foreign-procedure.") {
  return Value::boolean(as_foreign_procedure(a[0]) != nullptr);
}

KILN_PRIMITIVE(prim_foreign_procedure_address, "foreign-procedure-address", 1, 1,
               "(foreign-procedure-address proc): the C function a foreign procedure calls, as a pointer.") {
  ForeignProcedure* fp = as_foreign_procedure(a[0]);
  if (!fp) a.fail(0, "foreign procedure");
  return make_pointer(fp->sig.function);
}

}  // namespace kiln::ffi
