// Literal constants: the data of `quote` (and of self-evaluating vectors),
// which a program must not modify.
//
// Strings, vectors and bytevectors carry an immutable bit in their header
// (object.h). Pairs have no header (value.h), so a literal pair is told
// apart by where it lives: `freeze_literal` copies the pairs of a quoted
// datum into the literal range, one address range reserved at start-up,
// and "is this pair a literal" is a test of the Value's high bits against a
// constant, with no memory load (machine code: mov; shr; cmp).
//
// Invariants:
// - The range is 2^kLiteralShift bytes, aligned to its size, reserved
//   without backing store (pages are committed as they are touched) and
//   bump-allocated, 16 bytes a pair. It is not the collector's memory: the
//   collector never frees or moves a literal pair. It scans the used part
//   as a root at every collection, so whatever a literal pair holds stays
//   alive.
// - Literal pairs are never freed. A program that makes an unbounded number
//   of quoted constants at run time (`eval` of fresh `quote` forms in a
//   loop) grows the range until it is full, which is a Scheme error.
// - A literal pair holds only literal pairs, immutable vectors, strings and
//   bytevectors, and atoms: freezing is deep.
#pragma once

#include <cstdint>

#include "runtime/srcloc.h"
#include "runtime/value.h"

namespace kiln {

/// log2 of the literal range's size and alignment: 1 GB, 64M pairs.
constexpr int kLiteralShift = 30;

/// The literal range's address >> kLiteralShift; all ones before
/// literal_init (no pair matches). Constant after it, so machine code
/// compares with it as an immediate.
extern uint64_t g_literal_index;

/// Reserves the range and registers it as a root. Called by gc_init.
void literal_init();

/// Whether the pair `v` is a literal. Only meaningful for pairs.
inline bool is_literal_pair(Value v) { return (v.raw >> kLiteralShift) == g_literal_index; }

/// Whether `v` is a literal constant: a literal pair, or a string, vector,
/// bytevector or hash table marked immutable.
bool is_literal(Value v);

/// The literal form of `datum`: its pairs copied into the literal range
/// (shared structure and cycles preserved, pairs already literal kept as
/// they are), and its vectors, strings and bytevectors marked immutable in
/// place, with their elements frozen. Source locations of copied pairs are
/// copied too. Data nested too deeply to copy on the C++ stack raise a
/// syntax-error naming `where`, the location of the quote.
Value freeze_literal(Value datum, SrcLoc where = {});

}  // namespace kiln
