// Top-level environments: identifier -> binding.
//
// A binding is a Cell (a variable), a Macro, or a Special (a core syntactic
// form such as `if`). Environments map symbols only; the expander's local
// scopes and renamed identifiers live in src/expand.
//
// The builtin environment holds every primitive, core form and prelude
// definition. A program or REPL environment starts by importing from it:
// importing shares the builtin's Cell, so `car` in a program is the very
// cell the primitive was registered in (and the compiler may inline it);
// `define` of an imported name in a program makes a fresh cell instead of
// changing the builtin.
#pragma once

#include <string_view>

#include "runtime/object.h"

namespace kiln {

struct EnvTable;

struct Environment : Object {
  EnvTable* table;  // GC memory
  Value name;       // a symbol or a list naming the environment, for messages
};

Value make_environment(Value name);
inline bool is_environment(Value v) { return has_type(v, Type::Environment); }

/// The binding of `sym` in `env`, or kFalse.
Value env_lookup(Value env, Value sym);
void env_bind(Value env, Value sym, Value binding);
/// The variable cell for `sym`, made (unbound) if `sym` has no binding yet.
/// When `sym` is bound to an imported cell and `for_define` is set, a fresh
/// cell replaces it (definitions never change another environment's cell).
Value env_variable(Value env, Value sym, bool for_define);
/// Calls fn(sym, binding) for every binding.
template <class Fn> void env_for_each(Value env, Fn fn);
/// Binds `sym` in `env` to another environment's binding (an import): a
/// later `define` of `sym` in `env` makes a fresh cell instead of changing it.
void env_import(Value env, Value sym, Value binding);
/// Copies every binding of `from` into `to` (an import of everything).
void env_import_all(Value to, Value from);
/// Whether `cell` was created by this environment (not imported).
bool env_owns(Value env, Value cell);

/// The environment every program and the REPL import from.
Value builtin_environment();

/// Defines a builtin variable (used for primitives and the prelude).
void define_builtin(std::string_view name, Value value, bool inlinable);

}  // namespace kiln

#include "runtime/env_inl.h"
