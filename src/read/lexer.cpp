#include "read/lexer.h"

#include <utf8proc.h>

#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/numbers.h"

namespace kiln {

namespace {

struct NamedChar {
  const char* name;
  char32_t cp;
};

// R7RS's character names, plus `nul` (R6RS, and what many users type).
constexpr NamedChar kCharNames[] = {
    {"alarm", 0x07}, {"backspace", 0x08}, {"delete", 0x7f}, {"escape", 0x1b}, {"newline", 0x0a},
    {"null", 0x00},  {"nul", 0x00},       {"return", 0x0d}, {"space", 0x20},  {"tab", 0x09},
};

int hex_value(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

bool is_scalar_value(uint64_t cp) { return cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF); }

/// Parses "41" as hex; -1 if empty, not hex, or not a Unicode scalar value.
int64_t parse_hex_scalar(std::u32string_view digits) {
  if (digits.empty() || digits.size() > 8) return -1;
  uint64_t cp = 0;
  for (char32_t c : digits) {
    int h = hex_value(c);
    if (h < 0) return -1;
    cp = cp * 16 + static_cast<uint64_t>(h);
  }
  return is_scalar_value(cp) ? static_cast<int64_t>(cp) : -1;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }

}  // namespace

Lexer::Lexer(std::string_view utf8_text, uint32_t file, std::string file_label, int first_line)
    : text_(utf8_text),
      file_(file),
      line_(static_cast<uint32_t>(first_line < 1 ? 1 : first_line)),
      file_label_(std::move(file_label)) {
  // A script's "#!/usr/bin/env kiln" line is not Scheme; "#!fold-case" is.
  if (text_.size() >= 3 && text_[0] == '#' && text_[1] == '!' && (text_[2] == '/' || text_[2] == ' ')) {
    while (peek() != kEndChar && peek() != '\n') advance();
  }
}

void Lexer::fail(SrcLoc at, std::string_view message) {
  std::string msg = file_label_ + ":" + std::to_string(at.line) + ":" + std::to_string(at.col) + ": ";
  msg += message;
  error_of_kind("read-error", msg);
}

// --- characters ------------------------------------------------------------------

char32_t Lexer::peek_at(size_t i) const {
  if (i >= text_.size()) return kEndChar;
  auto c = static_cast<unsigned char>(text_[i]);
  if (c < 0x80) return c;
  // Delegate the multi-byte cases to utf8proc; invalid bytes read as U+FFFD.
  utf8proc_int32_t cp;
  utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text_.data() + i),
                                        static_cast<utf8proc_ssize_t>(text_.size() - i), &cp);
  return n > 0 ? static_cast<char32_t>(cp) : 0xFFFD;
}

char32_t Lexer::peek() const { return peek_at(pos_); }

char32_t Lexer::advance() {
  if (pos_ >= text_.size()) return kEndChar;
  auto c = static_cast<unsigned char>(text_[pos_]);
  char32_t cp = c;
  size_t len = 1;
  if (c >= 0x80) {
    utf8proc_int32_t decoded;
    utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text_.data() + pos_),
                                          static_cast<utf8proc_ssize_t>(text_.size() - pos_), &decoded);
    if (n > 0) {
      cp = static_cast<char32_t>(decoded);
      len = static_cast<size_t>(n);
    } else {
      cp = 0xFFFD;
    }
  }
  pos_ += len;
  if (cp == '\n') {
    ++line_;
    col_ = 1;
  } else {
    ++col_;
  }
  return cp;
}

bool Lexer::is_whitespace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool Lexer::is_delimiter(char32_t c) {
  return c == kEndChar || is_whitespace(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '"' ||
         c == ';' || c == '|';
}

std::string Lexer::read_delimited() {
  std::string out;
  while (!is_delimiter(peek())) utf8_append(out, advance());
  return out;
}

std::string Lexer::fold(std::string_view utf8) const {
  std::string out;
  for (char32_t c : utf8_decode(utf8)) utf8_append(out, static_cast<uint32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))));
  return out;
}

// --- atmosphere ------------------------------------------------------------------

void Lexer::skip_block_comment(SrcLoc start) {
  // Block comments nest: "#| a #| b |# c |#" is one comment.
  int depth = 1;
  while (depth > 0) {
    char32_t c = advance();
    if (c == kEndChar) {
      incomplete = true;
      fail(start, "unterminated block comment");
    }
    if (c == '|' && peek() == '#') {
      advance();
      --depth;
    } else if (c == '#' && peek() == '|') {
      advance();
      ++depth;
    }
  }
}

bool Lexer::skip_atmosphere() {
  for (;;) {
    char32_t c = peek();
    if (c == kEndChar) return false;
    if (is_whitespace(c)) {
      advance();
    } else if (c == ';') {
      // R7RS 7.1.1: a comment runs to a line ending, which is a newline, a
      // return and a newline, or a return alone.
      while (peek() != kEndChar && peek() != '\n' && peek() != '\r') advance();
    } else if (c == '#' && peek_at(pos_ + 1) == '|') {
      SrcLoc start = here();
      advance();
      advance();
      skip_block_comment(start);
    } else if (c == '#' && peek_at(pos_ + 1) == '!') {
      SrcLoc start = here();
      advance();
      advance();
      std::string name = ascii_lower(read_delimited());
      if (name == "fold-case") fold_case_ = true;
      else if (name == "no-fold-case") fold_case_ = false;
      else fail(start, "unknown directive #!" + name);
    } else {
      return true;
    }
  }
}

// --- tokens ----------------------------------------------------------------------

Token Lexer::next() {
  incomplete = false;
  Token tok;
  if (!skip_atmosphere()) {
    tok.loc = here();
    return tok;
  }
  tok.loc = here();
  char32_t c = advance();
  switch (c) {
    case '(':
    case '[':
      tok.kind = TokenKind::Open;
      tok.bracket = c;
      return tok;
    case ')':
    case ']':
      tok.kind = TokenKind::Close;
      tok.bracket = c;
      return tok;
    case '\'':
      tok.kind = TokenKind::Quote;
      return tok;
    case '`':
      tok.kind = TokenKind::Quasiquote;
      return tok;
    case ',':
      if (peek() == '@') {
        advance();
        tok.kind = TokenKind::UnquoteSplicing;
      } else {
        tok.kind = TokenKind::Unquote;
      }
      return tok;
    case '"':
      tok.kind = TokenKind::Datum;
      tok.datum = read_string(tok.loc);
      return tok;
    case '|':
      tok.kind = TokenKind::Datum;
      tok.datum = read_pipe_symbol(tok.loc);
      return tok;
    case '#':
      return hash_syntax(tok.loc);
    default:
      break;
  }
  // An identifier, a number, or a lone dot, starting with `c`.
  std::string text;
  utf8_append(text, c);
  text += read_delimited();
  if (text == ".") {
    tok.kind = TokenKind::Dot;
    return tok;
  }
  tok.kind = TokenKind::Datum;
  tok.datum = kFalse;
  // Numbers: anything that may start one goes to parse_number first.
  char32_t first = c;
  if (is_ascii_digit(first) || first == '+' || first == '-' || first == '.') {
    Value n = number_at(tok.loc, text);
    if (n != kFalse) {
      tok.datum = n;
      return tok;
    }
    // "1abc", "-1+", ".5x": R7RS has no such identifier; almost always a typo.
    char32_t second = text.size() > 1 ? static_cast<char32_t>(static_cast<unsigned char>(text[1])) : 0;
    char32_t third = text.size() > 2 ? static_cast<char32_t>(static_cast<unsigned char>(text[2])) : 0;
    bool numeric_start = is_ascii_digit(first) || ((first == '+' || first == '-' || first == '.') && is_ascii_digit(second)) ||
                         ((first == '+' || first == '-') && second == '.' && is_ascii_digit(third));
    if (numeric_start) fail(tok.loc, "bad number syntax: " + text);
  }
  tok.datum = intern(fold_case_ ? fold(text) : text);
  return tok;
}

Value Lexer::number_at(SrcLoc at, std::string_view text) {
  Value n = kFalse;
  bool nonreal = false;
  try {
    n = parse_number(text);
    if (n == kFalse) nonreal = is_nonreal_number_syntax(text);
  } catch (const SchemeRaise&) {
    // fail() replaces the pending runtime error with the read-error.
    fail(at, "exact number too large to represent: " + std::string(text));
  }
  if (nonreal) fail(at, "non-real complex numbers are not supported: " + std::string(text));
  return n;
}

Token Lexer::hash_syntax(SrcLoc start) {
  Token tok;
  tok.loc = start;
  char32_t c = peek();
  if (c == '(') {
    advance();
    tok.kind = TokenKind::VectorOpen;
    return tok;
  }
  if (c == ';') {
    advance();
    tok.kind = TokenKind::DatumComment;
    return tok;
  }
  if (c == '\\') {
    advance();
    tok.kind = TokenKind::Datum;
    tok.datum = read_character(start);
    return tok;
  }
  if (is_ascii_digit(c)) {
    int64_t n = 0;
    int digits = 0;
    while (is_ascii_digit(peek())) {
      n = n * 10 + static_cast<int64_t>(advance() - '0');
      if (++digits > 15) fail(start, "datum label too large");
    }
    char32_t end = advance();
    if (end == '=' || end == '#') {
      tok.kind = end == '=' ? TokenKind::LabelDef : TokenKind::LabelRef;
      tok.label = n;
      return tok;
    }
    fail(start, "bad # syntax: expected '=' or '#' after the datum label #" + std::to_string(n));
  }
  // Named # syntax: booleans, number prefixes, #u8(. Case is not
  // significant in any of them (R7RS 7.1.1).
  std::string name = read_delimited();
  std::string lower = ascii_lower(name);
  if (lower == "u8" && peek() == '(') {
    advance();
    tok.kind = TokenKind::BytevectorOpen;
    return tok;
  }
  tok.kind = TokenKind::Datum;
  if (lower == "t" || lower == "true") {
    tok.datum = kTrue;
    return tok;
  }
  if (lower == "f" || lower == "false") {
    tok.datum = kFalse;
    return tok;
  }
  if (!lower.empty() && std::string_view("xbodei").find(lower[0]) != std::string_view::npos) {
    Value n = number_at(start, "#" + name);
    if (n == kFalse) fail(start, "bad number syntax: #" + name);
    tok.datum = n;
    return tok;
  }
  if (name.empty()) {
    if (peek() == kEndChar) incomplete = true;
    fail(start, "bad # syntax: '#' must be followed by a datum");
  }
  fail(start, "bad # syntax: #" + name);
}

// --- atoms -----------------------------------------------------------------------

char32_t Lexer::read_escape(SrcLoc start, bool in_string) {
  SrcLoc at = here();
  --at.col;  // errors point at the backslash, just read
  char32_t e = advance();
  switch (e) {
    case 'a': return 0x07;
    case 'b': return 0x08;
    case 't': return 0x09;
    case 'n': return 0x0a;
    case 'r': return 0x0d;
    case '"': return '"';
    case '\\': return '\\';
    case '|': return '|';
    case 'x': {
      std::u32string digits;
      while (hex_value(peek()) >= 0) digits += advance();
      if (peek() != ';') fail(at, "bad \\x escape: expected hex digits and ';'");
      advance();
      int64_t cp = parse_hex_scalar(digits);
      if (cp < 0) fail(at, "bad \\x escape: not a Unicode scalar value");
      return static_cast<char32_t>(cp);
    }
    case kEndChar:
      incomplete = true;
      fail(start, in_string ? "unterminated string" : "unterminated |symbol|");
    default:
      break;
  }
  if (in_string && (e == ' ' || e == '\t' || e == '\n' || e == '\r')) {
    // Line continuation: \ <intraline ws>* <newline> <intraline ws>*.
    bool saw_newline = e == '\n';
    if (e == '\r') {
      if (peek() == '\n') advance();
      saw_newline = true;
    }
    while (!saw_newline && (peek() == ' ' || peek() == '\t')) advance();
    if (!saw_newline) {
      if (peek() == '\r') advance();
      if (peek() != '\n') fail(at, "bad string escape: '\\' followed by spaces must end the line");
      advance();
    }
    while (peek() == ' ' || peek() == '\t') advance();
    return kEndChar;
  }
  std::string shown;
  if (e != kEndChar) utf8_append(shown, e);
  fail(at, "bad escape \\" + shown + (in_string ? " in string" : " in |symbol|"));
}

Value Lexer::read_string(SrcLoc start) {
  std::u32string chars;
  for (;;) {
    char32_t c = advance();
    if (c == kEndChar) {
      incomplete = true;
      fail(start, "unterminated string");
    }
    if (c == '"') break;
    if (c == '\\') {
      char32_t e = read_escape(start, true);
      if (e != kEndChar) chars += e;
      continue;
    }
    if (c == '\r') {
      // A line ending inside a string reads as one newline, whatever the
      // file's convention.
      if (peek() == '\n') advance();
      c = '\n';
    }
    chars += c;
  }
  Value s = make_string(reinterpret_cast<const uint32_t*>(chars.data()), static_cast<int64_t>(chars.size()));
  s.as_object()->set_immutable();  // literals are constants
  return s;
}

Value Lexer::read_pipe_symbol(SrcLoc start) {
  std::string name;
  for (;;) {
    char32_t c = advance();
    if (c == kEndChar) {
      incomplete = true;
      fail(start, "unterminated |symbol|");
    }
    if (c == '|') break;
    if (c == '\\') c = read_escape(start, false);
    utf8_append(name, c);
  }
  return intern(name);  // |...| is never case-folded
}

Value Lexer::read_character(SrcLoc start) {
  char32_t first = advance();
  if (first == kEndChar) {
    incomplete = true;
    fail(start, "end of input after #\\");
  }
  if (is_delimiter(peek())) return Value::character(first);
  std::string name;
  utf8_append(name, first);
  name += read_delimited();
  std::string key = fold_case_ ? fold(name) : name;
  for (const NamedChar& nc : kCharNames)
    if (key == nc.name) return Value::character(nc.cp);
  if (first == 'x' || first == 'X') {
    std::u32string digits = utf8_decode(std::string_view(name).substr(1));
    int64_t cp = parse_hex_scalar(digits);
    if (cp >= 0) return Value::character(static_cast<uint32_t>(cp));
  }
  fail(start, "bad character name #\\" + name);
}

}  // namespace kiln
