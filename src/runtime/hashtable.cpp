#include "runtime/hashtable.h"

#include <cmath>
#include <cstring>
#include <string>

#include "runtime/equal.h"
#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/unicode_case.h"

namespace kiln {

// --- hashing -----------------------------------------------------------------

namespace {

// The splitmix64 finalizer: spreads every input bit over the whole word.
uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

uint64_t combine(uint64_t h, uint64_t x) { return mix(h ^ (x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2))); }

// Results are kept non-negative as fixnums (so `hash` can return them).
constexpr uint64_t kHashMask = (uint64_t{1} << 61) - 1;

uint64_t hash_code_points(const uint32_t* s, int64_t n) {
  uint64_t h = 0x6a09e667f3bcc908ull ^ static_cast<uint64_t>(n);
  for (int64_t i = 0; i < n; ++i) h = (h ^ s[i]) * 0x100000001b3ull;  // FNV-1a over code points
  return mix(h);
}

// Numbers hash by value. Both zeros hash alike, and so do all NaNs, so the
// hash agrees with eqv? however numbers.cpp settles those corner cases.
uint64_t number_hash(Value v) {
  if (v.is_fixnum()) return mix(v.raw);
  switch (v.as_object()->type()) {
    case Type::Flonum: {
      double d = flonum_value(v);
      if (d == 0) d = 0;
      if (std::isnan(d)) return 0x7ff8ull;
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      return mix(bits ^ 0xf10a7ull);
    }
    case Type::Bignum: {
      const mpz_t& z = v.as<Bignum>()->z;
      uint64_t h = static_cast<uint64_t>(mpz_sgn(z)) + 0xb16ull;
      size_t n = mpz_size(z);
      for (size_t i = 0; i < n; ++i) h = combine(h, mpz_getlimbn(z, i));
      return h;
    }
    case Type::Ratnum:
      return combine(number_hash(v.as<Ratnum>()->num), number_hash(v.as<Ratnum>()->den));
    default:
      return eq_hash(v);
  }
}

bool is_heap_number(Value v) {
  return v.is_object() && (v.as_object()->type() == Type::Flonum || v.as_object()->type() == Type::Bignum ||
                           v.as_object()->type() == Type::Ratnum);
}

// equal-hash of v, visiting at most `budget` nodes in all; past that,
// compound values contribute only their type and length.
uint64_t equal_hash_bounded(Value v, int& budget) {
  uint64_t h = 0x5eed;
  for (;;) {
    if (is_pair(v)) {
      if (--budget < 0) return combine(h, 0x9a11);
      h = combine(h, equal_hash_bounded(car(v), budget));
      v = cdr(v);
      continue;
    }
    if (is_vector(v)) {
      int64_t n = vector_length(v);
      h = combine(h, 0xec7 + static_cast<uint64_t>(n));
      for (int64_t i = 0; i < n && budget > 0; ++i) {
        --budget;
        h = combine(h, equal_hash_bounded(vector_items(v)[i], budget));
      }
      return h;
    }
    if (is_string(v)) return combine(h, string_hash(v));
    if (is_bytevector(v)) {
      uint64_t b = 0xb7e5ull ^ static_cast<uint64_t>(bytevector_length(v));
      for (int64_t i = 0; i < bytevector_length(v); ++i) b = (b ^ bytevector_bytes(v)[i]) * 0x100000001b3ull;
      return combine(h, mix(b));
    }
    return combine(h, eqv_hash(v));
  }
}

}  // namespace

uint64_t eq_hash(Value v) {
  if (is_symbol(v)) return v.as<Symbol>()->hash & kHashMask;
  return mix(v.raw) & kHashMask;
}

uint64_t eqv_hash(Value v) {
  if (v.is_fixnum() || is_heap_number(v)) return number_hash(v) & kHashMask;
  return eq_hash(v);
}

uint64_t equal_hash(Value v) {
  // (What the loop below makes of a fixnum, without its type tests.)
  if (v.is_fixnum()) return combine(0x5eed, mix(v.raw) & kHashMask) & kHashMask;
  int budget = 64;
  return equal_hash_bounded(v, budget) & kHashMask;
}

uint64_t string_hash(Value s) { return hash_code_points(as_string(s)->chars, string_length(s)) & kHashMask; }

uint64_t string_ci_hash(Value s) {
  std::u32string folded;
  string_foldcase_into(as_string(s)->chars, string_length(s), folded);
  return hash_code_points(reinterpret_cast<const uint32_t*>(folded.data()), static_cast<int64_t>(folded.size())) &
         kHashMask;
}

// --- the table -----------------------------------------------------------------

namespace {

constexpr int64_t kInitialBuckets = 8;

bool string_ci_equal(Value a, Value b) {
  std::u32string fa, fb;
  string_foldcase_into(as_string(a)->chars, string_length(a), fa);
  string_foldcase_into(as_string(b)->chars, string_length(b), fb);
  return fa == fb;
}

bool string_equal(Value a, Value b) {
  int64_t n = string_length(a);
  return n == string_length(b) && std::memcmp(as_string(a)->chars, as_string(b)->chars, 4 * n) == 0;
}

void check_key(HashKind kind, Value key, const char* who) {
  if ((kind == HashKind::String || kind == HashKind::StringCi) && !is_string(key))
    type_error(who, 2, "string key (string table)", key);
}

uint64_t hash_of(HashKind kind, Value key) {
  switch (kind) {
    case HashKind::Eq: return eq_hash(key);
    case HashKind::Eqv: return eqv_hash(key);
    case HashKind::Equal: return equal_hash(key);
    case HashKind::String: return string_hash(key);
    case HashKind::StringCi: return string_ci_hash(key);
  }
  return 0;
}

bool same_key(HashKind kind, Value a, Value b) {
  switch (kind) {
    case HashKind::Eq: return a == b;
    // Immediates (fixnums, characters, booleans...) are eqv? and equal?
    // only to themselves: no call for the common fixnum and symbol keys.
    case HashKind::Eqv: return a == b || (a.is_object() && b.is_object() && is_eqv(a, b));
    case HashKind::Equal: return a == b || (a.is_heap() && b.is_heap() && is_equal(a, b));
    case HashKind::String: return string_equal(a, b);
    case HashKind::StringCi: return string_ci_equal(a, b);
  }
  return false;
}

Value* bucket_for(HashTable* t, uint64_t hash) {
  int64_t n = vector_length(t->buckets);
  return &vector_items(t->buckets)[hash & static_cast<uint64_t>(n - 1)];
}

void check_mutable_table(Value table, const char* who) {
  if (table.as_object()->immutable()) error(std::string(who) + ": hash table is immutable", {table});
}

HashEntry* entry_of(Value e) { return static_cast<HashEntry*>(e.as_pair()); }

uint64_t hash_of(const HashEntry* e) { return static_cast<uint64_t>(e->hash.as_fixnum()); }

Value make_entry(Value key, Value value, Value next, uint64_t hash) {
  auto* e = static_cast<HashEntry*>(gc_alloc_small(sizeof(HashEntry)));
  e->car = key;
  e->cdr = value;
  e->next = next;
  e->hash = Value::fixnum(static_cast<int64_t>(hash));
  return Value::pair(e);
}

/// The entry for `key`, whose hash is `hash`, or kFalse.
Value find_entry(HashTable* t, Value key, uint64_t hash) {
  for (Value e = *bucket_for(t, hash); e != kNil; e = entry_of(e)->next)
    if (hash_of(entry_of(e)) == hash && same_key(t->kind, entry_of(e)->car, key)) return e;
  return kFalse;
}

// Doubles the bucket vector, relinking the existing entries by their kept
// hashes.
void grow(HashTable* t) {
  Value old = t->buckets;
  int64_t old_n = vector_length(old);
  t->buckets = make_vector(old_n * 2, kNil);
  for (int64_t i = 0; i < old_n; ++i) {
    Value e = vector_items(old)[i];
    while (e != kNil) {
      Value next = entry_of(e)->next;
      Value* b = bucket_for(t, hash_of(entry_of(e)));
      entry_of(e)->next = *b;
      *b = e;
      e = next;
    }
  }
}

}  // namespace

Value make_hash_table(HashKind kind) {
  HashTable* t = gc_new<HashTable>(Type::HashTable, sizeof(HashTable));
  t->buckets = make_vector(kInitialBuckets, kNil);
  t->count = 0;
  t->kind = kind;
  return Value::object(t);
}

Value hash_table_copy(Value table) {
  HashTable* src = as_hash_table(table);
  Value copy = make_hash_table(src->kind);
  HashTable* t = as_hash_table(copy);
  int64_t n = vector_length(src->buckets);
  t->buckets = make_vector(n, kNil);
  for (int64_t i = 0; i < n; ++i)
    for (Value e = vector_items(src->buckets)[i]; e != kNil; e = entry_of(e)->next)
      vector_items(t->buckets)[i] =
          make_entry(entry_of(e)->car, entry_of(e)->cdr, vector_items(t->buckets)[i], hash_of(entry_of(e)));
  t->count = src->count;
  return copy;
}

Value hash_table_entry(Value table, Value key, const char* who) {
  HashTable* t = as_hash_table(table);
  check_key(t->kind, key, who);
  return find_entry(t, key, hash_of(t->kind, key));
}

void hash_table_set(Value table, Value key, Value value, const char* who) {
  check_mutable_table(table, who);
  HashTable* t = as_hash_table(table);
  check_key(t->kind, key, who);
  uint64_t hash = hash_of(t->kind, key);
  Value entry = find_entry(t, key, hash);
  if (entry != kFalse) {
    set_cdr(entry, value);
    return;
  }
  if (t->count >= vector_length(t->buckets)) grow(t);
  Value* b = bucket_for(t, hash);
  *b = make_entry(key, value, *b, hash);
  ++t->count;
}

bool hash_table_delete(Value table, Value key, const char* who) {
  check_mutable_table(table, who);
  HashTable* t = as_hash_table(table);
  check_key(t->kind, key, who);
  uint64_t hash = hash_of(t->kind, key);
  Value* link = bucket_for(t, hash);
  for (Value e = *link; e != kNil; e = entry_of(e)->next) {
    if (hash_of(entry_of(e)) == hash && same_key(t->kind, entry_of(e)->car, key)) {
      *link = entry_of(e)->next;
      --t->count;
      return true;
    }
    link = &entry_of(e)->next;
  }
  return false;
}

void hash_table_clear(Value table) {
  HashTable* t = as_hash_table(table);
  t->buckets = make_vector(kInitialBuckets, kNil);
  t->count = 0;
}

}  // namespace kiln
