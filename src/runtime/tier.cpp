#include "runtime/tier.h"

namespace kiln {

TierConfig g_tier;

}  // namespace kiln
