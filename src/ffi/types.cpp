#include "ffi/types.h"

#include <cstring>

#include "runtime/heap.h"

namespace kiln::ffi {

static_assert(sizeof(int) == 4 && sizeof(long) == 8 && sizeof(size_t) == 8 && sizeof(void*) == 8,
              "the aliases int/long/size_t assume the LP64 model");
static_assert(sizeof(bool) == 1, "bool is passed as one byte");

namespace {
const FfiTypeInfo kTypes[] = {
#define KILN_X(e, name, size, align, ffi, doc) {name, size, align, &ffi},
    KILN_FFI_TYPES(KILN_X)
#undef KILN_X
};

struct Alias {
  const char* name;
  FfiType type;
};
const Alias kAliases[] = {
    {"int", FfiType::Int32}, {"long", FfiType::Int64}, {"size_t", FfiType::UInt64}, {"uintptr_t", FfiType::UInt64}};
}  // namespace

const FfiTypeInfo& type_info(FfiType t) { return kTypes[static_cast<int>(t)]; }

bool parse_type(Value d, FfiType* out) {
  if (is_pair(d)) {
    // (* T): a pointer; T must be a type (or void, for void*).
    static const Value star = intern("*");
    FfiType inner;
    if (car(d) != star || !is_pair(cdr(d)) || !is_null(cdr(cdr(d))) || !parse_type(car(cdr(d)), &inner))
      return false;
    *out = FfiType::Pointer;
    return true;
  }
  if (!is_symbol(d)) return false;
  std::string name = symbol_to_utf8(d);
  for (size_t i = 0; i < std::size(kTypes); ++i)
    if (name == kTypes[i].name) {
      *out = static_cast<FfiType>(i);
      return true;
    }
  for (const Alias& a : kAliases)
    if (name == a.name) {
      *out = a.type;
      return true;
    }
  return false;
}

bool is_integer_type(FfiType t) { return t >= FfiType::Int8 && t <= FfiType::UInt64; }

bool is_signed_type(FfiType t) {
  return t == FfiType::Int8 || t == FfiType::Int16 || t == FfiType::Int32 || t == FfiType::Int64;
}

}  // namespace kiln::ffi
