// Helpers shared by the numbers*.cpp files and the numeric primitives; not
// part of the runtime's public interface.
#pragma once

#include <gmp.h>

#include "runtime/error.h"
#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/numbers.h"

namespace kiln::numimpl {

enum class NumKind { Fixnum, Bignum, Ratnum, Flonum, None };

inline NumKind kind_of(Value v) {
  if (v.is_fixnum()) return NumKind::Fixnum;
  if (!v.is_object()) return NumKind::None;
  switch (v.as_object()->type()) {
    case Type::Flonum: return NumKind::Flonum;
    case Type::Bignum: return NumKind::Bignum;
    case Type::Ratnum: return NumKind::Ratnum;
    default: return NumKind::None;
  }
}

inline mpz_srcptr bignum_mpz(Value v) { return v.as<Bignum>()->z; }

/// A read-only mpz view of an exact integer that never allocates: a bignum
/// is used in place, a fixnum is wrapped around one limb on the stack (a
/// fixnum's magnitude is below 2^62, so one 64-bit limb holds it).
class IntView {
 public:
  explicit IntView(Value v) {
    if (v.is_fixnum()) {
      int64_t n = v.as_fixnum();
      limb_ = static_cast<mp_limb_t>(n < 0 ? -n : n);
      mpz_roinit_n(local_, &limb_, n < 0 ? -1 : (n == 0 ? 0 : 1));
      p_ = local_;
    } else {
      p_ = bignum_mpz(v);
    }
  }
  IntView(const IntView&) = delete;
  IntView& operator=(const IntView&) = delete;
  mpz_srcptr get() const { return p_; }
  operator mpz_srcptr() const { return p_; }

 private:
  mp_limb_t limb_ = 0;
  mpz_t local_;
  mpz_srcptr p_;
};

/// An owned mpz_t. Its limbs are GC memory (gc_init routes GMP's allocator),
/// so the destructor only keeps GMP's bookkeeping tidy.
struct Mpz {
  mpz_t z;
  Mpz() { mpz_init(z); }
  ~Mpz() { mpz_clear(z); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
  operator mpz_ptr() { return z; }
  operator mpz_srcptr() const { return z; }
};

struct Mpq {
  mpq_t q;
  Mpq() { mpq_init(q); }
  ~Mpq() { mpq_clear(q); }
  Mpq(const Mpq&) = delete;
  Mpq& operator=(const Mpq&) = delete;
  operator mpq_ptr() { return q; }
  operator mpq_srcptr() const { return q; }
};

/// Loads any exact rational into `out`.
void rational_to_mpq(Value v, mpq_ptr out);
/// The exact number held in canonical `q` (an integer when den is 1).
Value make_rational_mpq(mpq_srcptr q);

/// n/d (d > 0) rounded to the nearest double, ties to even.
double ratio_to_double(mpz_srcptr n, mpz_srcptr d);

[[noreturn]] void division_by_zero(const char* who);

/// Applies a double -> double function; the result is a flonum.
inline Value flo(double d) { return make_flonum(d); }

}  // namespace kiln::numimpl
