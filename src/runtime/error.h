// Raising Scheme exceptions from C++.
//
// The one raise path: runtime code sets `Thread::pending` to the raised
// object and throws `SchemeRaise`. The wrapper that KILN_PRIMITIVE puts
// around every primitive turns that into a `kRaise` return, so no C++
// exception ever crosses a VM dispatch loop or (later) JIT code; the caller
// then hands the object to the Scheme handlers.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "runtime/object.h"

namespace kiln {

/// Thrown by runtime code to raise; the object is in g_thread->pending.
struct SchemeRaise {};

/// R7RS error object: message string, irritants list, and a kind symbol
/// (`error`, `file-error`, `read-error`, `syntax-error`, ...).
struct ErrorObject : Object {
  Value message;
  Value irritants;
  Value kind;
};

Value make_error_object(std::string_view message, Value irritants, std::string_view kind = "error");
inline bool is_error_object(Value v) { return has_type(v, Type::ErrorObject); }

[[noreturn]] void raise(Value obj, bool continuable = false);
/// (error message irritant ...)
[[noreturn]] void error(std::string_view message, std::initializer_list<Value> irritants = {});
[[noreturn]] void error_of_kind(std::string_view kind, std::string_view message,
                                std::initializer_list<Value> irritants = {});
/// "who: expected <expected> as argument <argpos>, got: <got>"
[[noreturn]] void type_error(const char* who, int argpos, const char* expected, Value got);
/// "who: index <index> out of range for <object>"
[[noreturn]] void range_error(const char* who, Value index, Value object);
/// The error for `index`, argument `argpos` of `who`, which is no valid
/// index of `object`: out of range if it is an exact integer (a bignum or a
/// negative one included), else a type error.
[[noreturn]] void index_error(const char* who, int argpos, Value index, Value object);
/// A range-error for the *-copy! procedures: `count` items copied to index
/// `at` would run past the end of the destination `to`.
[[noreturn]] void copy_range_error(const char* who, Value at, int64_t count, Value to);

/// `exit` ends the program by raising this request with the status in
/// Thread::exit_code (after running the dynamic-wind afters in Scheme). It
/// unwinds every VM activation without reaching any handler; the driver
/// (cli/main.cpp) then flushes the ports and exits with the status.
[[noreturn]] void raise_exit_request(int status);
bool is_exit_request(Value v);

}  // namespace kiln
