// equal? after Adams & Dybvig, "Efficient nondestructive equality checking
// for trees and graphs" (ICFP 2008): compare plainly while a step budget
// lasts; once it runs out, alternate between short "slow" stretches, in
// which every pair or vector pair visited goes through a union-find of
// objects already assumed equal, and long "fast" stretches without it. A
// cycle keeps coming back through slow stretches, where union-find prunes it,
// so the walk terminates; acyclic data pays for union-find on a fraction of
// its nodes only.
//
// The traversal keeps its pending comparisons on an explicit stack, and it
// walks cdr chains in a loop, so neither long lists nor deep nesting touch
// the C++ stack. Nothing here allocates from the collector, so no collection
// runs during the walk and the raw object addresses in the (malloc'd)
// union-find table stay valid: the objects are reachable from `a` and `b`.
#include "runtime/equal.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <utility>
#include <vector>

#include "runtime/heap.h"
#include "runtime/numbers.h"

namespace kiln {

bool is_eqv(Value a, Value b) {
  if (a == b) return true;
  if (!a.is_object() || !b.is_object()) return false;
  Type ta = a.as_object()->type();
  if (ta != b.as_object()->type()) return false;
  switch (ta) {
    case Type::Flonum:
    case Type::Bignum:
    case Type::Ratnum:
      return num_eqv(a, b);
    default:
      return false;
  }
}

namespace {

// Budgets of the interleaved algorithm (the paper's k0 and kb). Unlike the
// paper, each fast stretch that follows a slow stretch without a union-find
// hit is twice as long as the last, up to kMaxFastSteps, so long acyclic data
// (a million-element list) spends almost no time in union-find; a hit
// suggests a cycle and resets the fast stretches to their shortest.
// Termination does not depend on these lengths: a slow stretch ends only
// after kSlowSteps unions, and there can be fewer unions than objects, so
// the walk eventually stays slow, where every compound step is pruned.
constexpr int64_t kFastSteps = 400;
constexpr int64_t kSlowSteps = 40;
constexpr int64_t kMaxFastSteps = int64_t{1} << 16;

bool is_compound(Value v) { return is_pair(v) || is_vector(v); }

// equal? on two values at least one of which is not a pair or vector.
bool atom_equal(Value a, Value b) {
  if (a == b) return true;
  if (!a.is_object() || !b.is_object()) return false;
  Type ta = a.as_object()->type();
  if (ta != b.as_object()->type()) return false;
  switch (ta) {
    case Type::String: {
      int64_t n = string_length(a);
      return n == string_length(b) && std::memcmp(as_string(a)->chars, as_string(b)->chars, 4 * n) == 0;
    }
    case Type::Bytevector: {
      int64_t n = bytevector_length(a);
      return n == bytevector_length(b) && std::memcmp(bytevector_bytes(a), bytevector_bytes(b), n) == 0;
    }
    default:
      return is_eqv(a, b);
  }
}

// Union-find over objects, created lazily on the first slow step.
class UnionFind {
 public:
  /// Whether x and y are already in one class; if not, merges their classes.
  bool same_or_union(Value x, Value y) {
    int rx = find(node(x));
    int ry = find(node(y));
    if (rx == ry) return true;
    if (size_[rx] < size_[ry]) std::swap(rx, ry);
    parent_[ry] = rx;
    size_[rx] += size_[ry];
    return false;
  }

 private:
  int node(Value v) {
    auto [it, fresh] = index_.try_emplace(v.raw, static_cast<int>(parent_.size()));
    if (fresh) {
      parent_.push_back(it->second);
      size_.push_back(1);
    }
    return it->second;
  }
  int find(int n) {
    while (parent_[n] != n) {
      parent_[n] = parent_[parent_[n]];  // path halving
      n = parent_[n];
    }
    return n;
  }
  std::unordered_map<uint64_t, int> index_;
  std::vector<int> parent_;
  std::vector<int> size_;
};

class EqualWalk {
 public:
  bool run(Value a, Value b) {
    pending_.emplace_back(a, b);
    while (!pending_.empty()) {
      auto [x, y] = pending_.back();
      pending_.pop_back();
      if (!compare(x, y)) return false;
    }
    return true;
  }

 private:
  // Compares x and y, following cdrs in place and pushing other compound
  // sub-comparisons on `pending_`.
  bool compare(Value x, Value y) {
    for (;;) {
      if (x == y) return true;
      if (!is_compound(x) || !is_compound(y)) return atom_equal(x, y);
      if (is_pair(x) != is_pair(y)) return false;
      if (assumed_equal(x, y)) return true;
      if (is_pair(x)) {
        Value ax = car(x), ay = car(y);
        if (is_compound(ax) && is_compound(ay)) {
          pending_.emplace_back(ax, ay);
        } else if (!atom_equal(ax, ay)) {
          return false;
        }
        x = cdr(x);
        y = cdr(y);
        continue;
      }
      // Vectors: settle the atoms now, queue the compound elements.
      int64_t n = vector_length(x);
      if (n != vector_length(y)) return false;
      const Value* vx = vector_items(x);
      const Value* vy = vector_items(y);
      for (int64_t i = 0; i < n; ++i)
        if (!(is_compound(vx[i]) && is_compound(vy[i])) && !atom_equal(vx[i], vy[i])) return false;
      for (int64_t i = n; i-- > 0;)
        if (is_compound(vx[i]) && is_compound(vy[i])) pending_.emplace_back(vx[i], vy[i]);
      return true;
    }
  }

  // One step of the budget; in a slow stretch, records x ~ y and reports
  // whether that was already known (then the comparison is pruned).
  bool assumed_equal(Value x, Value y) {
    if (budget_ > 0) {
      --budget_;
      return false;
    }
    if (budget_ == -kSlowSteps) {
      budget_ = fast_len_;
      fast_len_ = std::min(2 * fast_len_, kMaxFastSteps);
      return false;
    }
    if (uf_.same_or_union(x, y)) {
      budget_ = 0;  // a hit suggests a cycle: stay slow
      fast_len_ = 2 * kFastSteps;
      return true;
    }
    --budget_;
    return false;
  }

  std::vector<std::pair<Value, Value>> pending_;
  int64_t budget_ = kFastSteps;
  int64_t fast_len_ = 2 * kFastSteps;  // the length of the next fast stretch
  UnionFind uf_;
};

}  // namespace

bool is_equal(Value a, Value b) {
  if (!is_compound(a) || !is_compound(b)) return atom_equal(a, b);
  EqualWalk walk;
  return walk.run(a, b);
}

}  // namespace kiln
