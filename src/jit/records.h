// define-record-type's primitives as the JIT sees them (emit_records.cpp
// runs them inline; record_calls.cpp runs the procedures made of them
// inline at their call sites).
#pragma once

#include <cstddef>
#include <cstdint>

namespace kiln::jit {

/// %record (a constructor's), %record? (a predicate's), %record-ref (an
/// accessor's), %record-set! (a modifier's).
enum class RecordOp : uint8_t { None, Make, Is, Ref, Set };

/// Which of them primitive `name` is, called with `nargs` arguments; None
/// for any other primitive or argument count.
RecordOp record_op(const char* name, size_t nargs);

}  // namespace kiln::jit
