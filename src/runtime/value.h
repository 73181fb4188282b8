// The Scheme value: one 64-bit word, low-bit tagged.
//
//   ...xxxxxxx0   fixnum: a 63-bit signed integer shifted left by one. Tag 0
//                 means tagged words add, subtract and compare directly;
//                 only overflow needs a check.
//   ...xxxxx001   heap object: the word minus one is an 8-byte aligned
//                 `Object*` whose first word is its header (object.h).
//   ...xxxxx011   immediate: bits 3..7 say which kind, bits 8.. the payload.
//                 Characters carry their code point; the constants (#f, #t,
//                 '(), unspecified, eof, ...) are fixed words below.
//   ...xxxxx101   pair: the word minus five is the address of a headerless
//                 16-byte {car, cdr} (object.h `Pair`), so `pair?` is one
//                 test of the tag and a pair takes one 16-byte slot of the
//                 collector instead of 32. Literal (quoted) pairs live in
//                 one reserved address range (literal.h).
//   ...xxxxx111   reserved.
//
// Tags 001 and 101 are the two kinds of pointers into memory: `is_heap`
// tests both at once ((raw & 3) == 1).
//
// The representation is shared by the VM, the JIT and the runtime; the
// constants below are the only place it is spelled out.
#pragma once

#include <cstdint>
#include <type_traits>

namespace kiln {

struct Object;
struct Pair;

struct Value {
  uint64_t raw;

  static constexpr uint64_t kFixnumMask = 1;
  static constexpr uint64_t kTagMask = 7;
  static constexpr uint64_t kObjectTag = 1;
  static constexpr uint64_t kImmediateTag = 3;
  static constexpr uint64_t kPairTag = 5;
  static constexpr uint64_t kCharTag = 0x03;      // (codepoint << 8) | 0x03
  static constexpr uint64_t kConstantTag = 0x0b;  // (n << 8) | 0x0b

  static constexpr int64_t kFixnumMax = INT64_MAX >> 1;
  static constexpr int64_t kFixnumMin = INT64_MIN >> 1;

  constexpr bool operator==(const Value&) const = default;

  // --- constructors -------------------------------------------------------
  static constexpr Value from_raw(uint64_t raw) { return Value{raw}; }
  /// Caller guarantees kFixnumMin <= n <= kFixnumMax.
  static constexpr Value fixnum(int64_t n) { return Value{static_cast<uint64_t>(n) << 1}; }
  static constexpr bool fits_fixnum(int64_t n) { return n >= kFixnumMin && n <= kFixnumMax; }
  static Value object(const Object* o) { return Value{reinterpret_cast<uint64_t>(o) + kObjectTag}; }
  static Value pair(const Pair* p) { return Value{reinterpret_cast<uint64_t>(p) + kPairTag}; }
  static constexpr Value character(uint32_t cp) { return Value{(uint64_t{cp} << 8) | kCharTag}; }
  static constexpr Value constant(uint64_t n) { return Value{(n << 8) | kConstantTag}; }
  static constexpr Value boolean(bool b);

  // --- tests --------------------------------------------------------------
  constexpr bool is_fixnum() const { return (raw & kFixnumMask) == 0; }
  /// A header-carrying heap object (never a pair).
  constexpr bool is_object() const { return (raw & kTagMask) == kObjectTag; }
  constexpr bool is_pair() const { return (raw & kTagMask) == kPairTag; }
  /// A pointer into memory: an object or a pair. Such a word must stay
  /// where the collector sees it (gc.h).
  constexpr bool is_heap() const { return (raw & 3) == 1; }
  constexpr bool is_char() const { return (raw & 0xff) == kCharTag; }
  constexpr bool is_immediate() const { return (raw & kTagMask) == kImmediateTag; }

  // --- accessors (unchecked: test first) ----------------------------------
  constexpr int64_t as_fixnum() const { return static_cast<int64_t>(raw) >> 1; }
  Object* as_object() const { return reinterpret_cast<Object*>(raw - kObjectTag); }
  constexpr uint32_t as_char() const { return static_cast<uint32_t>(raw >> 8); }
  /// For header-carrying objects only; a pair is as_pair().
  template <class T> T* as() const {
    static_assert(!std::is_base_of_v<Pair, T>, "a pair is as_pair(): its tag is not the object tag");
    return reinterpret_cast<T*>(raw - kObjectTag);
  }
  Pair* as_pair() const { return reinterpret_cast<Pair*>(raw - kPairTag); }
};

static_assert(sizeof(Value) == 8);

// The constants. `kRaise` never appears as a Scheme value: a procedure entry
// or primitive returns it to say "an exception is pending in the thread".
inline constexpr Value kFalse = Value::constant(0);
inline constexpr Value kTrue = Value::constant(1);
inline constexpr Value kNil = Value::constant(2);
inline constexpr Value kUnspecified = Value::constant(3);
inline constexpr Value kEof = Value::constant(4);
inline constexpr Value kDefault = Value::constant(5);    // an absent optional argument
inline constexpr Value kUnbound = Value::constant(6);    // a global cell with no value yet
inline constexpr Value kUndefined = Value::constant(7);  // a letrec variable read too early
inline constexpr Value kRaise = Value::constant(8);
// Nor `kRawResult`: machine code's raw return of a double in xmm0
// (jit/raw_returns.h), to its own raw call sites only.
inline constexpr Value kRawResult = Value::constant(9);

constexpr Value Value::boolean(bool b) { return b ? kTrue : kFalse; }

constexpr bool is_true(Value v) { return v != kFalse; }
constexpr bool is_false(Value v) { return v == kFalse; }
constexpr bool is_null(Value v) { return v == kNil; }
constexpr bool is_boolean(Value v) { return v == kTrue || v == kFalse; }

}  // namespace kiln
