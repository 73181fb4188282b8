#include "runtime/error.h"

#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/numbers.h"
#include "runtime/thread.h"

namespace kiln {

Value make_error_object(std::string_view message, Value irritants, std::string_view kind) {
  ErrorObject* e = gc_new<ErrorObject>(Type::ErrorObject, sizeof(ErrorObject));
  e->message = make_string(message);
  e->irritants = irritants;
  e->kind = intern(kind);
  return Value::object(e);
}

void raise(Value obj, bool continuable) {
  g_thread->pending = obj;
  g_thread->pending_continuable = continuable;
  throw SchemeRaise{};
}

void error_of_kind(std::string_view kind, std::string_view message, std::initializer_list<Value> irritants) {
  raise(make_error_object(message, list(irritants), kind));
}

void error(std::string_view message, std::initializer_list<Value> irritants) {
  error_of_kind("error", message, irritants);
}

void type_error(const char* who, int argpos, const char* expected, Value got) {
  std::string msg = std::string(who) + ": expected " + expected;
  if (argpos > 0) msg += " as argument " + std::to_string(argpos);
  error_of_kind("type-error", msg, {got});
}

void range_error(const char* who, Value index, Value object) {
  error_of_kind("range-error", std::string(who) + ": index out of range", {index, object});
}

void index_error(const char* who, int argpos, Value index, Value object) {
  if (is_exact_integer(index)) range_error(who, index, object);
  type_error(who, argpos, "exact integer", index);
}

namespace {
Value exit_request_object() {
  static Value* root = [] {
    auto* r = static_cast<Value*>(gc_alloc_root(sizeof(Value)));
    *r = make_uninterned_symbol("exit-request");
    return r;
  }();
  return *root;
}
}  // namespace

void raise_exit_request(int status) {
  g_thread->exit_code = status;
  raise(exit_request_object());
}

bool is_exit_request(Value v) { return v.is_object() && v == exit_request_object(); }

void copy_range_error(const char* who, Value at, int64_t count, Value to) {
  error_of_kind("range-error",
                std::string(who) + ": " + std::to_string(count) + " item(s) do not fit in the destination at index",
                {at, to});
}

}  // namespace kiln
