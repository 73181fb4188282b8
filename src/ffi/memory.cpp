// Pointers and foreign memory: the pointer object's primitives, malloc and
// free, typed reads and writes at a byte offset, and copies between foreign
// memory and bytevectors or strings.
//
// Safety: a null address is refused with an error; any other address is
// trusted, as in C (a wrong one may crash the process). The memory behind a
// pointer is never managed by the collector.
#include <cstdlib>
#include <cstring>
#include <string>

#include "ffi/convert.h"
#include "runtime/numbers.h"
#include "runtime/primitive.h"

namespace kiln::ffi {

namespace {

void* checked_pointer(const Args& a, uint32_t i) {
  if (!is_pointer(a[i])) a.fail(i, "pointer");
  return pointer_address(a[i]);
}

/// The address `ptr + offset` of a memory access, refusing null.
unsigned char* access_address(const Args& a, uint32_t ptr_arg, uint32_t offset_arg) {
  void* p = checked_pointer(a, ptr_arg);
  if (!a[offset_arg].is_fixnum()) a.fail(offset_arg, "exact integer offset");
  if (!p) error(std::string(a.who) + ": null pointer dereference", {a[ptr_arg]});
  return static_cast<unsigned char*>(p) + a[offset_arg].as_fixnum();
}

FfiType memory_type(const Args& a, uint32_t i) {
  FfiType t;
  if (!parse_type(a[i], &t) || t == FfiType::Void || t == FfiType::Bytevector) a.fail(i, "foreign memory type");
  return t;
}

/// Reads type `t` at a[first] + a[first + 1].
Value ref(FfiType t, const Args& a, uint32_t first) { return from_c(t, access_address(a, first, first + 1)); }

/// Stores a[first + 2] as type `t` at a[first] + a[first + 1].
Value set(FfiType t, const Args& a, uint32_t first) {
  unsigned char* p = access_address(a, first, first + 1);
  alignas(8) unsigned char slot[8] = {};
  to_c(t, a[first + 2], slot, a.who, static_cast<int>(first + 3));
  std::memcpy(p, slot, type_info(t).size);
  return kUnspecified;
}

}  // namespace

// --- typed access: pointer-ref-T and pointer-set-T! for each scalar type ------

#define KILN_FFI_ACCESSORS(X) \
  X(int8, Int8)               \
  X(uint8, UInt8)             \
  X(int16, Int16)             \
  X(uint16, UInt16)           \
  X(int32, Int32)             \
  X(uint32, UInt32)           \
  X(int64, Int64)             \
  X(uint64, UInt64)           \
  X(float, Float)             \
  X(double, Double)           \
  X(pointer, Pointer)

#define KILN_X(name, e)                                                                                        \
  KILN_PRIMITIVE(prim_pointer_ref_##name, "pointer-ref-" #name, 2, 2,                                          \
                 "(pointer-ref-" #name " ptr offset): the " #name " at byte offset `offset` from ptr.") {      \
    return ref(FfiType::e, a, 0);                                                                                 \
  }                                                                                                            \
  KILN_PRIMITIVE(prim_pointer_set_##name, "pointer-set-" #name "!", 3, 3,                                      \
                 "(pointer-set-" #name "! ptr offset value): stores value as a " #name " at byte offset "      \
                 "`offset` from ptr.") {                                                                       \
    return set(FfiType::e, a, 0);                                                                                 \
  }
KILN_FFI_ACCESSORS(KILN_X)
#undef KILN_X

KILN_PRIMITIVE(prim_foreign_ref, "foreign-ref", 3, 3,
               "(foreign-ref type ptr offset): the value of C type `type` (a type symbol) at byte offset "
               "`offset` from ptr; `string` reads a char* and copies the text.") {
  FfiType type = memory_type(a, 0);
  return ref(type, a, 1);
}

KILN_PRIMITIVE(prim_foreign_set, "foreign-set!", 4, 4,
               "(foreign-set! type ptr offset value): stores value as C type `type` at byte offset `offset` "
               "from ptr. A `string` value is not allowed (its copy would not outlive the call).") {
  FfiType type = memory_type(a, 0);
  if (type == FfiType::String) a.fail(0, "foreign memory type other than string");
  return set(type, a, 1);
}

KILN_PRIMITIVE(prim_foreign_sizeof, "foreign-sizeof", 1, 1, "(foreign-sizeof type): the size in bytes of a C type.") {
  return Value::fixnum(type_info(memory_type(a, 0)).size);
}

KILN_PRIMITIVE(prim_foreign_alignof, "foreign-alignof", 1, 1,
               "(foreign-alignof type): the alignment in bytes of a C type (x86-64 SysV).") {
  return Value::fixnum(type_info(memory_type(a, 0)).align);
}

// --- the pointer object ------------------------------------------------------

KILN_PRIMITIVE(prim_pointer_p, "pointer?", 1, 1, "(pointer? obj): #t for a pointer object.") {
  return Value::boolean(is_pointer(a[0]));
}

KILN_PRIMITIVE(prim_null_pointer_p, "null-pointer?", 1, 1, "(null-pointer? ptr): #t when ptr's address is 0.") {
  return Value::boolean(checked_pointer(a, 0) == nullptr);
}

KILN_PRIMITIVE(prim_pointer_to_integer, "pointer->integer", 1, 1, "(pointer->integer ptr): ptr's address.") {
  uintptr_t u = reinterpret_cast<uintptr_t>(checked_pointer(a, 0));
  alignas(8) unsigned char slot[8];
  std::memcpy(slot, &u, 8);
  return from_c(FfiType::UInt64, slot);
}

KILN_PRIMITIVE(prim_integer_to_pointer, "integer->pointer", 1, 1,
               "(integer->pointer n): a pointer to address n (0 <= n < 2^64).") {
  alignas(8) unsigned char slot[8] = {};
  to_c(FfiType::UInt64, a[0], slot, a.who, 1);
  void* p;
  std::memcpy(&p, slot, 8);
  return make_pointer(p);
}

KILN_PRIMITIVE(prim_pointer_add, "pointer+", 2, 2, "(pointer+ ptr n): a pointer n bytes after ptr (n may be negative).") {
  void* p = checked_pointer(a, 0);
  if (!a[1].is_fixnum()) a.fail(1, "exact integer");
  return make_pointer(static_cast<char*>(p) + a[1].as_fixnum());
}

KILN_PRIMITIVE(prim_pointer_eq, "pointer=?", 2, 2, "(pointer=? p q): #t when p and q hold the same address.") {
  return Value::boolean(checked_pointer(a, 0) == checked_pointer(a, 1));
}

// --- malloc and free ---------------------------------------------------------

KILN_PRIMITIVE(prim_foreign_alloc, "foreign-alloc", 1, 1,
               "(foreign-alloc n): n bytes of zeroed C memory (calloc), freed only by foreign-free.") {
  int64_t n = a.index(0);
  void* p = std::calloc(1, static_cast<size_t>(n ? n : 1));
  if (!p) error("foreign-alloc: out of memory", {a[0]});
  return make_pointer(p);
}

KILN_PRIMITIVE(prim_foreign_free, "foreign-free", 1, 1, "(foreign-free ptr): frees memory from foreign-alloc (free(3)).") {
  std::free(checked_pointer(a, 0));
  return kUnspecified;
}

// --- copies ------------------------------------------------------------------

KILN_PRIMITIVE(prim_memory_to_bytevector, "foreign-memory->bytevector", 2, 2,
               "(foreign-memory->bytevector ptr n): a new bytevector holding a copy of the n bytes at ptr.") {
  int64_t n = a.index(1);
  void* p = checked_pointer(a, 0);
  if (!p && n > 0) error("foreign-memory->bytevector: null pointer dereference", {a[0]});
  Value bv = make_bytevector(n);
  if (n) std::memcpy(bytevector_bytes(bv), p, static_cast<size_t>(n));
  return bv;
}

KILN_PRIMITIVE(prim_bytevector_to_memory, "bytevector->foreign-memory!", 2, 4,
               "(bytevector->foreign-memory! bv ptr [start [end]]): copies bytes start..end of bv to ptr.") {
  Value bv = a.bytevector(0);
  void* p = checked_pointer(a, 1);
  int64_t len = bytevector_length(bv);
  int64_t start = a.has(2) ? a.index(2) : 0;
  int64_t end = a.has(3) ? a.index(3) : len;
  if (end > len) range_error(a.who, a[3], bv);
  if (start > end) range_error(a.who, a[2], bv);
  if (!p && end > start) error("bytevector->foreign-memory!: null pointer dereference", {a[1]});
  if (end > start) std::memcpy(p, bytevector_bytes(bv) + start, static_cast<size_t>(end - start));
  return kUnspecified;
}

KILN_PRIMITIVE(prim_pointer_to_string, "pointer->string", 1, 2,
               "(pointer->string ptr [n]): the UTF-8 text at ptr, up to its NUL or n bytes, as a new string.") {
  const char* p = static_cast<const char*>(checked_pointer(a, 0));
  if (!p) error("pointer->string: null pointer dereference", {a[0]});
  if (a.has(1)) return make_string(std::string_view(p, static_cast<size_t>(a.index(1))));
  return make_string(std::string_view(p));
}

KILN_PRIMITIVE(prim_string_to_pointer, "string->pointer", 1, 1,
               "(string->pointer str): a NUL-terminated UTF-8 copy of str in C memory (malloc); free it with "
               "foreign-free.") {
  std::string text = string_to_utf8(a.string(0));
  char* p = static_cast<char*>(std::malloc(text.size() + 1));
  if (!p) error("string->pointer: out of memory");
  std::memcpy(p, text.c_str(), text.size() + 1);
  return make_pointer(p);
}

}  // namespace kiln::ffi
