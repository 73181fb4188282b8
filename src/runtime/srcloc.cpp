#include "runtime/srcloc.h"

#include <unordered_map>
#include <vector>

#include "runtime/gc.h"

namespace kiln {

namespace {
std::vector<std::string>& file_names() {
  static std::vector<std::string> names{"?"};
  return names;
}

// Keyed by the pair's raw word. The table is traceable, so a recorded pair
// stays alive as long as the program may still report its location; source
// forms are few compared to the data a program builds.
using LocMap = std::unordered_map<uint64_t, SrcLoc, std::hash<uint64_t>, std::equal_to<uint64_t>,
                                  traceable_allocator<std::pair<const uint64_t, SrcLoc>>>;
LocMap& loc_table() {
  static LocMap* table = new (gc_alloc_root(sizeof(LocMap))) LocMap();
  return *table;
}
}  // namespace

uint32_t srcloc_file(const std::string& name) {
  auto& names = file_names();
  for (uint32_t i = 1; i < names.size(); ++i)
    if (names[i] == name) return i;
  names.push_back(name);
  return static_cast<uint32_t>(names.size() - 1);
}

const std::string& srcloc_file_name(uint32_t file) {
  auto& names = file_names();
  return file < names.size() ? names[file] : names[0];
}

std::string format_srcloc(SrcLoc loc) {
  if (!loc.known()) return "";
  return srcloc_file_name(loc.file) + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

void srcloc_record(Value form, SrcLoc loc) { loc_table()[form.raw] = loc; }

SrcLoc srcloc_of(Value form) {
  auto& table = loc_table();
  auto it = table.find(form.raw);
  return it == table.end() ? SrcLoc{} : it->second;
}

void srcloc_forget_all() { loc_table().clear(); }

}  // namespace kiln
