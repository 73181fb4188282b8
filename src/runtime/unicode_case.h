// Unicode character properties and case mapping for chars and strings.
//
// Characters use the simple (one code point to one code point) mappings, as
// R7RS requires for char-upcase and friends. Strings use the full mappings
// of Unicode's SpecialCasing (ß upcases to "SS"), full case folding, and the
// final-sigma rule when downcasing. Everything but the small unconditional
// SpecialCasing table comes from utf8proc.
#pragma once

#include <cstdint>
#include <string>

namespace kiln {

/// Whether `cp` is a Unicode scalar value (a valid character).
inline bool is_scalar_value(int64_t cp) {
  return cp >= 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

// --- character properties (R7RS char-alphabetic? etc.) -----------------------
bool char_is_alphabetic(uint32_t cp);
bool char_is_numeric(uint32_t cp);  // general category Nd
bool char_is_whitespace(uint32_t cp);
bool char_is_upper_case(uint32_t cp);
bool char_is_lower_case(uint32_t cp);
/// The digit value 0..9 of a decimal digit (category Nd) in any script, or -1.
int char_digit_value(uint32_t cp);

// --- simple case mappings --------------------------------------------------
uint32_t char_upcase(uint32_t cp);
uint32_t char_downcase(uint32_t cp);
/// Simple case folding: the one-code-point fold, or the code point itself.
uint32_t char_foldcase(uint32_t cp);

// --- full case mappings of strings (the output may be longer) -------------
void string_upcase_into(const uint32_t* s, int64_t n, std::u32string& out);
/// Applies the final-sigma rule: a capital sigma ending a word becomes ς.
void string_downcase_into(const uint32_t* s, int64_t n, std::u32string& out);
void string_foldcase_into(const uint32_t* s, int64_t n, std::u32string& out);

}  // namespace kiln
