#include "ffi/convert.h"

#include <cstring>
#include <string>

#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/numbers.h"

namespace kiln::ffi {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "from_c reads widened results as their low bytes");

Value make_pointer(void* address) {
  auto* p = gc_new_atomic<ForeignPointer>(Type::Pointer, sizeof(ForeignPointer));
  p->address = address;
  return Value::object(p);
}

namespace {

[[noreturn]] void out_of_range(FfiType t, Value v, const char* who, int argpos) {
  std::string msg = std::string(who) + ": integer out of range for " + type_info(t).name;
  if (argpos > 0) msg += " as argument " + std::to_string(argpos);
  error_of_kind("range-error", msg, {v});
}

/// The exact integer `v` as a two's-complement 64-bit pattern, checked
/// against the range of integer type `t`.
uint64_t integer_bits(FfiType t, Value v, const char* who, int argpos) {
  const FfiTypeInfo& info = type_info(t);
  if (!is_exact_integer(v)) {
    std::string expected = std::string("exact integer (") + info.name + ")";
    type_error(who, argpos, expected.c_str(), v);
  }
  int bits = static_cast<int>(info.size * 8);
  if (is_signed_type(t)) {
    int64_t n;
    if (!integer_to_int64(v, &n)) out_of_range(t, v, who, argpos);
    if (bits < 64) {
      int64_t lo = -(int64_t{1} << (bits - 1)), hi = (int64_t{1} << (bits - 1)) - 1;
      if (n < lo || n > hi) out_of_range(t, v, who, argpos);
    }
    return static_cast<uint64_t>(n);
  }
  uint64_t u;
  if (v.is_fixnum()) {
    if (v.as_fixnum() < 0) out_of_range(t, v, who, argpos);
    u = static_cast<uint64_t>(v.as_fixnum());
  } else {
    mpz_srcptr z = v.as<Bignum>()->z;
    if (mpz_sgn(z) < 0 || !mpz_fits_ulong_p(z)) out_of_range(t, v, who, argpos);
    u = mpz_get_ui(z);
  }
  if (bits < 64 && u >= (uint64_t{1} << bits)) out_of_range(t, v, who, argpos);
  return u;
}

Value make_uint64(uint64_t u) {
  if (u <= static_cast<uint64_t>(INT64_MAX)) return make_integer(static_cast<int64_t>(u));
  mpz_t z;
  mpz_init_set_ui(z, u);
  Value r = make_integer_mpz(z);
  mpz_clear(z);
  return r;
}

double real_value(FfiType t, Value v, const char* who, int argpos) {
  if (v.is_fixnum()) return static_cast<double>(v.as_fixnum());
  if (is_flonum(v)) return flonum_value(v);
  if (is_number(v)) return num_to_double(v);
  std::string expected = std::string("real number (") + type_info(t).name + ")";
  type_error(who, argpos, expected.c_str(), v);
}

}  // namespace

void to_c(FfiType t, Value v, void* slot, const char* who, int argpos) {
  if (fixnum_fits(t, v)) {
    int64_t n = v.as_fixnum();
    std::memcpy(slot, &n, type_info(t).size);  // the low bytes (little endian)
    return;
  }
  switch (t) {
    case FfiType::Void:
      error(std::string(who) + ": void is not a value type");
    case FfiType::Int8:
    case FfiType::UInt8: {
      uint8_t b = static_cast<uint8_t>(integer_bits(t, v, who, argpos));
      std::memcpy(slot, &b, 1);
      return;
    }
    case FfiType::Int16:
    case FfiType::UInt16: {
      uint16_t h = static_cast<uint16_t>(integer_bits(t, v, who, argpos));
      std::memcpy(slot, &h, 2);
      return;
    }
    case FfiType::Int32:
    case FfiType::UInt32: {
      uint32_t w = static_cast<uint32_t>(integer_bits(t, v, who, argpos));
      std::memcpy(slot, &w, 4);
      return;
    }
    case FfiType::Int64:
    case FfiType::UInt64: {
      uint64_t q = integer_bits(t, v, who, argpos);
      std::memcpy(slot, &q, 8);
      return;
    }
    case FfiType::Float: {
      float f = static_cast<float>(real_value(t, v, who, argpos));
      std::memcpy(slot, &f, 4);
      return;
    }
    case FfiType::Double: {
      double d = real_value(t, v, who, argpos);
      std::memcpy(slot, &d, 8);
      return;
    }
    case FfiType::Bool: {
      if (!is_boolean(v)) type_error(who, argpos, "boolean (bool)", v);
      uint8_t b = v == kTrue;
      std::memcpy(slot, &b, 1);
      return;
    }
    case FfiType::Pointer: {
      if (!is_pointer(v)) type_error(who, argpos, "pointer", v);
      void* p = pointer_address(v);
      std::memcpy(slot, &p, 8);
      return;
    }
    case FfiType::String: {
      if (!is_string(v)) type_error(who, argpos, "string", v);
      char* copy = c_string(v, nullptr, 0);
      if (!copy)
        error(std::string(who) + ": string with a NUL character cannot be passed as a C string (argument " +
                  std::to_string(argpos) + ")",
              {v});
      std::memcpy(slot, &copy, 8);
      return;
    }
    case FfiType::Bytevector: {
      if (!is_bytevector(v)) type_error(who, argpos, "bytevector", v);
      void* p = bytevector_bytes(v);
      std::memcpy(slot, &p, 8);
      return;
    }
  }
}

char* c_string(Value s, char* buf, size_t cap) {
  if (!is_string(s)) return nullptr;
  const String* str = s.as<String>();
  int64_t n = str->length();
  // The common case in one branch-free pass: ASCII without NUL that fits.
  // (The JIT's direct calls spend most of a short string's call here.)
  if (static_cast<uint64_t>(n) < cap) {
    uint32_t other = 0;  // nonzero if some character is NUL or not ASCII
    for (int64_t i = 0; i < n; ++i) {
      uint32_t c = str->chars[i];
      buf[i] = static_cast<char>(c);
      other |= (c - 1) >= 0x7f;
    }
    if (!other) {
      buf[n] = 0;
      return buf;
    }
  }
  // Two passes: the size, then the bytes (no std::string in between).
  size_t bytes = 1;
  for (int64_t i = 0; i < n; ++i) {
    uint32_t c = str->chars[i];
    if (c == 0) return nullptr;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  char* out = bytes <= cap ? buf : static_cast<char*>(gc_alloc_atomic(bytes));
  char* p = out;
  for (int64_t i = 0; i < n; ++i) {
    uint32_t c = str->chars[i];
    if (c < 0x80) {
      *p++ = static_cast<char>(c);
    } else if (c < 0x800) {
      *p++ = static_cast<char>(0xc0 | (c >> 6));
      *p++ = static_cast<char>(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      *p++ = static_cast<char>(0xe0 | (c >> 12));
      *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3f));
      *p++ = static_cast<char>(0x80 | (c & 0x3f));
    } else {
      *p++ = static_cast<char>(0xf0 | (c >> 18));
      *p++ = static_cast<char>(0x80 | ((c >> 12) & 0x3f));
      *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3f));
      *p++ = static_cast<char>(0x80 | (c & 0x3f));
    }
  }
  *p = 0;
  return out;
}

Value from_c(FfiType t, const void* p) {
  switch (t) {
    case FfiType::Void: return kUnspecified;
    case FfiType::Int8: { int8_t x; std::memcpy(&x, p, 1); return Value::fixnum(x); }
    case FfiType::UInt8: { uint8_t x; std::memcpy(&x, p, 1); return Value::fixnum(x); }
    case FfiType::Int16: { int16_t x; std::memcpy(&x, p, 2); return Value::fixnum(x); }
    case FfiType::UInt16: { uint16_t x; std::memcpy(&x, p, 2); return Value::fixnum(x); }
    case FfiType::Int32: { int32_t x; std::memcpy(&x, p, 4); return Value::fixnum(x); }
    case FfiType::UInt32: { uint32_t x; std::memcpy(&x, p, 4); return Value::fixnum(x); }
    case FfiType::Int64: { int64_t x; std::memcpy(&x, p, 8); return make_integer(x); }
    case FfiType::UInt64: { uint64_t x; std::memcpy(&x, p, 8); return make_uint64(x); }
    case FfiType::Float: { float x; std::memcpy(&x, p, 4); return make_flonum(x); }
    case FfiType::Double: { double x; std::memcpy(&x, p, 8); return make_flonum(x); }
    case FfiType::Bool: { uint8_t x; std::memcpy(&x, p, 1); return Value::boolean(x != 0); }
    case FfiType::Pointer: { void* x; std::memcpy(&x, p, 8); return make_pointer(x); }
    case FfiType::String: {
      const char* s;
      std::memcpy(&s, p, 8);
      return s ? make_string(std::string_view(s)) : kFalse;
    }
    case FfiType::Bytevector:
      break;  // rejected when signatures are parsed
  }
  error("foreign value of type bytevector cannot be converted to Scheme");
}

void to_c_return(FfiType t, Value v, void* ret, const char* who) {
  if (t == FfiType::Void) return;
  alignas(8) unsigned char slot[8] = {};
  to_c(t, v, slot, who, 0);
  if (is_integer_type(t) || t == FfiType::Bool) {
    // libffi reads a narrow integer result as a whole ffi_arg.
    uint64_t bits = 0;
    std::memcpy(&bits, slot, type_info(t).size);
    int width = static_cast<int>(type_info(t).size * 8);
    if (is_signed_type(t) && width < 64) bits = static_cast<uint64_t>((static_cast<int64_t>(bits << (64 - width))) >> (64 - width));
    ffi_arg wide = bits;
    std::memcpy(ret, &wide, sizeof wide);
    return;
  }
  std::memcpy(ret, slot, type_info(t).size);
}

void zero_return(FfiType t, void* ret) {
  if (t == FfiType::Void) return;
  std::memset(ret, 0, sizeof(ffi_arg) > type_info(t).size ? sizeof(ffi_arg) : type_info(t).size);
}

}  // namespace kiln::ffi
