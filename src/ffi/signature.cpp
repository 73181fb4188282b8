#include "ffi/signature.h"

#include <cstring>
#include <string>

#include "runtime/error.h"
#include "runtime/gc.h"
#include "runtime/heap.h"

namespace kiln::ffi {

namespace {

[[noreturn]] void bad_type(const char* who, const char* name, Value designator, const std::string& why) {
  error(std::string(who) + ": bad type in the signature of " + name + why, {designator});
}

FfiType parse_one(const char* who, const char* name, Value d) {
  FfiType t;
  if (!parse_type(d, &t)) bad_type(who, name, d, "");
  return t;
}

}  // namespace

void parse_signature(FfiSignature* s, const char* who, const char* name, Value fixed, Value varargs, Value result,
                     bool callback) {
  int64_t nfixed = list_length(fixed);
  if (nfixed < 0) error(std::string(who) + ": expected a list of argument types for " + name, {fixed});
  bool variadic = varargs != kDefault;
  int64_t nvar = variadic ? list_length(varargs) : 0;
  if (nvar < 0) error(std::string(who) + ": expected a list of variadic argument types for " + name, {varargs});
  if (nfixed + nvar > kMaxArgs)
    error(std::string(who) + ": " + name + " declares more than " + std::to_string(kMaxArgs) + " arguments");
  if (variadic && nfixed == 0)
    error(std::string(who) + ": a variadic C function needs at least one fixed argument (" + name + ")");

  uint32_t n = static_cast<uint32_t>(nfixed + nvar);
  auto* args = static_cast<FfiType*>(gc_alloc_atomic(n ? n : 1));
  auto** ffi_args = static_cast<ffi_type**>(gc_alloc_atomic(sizeof(ffi_type*) * (n ? n : 1)));
  uint32_t i = 0;
  for (Value l = fixed; is_pair(l); l = cdr(l), ++i) {
    args[i] = parse_one(who, name, car(l));
    if (args[i] == FfiType::Void) bad_type(who, name, car(l), " (void is not an argument type)");
    if (callback && args[i] == FfiType::Bytevector)
      bad_type(who, name, car(l), " (a callback receives pointers, not bytevectors)");
  }
  for (Value l = variadic ? varargs : kNil; is_pair(l); l = cdr(l), ++i) {
    args[i] = parse_one(who, name, car(l));
    FfiType t = args[i];
    if (t == FfiType::Void) bad_type(who, name, car(l), " (void is not an argument type)");
    if (t == FfiType::Float || t == FfiType::Bool || (is_integer_type(t) && type_info(t).size < 4))
      bad_type(who, name, car(l), " (C promotes it in a variadic call: declare double or int)");
  }
  for (uint32_t k = 0; k < n; ++k) ffi_args[k] = type_info(args[k]).ffi;

  FfiType r = parse_one(who, name, result);
  if (r == FfiType::Bytevector) bad_type(who, name, result, " (bytevector is an argument type only)");
  if (callback && r == FfiType::String)
    bad_type(who, name, result, " (a callback cannot return a string: nobody would free it; return a pointer)");

  size_t len = std::strlen(name);
  char* name_copy = static_cast<char*>(gc_alloc_atomic(len + 1));
  std::memcpy(name_copy, name, len + 1);

  s->name = name_copy;
  s->args = args;
  s->nargs = n;
  s->nfixed = static_cast<uint32_t>(nfixed);
  s->result = r;
  s->variadic = variadic;
  s->ffi_args = ffi_args;
  ffi_status st = variadic ? ffi_prep_cif_var(&s->cif, FFI_DEFAULT_ABI, s->nfixed, n, type_info(r).ffi, ffi_args)
                           : ffi_prep_cif(&s->cif, FFI_DEFAULT_ABI, n, type_info(r).ffi, ffi_args);
  if (st != FFI_OK)
    error(std::string(who) + ": libffi cannot prepare the call interface of " + name + " (status " +
          std::to_string(static_cast<int>(st)) + ")");
}

}  // namespace kiln::ffi
