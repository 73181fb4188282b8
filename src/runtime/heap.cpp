#include "runtime/heap.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <unordered_map>

#include "runtime/numbers.h"

namespace kiln {

Value list(std::initializer_list<Value> items) {
  Value result = kNil;
  for (auto it = items.end(); it != items.begin();) result = cons(*--it, result);
  return result;
}

int64_t list_length(Value v) {
  // Floyd: `slow` advances every other step, so a cycle makes them meet.
  int64_t n = 0;
  Value slow = v;
  while (is_pair(v)) {
    v = cdr(v);
    ++n;
    if (n % 2 == 0) {
      slow = cdr(slow);
      if (slow == v && is_pair(v)) return -1;
    }
  }
  return is_null(v) ? n : -1;
}

Value list_reverse(Value v) {
  Value r = kNil;
  for (; is_pair(v); v = cdr(v)) r = cons(car(v), r);
  return r;
}

Value make_flonum(double d) {
  // From the flonum list (gc.h) rather than an atomic allocation: an
  // inline pop, the same one machine code does, is several times cheaper
  // than GC_malloc_atomic.
  Flonum* f = gc_new<Flonum>(Type::Flonum, sizeof(Flonum));
  f->value = d;
  return Value::object(f);
}

Value make_integer(int64_t n) {
  if (Value::fits_fixnum(n)) return Value::fixnum(n);
  Bignum* b = gc_new<Bignum>(Type::Bignum, sizeof(Bignum));
  mpz_init_set_si(b->z, n);
  return Value::object(b);
}

// --- strings ---------------------------------------------------------------

Value make_string(int64_t length, uint32_t fill) {
  String* s = gc_new_atomic<String>(Type::String, sizeof(String) + 4 * length, length);
  for (int64_t i = 0; i < length; ++i) s->chars[i] = fill;
  return Value::object(s);
}

Value make_string(const uint32_t* chars, int64_t length) {
  String* s = gc_new_atomic<String>(Type::String, sizeof(String) + 4 * length, length);
  if (length) std::memcpy(s->chars, chars, 4 * length);
  return Value::object(s);
}

Value make_string(std::string_view utf8) {
  // ASCII (number->string, most names) is widened in place: no decoding
  // buffer to allocate and copy from.
  if (is_ascii(utf8)) {
    auto length = static_cast<int64_t>(utf8.size());
    String* s = gc_new_atomic<String>(Type::String, sizeof(String) + 4 * length, length);
    widen_ascii(utf8, s->chars);
    return Value::object(s);
  }
  std::u32string cps = utf8_decode(utf8);
  return make_string(reinterpret_cast<const uint32_t*>(cps.data()), static_cast<int64_t>(cps.size()));
}

void utf8_append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

bool is_ascii(std::string_view utf8) {
  return std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

void widen_ascii(std::string_view ascii, uint32_t* out) {
  for (size_t i = 0; i < ascii.size(); ++i) out[i] = static_cast<unsigned char>(ascii[i]);
}

std::u32string utf8_decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    int extra;
    if (c < 0x80) { cp = c; extra = 0; }
    else if ((c & 0xe0) == 0xc0) { cp = c & 0x1f; extra = 1; }
    else if ((c & 0xf0) == 0xe0) { cp = c & 0x0f; extra = 2; }
    else if ((c & 0xf8) == 0xf0) { cp = c & 0x07; extra = 3; }
    else { out += U'\uFFFD'; ++i; continue; }
    bool ok = true;
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) { ok = false; break; }
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    }
    if (!ok) { out += U'\uFFFD'; ++i; continue; }
    out += static_cast<char32_t>(cp);
    i += extra + 1;
  }
  return out;
}

std::string string_to_utf8(Value v) {
  String* s = as_string(v);
  std::string out;
  out.reserve(s->length());
  for (int64_t i = 0; i < s->length(); ++i) utf8_append(out, s->chars[i]);
  return out;
}

// --- symbols ---------------------------------------------------------------

namespace {
// The symbol table lives in traceable memory, so interned symbols stay alive
// (symbols are never collected).
using SymbolMap = std::unordered_map<std::string, Value, std::hash<std::string>, std::equal_to<std::string>,
                                     traceable_allocator<std::pair<const std::string, Value>>>;
SymbolMap& symbol_table() {
  static SymbolMap* table = new (gc_alloc_root(sizeof(SymbolMap))) SymbolMap();
  return *table;
}

Value new_symbol(std::string_view utf8) {
  Symbol* s = gc_new<Symbol>(Type::Symbol, sizeof(Symbol));
  Value name = make_string(utf8);
  name.as_object()->set_immutable();
  s->name = name;
  s->hash = std::hash<std::string_view>{}(utf8);
  return Value::object(s);
}
}  // namespace

Value intern(std::string_view utf8) {
  SymbolMap& table = symbol_table();
  auto it = table.find(std::string(utf8));
  if (it != table.end()) return it->second;
  Value sym = new_symbol(utf8);
  table.emplace(std::string(utf8), sym);
  return sym;
}

Value intern(Value string) { return intern(string_to_utf8(string)); }

Value make_uninterned_symbol(std::string_view utf8) { return new_symbol(utf8); }

std::string symbol_to_utf8(Value sym) { return string_to_utf8(symbol_name(sym)); }

// --- vectors -----------------------------------------------------------------

Value make_vector(int64_t length, Value fill) {
  Vector* v = gc_new<Vector>(Type::Vector, sizeof(Vector) + 8 * length, length);
  for (int64_t i = 0; i < length; ++i) v->items[i] = fill;
  return Value::object(v);
}

Value list_to_vector(Value list) {
  int64_t n = list_length(list);
  Value v = make_vector(n < 0 ? 0 : n);
  for (int64_t i = 0; i < n; ++i, list = cdr(list)) vector_items(v)[i] = car(list);
  return v;
}

Value vector_to_list(Value vec) {
  Value r = kNil;
  for (int64_t i = vector_length(vec); i-- > 0;) r = cons(vector_items(vec)[i], r);
  return r;
}

Value make_bytevector(int64_t length, uint8_t fill) {
  Bytevector* b = gc_new_atomic<Bytevector>(Type::Bytevector, sizeof(Bytevector) + length, length);
  std::memset(b->bytes, fill, length);
  return Value::object(b);
}

// --- boxes, cells, values ----------------------------------------------------

Value make_box(Value v) {
  Box* b = gc_new<Box>(Type::Box, sizeof(Box));
  b->value = v;
  return Value::object(b);
}

Value make_cell(Value name, Value value) {
  Cell* c = gc_new<Cell>(Type::Cell, sizeof(Cell));
  c->value = value;
  c->name = name;
  c->watch = nullptr;
  c->builtin = false;
  return Value::object(c);
}

Value make_values(const Value* items, int64_t n) {
  if (n == 1) return items[0];
  Values* v = gc_new<Values>(Type::Values, sizeof(Values) + 8 * n, n);
  for (int64_t i = 0; i < n; ++i) v->items[i] = items[i];
  return Value::object(v);
}

bool is_procedure(Value v) {
  if (!v.is_object()) return false;
  switch (v.as_object()->type()) {
    case Type::Closure:
    case Type::Primitive:
    case Type::CaseLambda:
    case Type::Parameter:
    case Type::Continuation:
      return true;
    default:
      return false;
  }
}

}  // namespace kiln
