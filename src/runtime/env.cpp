#include "runtime/env.h"

#include "runtime/cell_watch.h"
#include "runtime/heap.h"

namespace kiln {

Value make_environment(Value name) {
  Environment* e = gc_new<Environment>(Type::Environment, sizeof(Environment));
  e->table = new (gc_alloc(sizeof(EnvTable))) EnvTable();
  e->name = name;
  return Value::object(e);
}

Value env_lookup(Value env, Value sym) {
  auto& map = env.as<Environment>()->table->map;
  auto it = map.find(sym.raw);
  return it == map.end() ? kFalse : it->second.binding;
}

void env_bind(Value env, Value sym, Value binding) {
  env.as<Environment>()->table->map[sym.raw] = EnvEntry{binding, true};
}

Value env_variable(Value env, Value sym, bool for_define) {
  auto& map = env.as<Environment>()->table->map;
  auto it = map.find(sym.raw);
  if (it != map.end() && has_type(it->second.binding, Type::Cell) && (it->second.owned || !for_define))
    return it->second.binding;
  if (it != map.end() && !for_define) return it->second.binding;  // a macro or special: caller reports
  Value cell = make_cell(sym);
  map[sym.raw] = EnvEntry{cell, true};
  return cell;
}

void env_import(Value env, Value sym, Value binding) {
  env.as<Environment>()->table->map[sym.raw] = EnvEntry{binding, false};
}

void env_import_all(Value to, Value from) {
  auto& dst = to.as<Environment>()->table->map;
  for (auto& [raw, entry] : from.as<Environment>()->table->map) dst[raw] = EnvEntry{entry.binding, false};
}

bool env_owns(Value env, Value cell) {
  auto& map = env.as<Environment>()->table->map;
  auto it = map.find(cell.as<Cell>()->name.raw);
  return it != map.end() && it->second.binding == cell && it->second.owned;
}

Value builtin_environment() {
  static Value* env = nullptr;
  if (!env) {
    env = static_cast<Value*>(gc_alloc_root(sizeof(Value)));
    *env = make_environment(intern("builtin"));
  }
  return *env;
}

void define_builtin(std::string_view name, Value value, bool inlinable) {
  Value cell = env_variable(builtin_environment(), intern(name), true);
  assign_cell(as_cell(cell), value);
  as_cell(cell)->builtin = inlinable;
}

}  // namespace kiln
