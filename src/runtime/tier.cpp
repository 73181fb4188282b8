#include "runtime/tier.h"

#include <algorithm>
#include <cmath>

namespace kiln {

TierConfig g_tier;

void record_compile_time(TierStats& s, uint64_t ns) {
  s.compile_ns += ns;
  s.compile_times_ns.push_back(ns);
}

uint64_t compile_time_quantile(const TierStats& s, double q) {
  if (s.compile_times_ns.empty()) return 0;
  std::vector<uint64_t> sorted = s.compile_times_ns;
  std::sort(sorted.begin(), sorted.end());
  // Nearest rank: the smallest time with at least q of all times at or below it.
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace kiln
