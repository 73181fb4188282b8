// Scheme's equivalence predicates: eq?, eqv? and equal?.
#pragma once

#include "runtime/object.h"

namespace kiln {

/// eq?: the same word (same object, or the same immediate).
inline bool is_eq(Value a, Value b) { return a == b; }

/// eqv?: eq?, or two numbers of the same exactness that are numerically
/// equal (numbers.h's num_eqv decides for heap numbers).
bool is_eqv(Value a, Value b);

/// equal?: pairs and vectors compared element-wise, strings and bytevectors
/// by content, everything else by eqv?. Terminates on cyclic structures
/// (two circular lists with equal unfoldings are equal) and uses no C++
/// recursion, so million-element lists and deeply nested cars are fine.
/// Never allocates from the collector and never raises.
bool is_equal(Value a, Value b);

}  // namespace kiln
