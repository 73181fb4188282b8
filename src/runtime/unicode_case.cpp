#include "runtime/unicode_case.h"

#include <utf8proc.h>

#include <algorithm>
#include <iterator>

namespace kiln {

namespace {

// Unconditional SpecialCasing.txt upper-case mappings that expand to more
// than one code point (utf8proc only has the simple ones). Generated from the
// Unicode 14 character database; sorted by code point for binary search.
struct SpecialUpper {
  uint32_t cp;
  uint32_t upper[3];  // zero-terminated when shorter than 3
};

constexpr SpecialUpper kSpecialUpper[] = {
    {0x00DF, {0x0053, 0x0053, 0x0000}},
    {0x0149, {0x02BC, 0x004E, 0x0000}},
    {0x01F0, {0x004A, 0x030C, 0x0000}},
    {0x0390, {0x0399, 0x0308, 0x0301}},
    {0x03B0, {0x03A5, 0x0308, 0x0301}},
    {0x0587, {0x0535, 0x0552, 0x0000}},
    {0x1E96, {0x0048, 0x0331, 0x0000}},
    {0x1E97, {0x0054, 0x0308, 0x0000}},
    {0x1E98, {0x0057, 0x030A, 0x0000}},
    {0x1E99, {0x0059, 0x030A, 0x0000}},
    {0x1E9A, {0x0041, 0x02BE, 0x0000}},
    {0x1F50, {0x03A5, 0x0313, 0x0000}},
    {0x1F52, {0x03A5, 0x0313, 0x0300}},
    {0x1F54, {0x03A5, 0x0313, 0x0301}},
    {0x1F56, {0x03A5, 0x0313, 0x0342}},
    {0x1F80, {0x1F08, 0x0399, 0x0000}},
    {0x1F81, {0x1F09, 0x0399, 0x0000}},
    {0x1F82, {0x1F0A, 0x0399, 0x0000}},
    {0x1F83, {0x1F0B, 0x0399, 0x0000}},
    {0x1F84, {0x1F0C, 0x0399, 0x0000}},
    {0x1F85, {0x1F0D, 0x0399, 0x0000}},
    {0x1F86, {0x1F0E, 0x0399, 0x0000}},
    {0x1F87, {0x1F0F, 0x0399, 0x0000}},
    {0x1F88, {0x1F08, 0x0399, 0x0000}},
    {0x1F89, {0x1F09, 0x0399, 0x0000}},
    {0x1F8A, {0x1F0A, 0x0399, 0x0000}},
    {0x1F8B, {0x1F0B, 0x0399, 0x0000}},
    {0x1F8C, {0x1F0C, 0x0399, 0x0000}},
    {0x1F8D, {0x1F0D, 0x0399, 0x0000}},
    {0x1F8E, {0x1F0E, 0x0399, 0x0000}},
    {0x1F8F, {0x1F0F, 0x0399, 0x0000}},
    {0x1F90, {0x1F28, 0x0399, 0x0000}},
    {0x1F91, {0x1F29, 0x0399, 0x0000}},
    {0x1F92, {0x1F2A, 0x0399, 0x0000}},
    {0x1F93, {0x1F2B, 0x0399, 0x0000}},
    {0x1F94, {0x1F2C, 0x0399, 0x0000}},
    {0x1F95, {0x1F2D, 0x0399, 0x0000}},
    {0x1F96, {0x1F2E, 0x0399, 0x0000}},
    {0x1F97, {0x1F2F, 0x0399, 0x0000}},
    {0x1F98, {0x1F28, 0x0399, 0x0000}},
    {0x1F99, {0x1F29, 0x0399, 0x0000}},
    {0x1F9A, {0x1F2A, 0x0399, 0x0000}},
    {0x1F9B, {0x1F2B, 0x0399, 0x0000}},
    {0x1F9C, {0x1F2C, 0x0399, 0x0000}},
    {0x1F9D, {0x1F2D, 0x0399, 0x0000}},
    {0x1F9E, {0x1F2E, 0x0399, 0x0000}},
    {0x1F9F, {0x1F2F, 0x0399, 0x0000}},
    {0x1FA0, {0x1F68, 0x0399, 0x0000}},
    {0x1FA1, {0x1F69, 0x0399, 0x0000}},
    {0x1FA2, {0x1F6A, 0x0399, 0x0000}},
    {0x1FA3, {0x1F6B, 0x0399, 0x0000}},
    {0x1FA4, {0x1F6C, 0x0399, 0x0000}},
    {0x1FA5, {0x1F6D, 0x0399, 0x0000}},
    {0x1FA6, {0x1F6E, 0x0399, 0x0000}},
    {0x1FA7, {0x1F6F, 0x0399, 0x0000}},
    {0x1FA8, {0x1F68, 0x0399, 0x0000}},
    {0x1FA9, {0x1F69, 0x0399, 0x0000}},
    {0x1FAA, {0x1F6A, 0x0399, 0x0000}},
    {0x1FAB, {0x1F6B, 0x0399, 0x0000}},
    {0x1FAC, {0x1F6C, 0x0399, 0x0000}},
    {0x1FAD, {0x1F6D, 0x0399, 0x0000}},
    {0x1FAE, {0x1F6E, 0x0399, 0x0000}},
    {0x1FAF, {0x1F6F, 0x0399, 0x0000}},
    {0x1FB2, {0x1FBA, 0x0399, 0x0000}},
    {0x1FB3, {0x0391, 0x0399, 0x0000}},
    {0x1FB4, {0x0386, 0x0399, 0x0000}},
    {0x1FB6, {0x0391, 0x0342, 0x0000}},
    {0x1FB7, {0x0391, 0x0342, 0x0399}},
    {0x1FBC, {0x0391, 0x0399, 0x0000}},
    {0x1FC2, {0x1FCA, 0x0399, 0x0000}},
    {0x1FC3, {0x0397, 0x0399, 0x0000}},
    {0x1FC4, {0x0389, 0x0399, 0x0000}},
    {0x1FC6, {0x0397, 0x0342, 0x0000}},
    {0x1FC7, {0x0397, 0x0342, 0x0399}},
    {0x1FCC, {0x0397, 0x0399, 0x0000}},
    {0x1FD2, {0x0399, 0x0308, 0x0300}},
    {0x1FD3, {0x0399, 0x0308, 0x0301}},
    {0x1FD6, {0x0399, 0x0342, 0x0000}},
    {0x1FD7, {0x0399, 0x0308, 0x0342}},
    {0x1FE2, {0x03A5, 0x0308, 0x0300}},
    {0x1FE3, {0x03A5, 0x0308, 0x0301}},
    {0x1FE4, {0x03A1, 0x0313, 0x0000}},
    {0x1FE6, {0x03A5, 0x0342, 0x0000}},
    {0x1FE7, {0x03A5, 0x0308, 0x0342}},
    {0x1FF2, {0x1FFA, 0x0399, 0x0000}},
    {0x1FF3, {0x03A9, 0x0399, 0x0000}},
    {0x1FF4, {0x038F, 0x0399, 0x0000}},
    {0x1FF6, {0x03A9, 0x0342, 0x0000}},
    {0x1FF7, {0x03A9, 0x0342, 0x0399}},
    {0x1FFC, {0x03A9, 0x0399, 0x0000}},
    {0xFB00, {0x0046, 0x0046, 0x0000}},
    {0xFB01, {0x0046, 0x0049, 0x0000}},
    {0xFB02, {0x0046, 0x004C, 0x0000}},
    {0xFB03, {0x0046, 0x0046, 0x0049}},
    {0xFB04, {0x0046, 0x0046, 0x004C}},
    {0xFB05, {0x0053, 0x0054, 0x0000}},
    {0xFB06, {0x0053, 0x0054, 0x0000}},
    {0xFB13, {0x0544, 0x0546, 0x0000}},
    {0xFB14, {0x0544, 0x0535, 0x0000}},
    {0xFB15, {0x0544, 0x053B, 0x0000}},
    {0xFB16, {0x054E, 0x0546, 0x0000}},
    {0xFB17, {0x0544, 0x053D, 0x0000}},
};

const SpecialUpper* find_special_upper(uint32_t cp) {
  auto it = std::lower_bound(std::begin(kSpecialUpper), std::end(kSpecialUpper), cp,
                             [](const SpecialUpper& e, uint32_t c) { return e.cp < c; });
  return it != std::end(kSpecialUpper) && it->cp == cp ? it : nullptr;
}

utf8proc_category_t category(uint32_t cp) { return utf8proc_category(static_cast<utf8proc_int32_t>(cp)); }

bool is_cased(uint32_t cp) {
  return utf8proc_isupper(cp) || utf8proc_islower(cp) || category(cp) == UTF8PROC_CATEGORY_LT;
}

// An approximation of Unicode's Case_Ignorable property, enough for the
// final-sigma rule: marks, format characters, modifiers and apostrophes.
bool is_case_ignorable(uint32_t cp) {
  switch (category(cp)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_SK:
      return true;
    default:
      return cp == '\'' || cp == 0x2019 || cp == 0xB7 || cp == '.' || cp == ':';
  }
}

// Full case folding of one code point; returns the number written (1..3).
int full_fold(uint32_t cp, utf8proc_int32_t out[4]) {
  utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), out, 4, UTF8PROC_CASEFOLD, nullptr);
  if (n < 1 || n > 4) {
    out[0] = static_cast<utf8proc_int32_t>(cp);
    return 1;
  }
  return static_cast<int>(n);
}

// ASCII, most text, is answered without utf8proc's tables: each function
// below first settles code points under 0x80 as the tables would.
bool ascii(uint32_t cp) { return cp < 0x80; }
bool ascii_upper(uint32_t cp) { return cp - 'A' < 26; }
bool ascii_lower(uint32_t cp) { return cp - 'a' < 26; }
bool ascii_digit(uint32_t cp) { return cp - '0' < 10; }

}  // namespace

bool char_is_alphabetic(uint32_t cp) {
  if (ascii(cp)) return ascii_upper(cp) || ascii_lower(cp);
  switch (category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL:
      return true;
    default:
      return false;
  }
}

bool char_is_numeric(uint32_t cp) { return ascii(cp) ? ascii_digit(cp) : category(cp) == UTF8PROC_CATEGORY_ND; }

bool char_is_whitespace(uint32_t cp) {
  if ((cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == ' ') return true;
  if (ascii(cp)) return false;
  switch (category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return true;
    default:
      return false;
  }
}

bool char_is_upper_case(uint32_t cp) { return ascii(cp) ? ascii_upper(cp) : utf8proc_isupper(cp); }
bool char_is_lower_case(uint32_t cp) { return ascii(cp) ? ascii_lower(cp) : utf8proc_islower(cp); }

int char_digit_value(uint32_t cp) {
  if (ascii(cp)) return ascii_digit(cp) ? static_cast<int>(cp - '0') : -1;
  if (!char_is_numeric(cp)) return -1;
  // Decimal digits come in runs of ten consecutive code points, 0 to 9, and
  // adjacent runs (the mathematical digits) are whole sets of ten.
  uint32_t start = cp;
  while (start > 0 && char_is_numeric(start - 1)) --start;
  return static_cast<int>((cp - start) % 10);
}

uint32_t char_upcase(uint32_t cp) {
  // utf8proc maps ß to ẞ (U+1E9E), but UnicodeData.txt gives ß no simple
  // upper-case mapping (its full mapping is "SS"), and R7RS char-upcase is
  // the simple mapping. Checked against every code point of Chez's tables:
  // this is the only such difference.
  if (ascii(cp)) return ascii_lower(cp) ? cp - 0x20 : cp;
  if (cp == 0xDF) return cp;
  return static_cast<uint32_t>(utf8proc_toupper(cp));
}
uint32_t char_downcase(uint32_t cp) {
  if (ascii(cp)) return ascii_upper(cp) ? cp + 0x20 : cp;
  return static_cast<uint32_t>(utf8proc_tolower(cp));
}

uint32_t char_foldcase(uint32_t cp) {
  if (ascii(cp)) return char_downcase(cp);
  utf8proc_int32_t buf[4];
  if (full_fold(cp, buf) == 1) return static_cast<uint32_t>(buf[0]);
  // The full fold expands (ß -> ss). The simple fold is then the lower-case
  // form, except for İ, whose only folds are the full and Turkic ones.
  return cp == 0x130 ? cp : char_downcase(cp);
}

void string_upcase_into(const uint32_t* s, int64_t n, std::u32string& out) {
  for (int64_t i = 0; i < n; ++i) {
    if (const SpecialUpper* sp = find_special_upper(s[i])) {
      for (uint32_t c : sp->upper)
        if (c) out += static_cast<char32_t>(c);
    } else {
      out += static_cast<char32_t>(char_upcase(s[i]));
    }
  }
}

void string_downcase_into(const uint32_t* s, int64_t n, std::u32string& out) {
  for (int64_t i = 0; i < n; ++i) {
    uint32_t c = s[i];
    if (c == 0x130) {  // İ -> i + combining dot above
      out += U'i';
      out += U'\u0307';
    } else if (c == 0x3A3) {
      // Final sigma: preceded by a cased letter and not followed by one
      // (skipping case-ignorable characters both ways).
      int64_t j = i - 1;
      while (j >= 0 && is_case_ignorable(s[j])) --j;
      bool after_cased = j >= 0 && is_cased(s[j]);
      int64_t k = i + 1;
      while (k < n && is_case_ignorable(s[k])) ++k;
      bool before_cased = k < n && is_cased(s[k]);
      out += (after_cased && !before_cased) ? U'\u03C2' : U'\u03C3';
    } else {
      out += static_cast<char32_t>(char_downcase(c));
    }
  }
}

void string_foldcase_into(const uint32_t* s, int64_t n, std::u32string& out) {
  utf8proc_int32_t buf[4];
  for (int64_t i = 0; i < n; ++i) {
    int k = full_fold(s[i], buf);
    for (int j = 0; j < k; ++j) out += static_cast<char32_t>(buf[j]);
  }
}

}  // namespace kiln
