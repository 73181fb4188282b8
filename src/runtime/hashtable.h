// Hash tables (the storage behind SRFI 69 / SRFI 125 hash-table-* procedures).
//
// A table is a GC object holding a Vector of buckets; each bucket is a chain
// of entries, linked through `next`. An entry is a (key . value) pair with
// two more words after it, its link and its key's hash: 32 bytes, one slot
// (gc.h). A probe is one load less than a list of entry pairs would be, for
// the same 32 bytes as a link pair plus an entry pair; the kept hash spares
// a growing table rehashing every key, and a probe comparing keys whose
// hashes differ. Entries are real pairs (tagged as pairs, value.h) to
// everything else. All storage
// is GC memory (scanned whole), so keys and values are traced like any other
// object. Eq and eqv tables hash objects by address,
// which is stable because the collector never moves objects.
//
// Only the built-in equivalences are supported (eq?, eqv?, equal?,
// string=?, string-ci=?): a user-defined equivalence or hash function needs a
// call back into Scheme, which primitives never make.
#pragma once

#include <cstdint>

#include "runtime/object.h"

namespace kiln {

enum class HashKind : uint8_t { Eq, Eqv, Equal, String, StringCi };

struct HashTable : Object {
  Value buckets;  // a Vector; its length is a power of two
  int64_t count;  // number of entries
  HashKind kind;
};

/// A table's entry: a pair, with the bucket chain's link and the key's hash
/// after it.
struct HashEntry : Pair {
  Value next;  // the next entry of the bucket, or ()
  Value hash;  // the key's hash, as a fixnum (no pointer to the collector)
};
static_assert(sizeof(HashEntry) == 32, "an entry is a pair, its link and its hash: one 32-byte slot");

inline bool is_hash_table(Value v) { return has_type(v, Type::HashTable); }
inline HashTable* as_hash_table(Value v) { return v.as<HashTable>(); }

/// A new, empty, mutable table.
Value make_hash_table(HashKind kind);
/// A copy with fresh entries (keys and values are shared).
Value hash_table_copy(Value table);

/// The (key . value) entry for `key`, or kFalse. Mutating the entry's cdr
/// updates the table. Raises a type error naming `who` if `key` is not a
/// string in a string table.
Value hash_table_entry(Value table, Value key, const char* who);
/// Adds or replaces the mapping for `key`.
void hash_table_set(Value table, Value key, Value value, const char* who);
/// Removes `key`; returns whether it was present.
bool hash_table_delete(Value table, Value key, const char* who);
void hash_table_clear(Value table);

/// Calls fn(entry) for every (key . value) entry, in no particular order.
/// `fn` must not add to or remove from the table.
template <class Fn>
void hash_table_for_each(Value table, Fn fn);

// --- hash functions (non-negative, consistent with their equivalence) ------
/// Consistent with equal?; looks at a bounded number of nodes, so it
/// terminates on cyclic data.
uint64_t equal_hash(Value v);
/// Consistent with eqv?: numbers by value, everything else by identity.
uint64_t eqv_hash(Value v);
uint64_t eq_hash(Value v);
uint64_t string_hash(Value s);
/// Consistent with string-ci=? (hashes the full case fold).
uint64_t string_ci_hash(Value s);

}  // namespace kiln

#include "runtime/heap.h"

template <class Fn>
void kiln::hash_table_for_each(Value table, Fn fn) {
  Value buckets = as_hash_table(table)->buckets;
  int64_t n = vector_length(buckets);
  for (int64_t i = 0; i < n; ++i)
    for (Value e = vector_items(buckets)[i]; e != kNil; e = static_cast<HashEntry*>(e.as_pair())->next) fn(e);
}
