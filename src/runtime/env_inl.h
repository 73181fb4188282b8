#pragma once
#include <unordered_map>

#include "runtime/gc.h"

namespace kiln {

struct EnvEntry {
  Value binding;
  bool owned;  // created here rather than imported
};

struct EnvTable {
  std::unordered_map<uint64_t, EnvEntry, std::hash<uint64_t>, std::equal_to<uint64_t>,
                     traceable_allocator<std::pair<const uint64_t, EnvEntry>>>
      map;
};

template <class Fn> void env_for_each(Value env, Fn fn) {
  for (auto& [raw, entry] : env.as<Environment>()->table->map) fn(Value::from_raw(raw), entry.binding);
}

}  // namespace kiln
