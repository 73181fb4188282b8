// The registry of trusting sites (shadow_trust.h).
#include "jit/shadow_trust.h"

#include <vector>

#include "runtime/tier.h"

namespace kiln::jit {

namespace {

struct Group {
  bool broken = false;
  std::vector<WatchSite> sites;
};

std::vector<Group>& groups() {
  static auto* g = new std::vector<Group>();  // lives for the whole process, as the code does
  return *g;
}

void patch(const WatchSite& site) {
  // Over a jump to the full sequence too: the generic path is right
  // whatever value the argument holds.
  g_tier.invalidate_site(site);
  ++g_tier.stats.invalidations;
}

}  // namespace

uint32_t new_shadow_trust() {
  groups().emplace_back();
  return static_cast<uint32_t>(groups().size() - 1);
}

void trust_shadows(uint32_t id, const WatchSite& site) {
  Group& g = groups()[id];
  if (g.broken)
    patch(site);
  else
    g.sites.push_back(site);
}

void helper_shadows_broken(uint32_t id) {
  Group& g = groups()[id];
  if (g.broken) return;
  g.broken = true;
  for (const WatchSite& site : g.sites) patch(site);
  g.sites.clear();
  g.sites.shrink_to_fit();
}

}  // namespace kiln::jit
