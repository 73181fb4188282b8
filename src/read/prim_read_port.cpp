// `read` on textual ports: exactly one datum is consumed, so that the port
// is left at the first character after it (R7RS 6.13.2) and a following
// read-char sees the rest.
//
// Ports cannot push characters back, so the datum's end is found before it
// is consumed: a small scanner follows nesting, strings, |symbols|, comments
// and character literals as characters arrive, and the Reader is run on
// the collected text only at points where a datum may have just ended (a
// closing bracket at depth 0, or a delimiter after an atom, which is peeked
// and left in the port). A tentative parse that reports "incomplete" just
// means "keep reading"; any other read error is the data's error.
#include "read/reader.h"
#include "runtime/error.h"
#include "runtime/port.h"
#include "runtime/primitive.h"

namespace kiln {

namespace {

bool is_delimiter(int32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '(' || c == ')' || c == '[' ||
         c == ']' || c == '"' || c == ';' || c == '|';
}

/// Tracks where the text read so far stands lexically.
struct Scanner {
  int depth = 0;
  int block_comment = 0;
  bool in_string = false, in_bar = false, line_comment = false;
  bool escape = false;     // after a backslash in a string or |symbol|
  bool char_literal = false;  // after #\ : the next character is the char
  bool seen_datum = false;    // a datum has begun (not only space and comments)
  bool in_atom = false;       // the last character belongs to an atom
  int32_t atom_start = 0;     // the first character of that atom
  int32_t prev = 0;

  /// Feeds one character; returns true if a bracketed or quoted datum may
  /// have ended with it.
  bool feed(int32_t c) {
    int32_t p = prev;
    prev = c;
    if (line_comment) {
      if (c == '\n' || c == '\r') line_comment = false;  // a line ending (R7RS 7.1.1)
      return false;
    }
    if (block_comment > 0) {
      if (p == '|' && c == '#') {
        --block_comment;
        prev = 0;
      } else if (p == '#' && c == '|') {
        ++block_comment;
        prev = 0;
      }
      return false;
    }
    if (in_string || in_bar) {
      if (escape) {
        escape = false;
      } else if (c == '\\') {
        escape = true;
      } else if ((in_string && c == '"') || (in_bar && c == '|')) {
        in_string = in_bar = false;
        in_atom = false;
        return depth == 0;
      }
      return false;
    }
    if (char_literal) {  // the character after #\ is never syntax
      char_literal = false;
      in_atom = true;
      prev = 0;
      return false;
    }
    if (p == '#' && c == '|') {
      block_comment = 1;
      in_atom = false;
      prev = 0;
      return false;
    }
    if (p == '#' && c == '\\') {
      char_literal = true;
      seen_datum = true;
      return false;
    }
    if (p == '#' && c == ';') {  // a datum comment: the datum after it is skipped by the Reader
      in_atom = false;
      prev = 0;
      return false;
    }
    switch (c) {
      case ';': line_comment = true; in_atom = false; return false;
      case '"': in_string = true; seen_datum = true; return false;
      case '|': in_bar = true; seen_datum = true; return false;
      case '(': case '[': ++depth; seen_datum = true; in_atom = false; return false;
      case ')': case ']': --depth; in_atom = false; return depth <= 0;
      case ' ': case '\t': case '\n': case '\r': case '\f': in_atom = false; return false;
      default:
        if (c != '#') seen_datum = true;  // "#;" and "#|" are not data yet
        if (!in_atom) atom_start = c;
        in_atom = true;
        return false;
    }
  }
  /// Whether a datum may end before `c`: after an atom, at a delimiter
  /// that is not the bracket of #( #u8( or of a quote prefix.
  bool may_end_before(int32_t c) const {
    if (!in_atom || !at_top() || !seen_datum || !is_delimiter(c)) return false;
    bool opens = c == '(' || c == '[';
    return !(opens && (atom_start == '#' || atom_start == '\'' || atom_start == '`' || atom_start == ','));
  }
  bool at_top() const { return depth <= 0 && !in_string && !in_bar && !line_comment && block_comment == 0 && !char_literal; }
};

/// Parses `text` if it holds one complete datum: stores it and returns
/// true; returns false if more text is needed. Raises on bad syntax.
bool try_parse(const std::string& text, Value* datum) {
  Reader reader(text, kFalse);
  try {
    Value d = reader.read();
    if (d == kEof) return false;  // only whitespace and comments so far
    *datum = d;
    return true;
  } catch (const SchemeRaise&) {
    if (!reader.incomplete()) throw;
    return false;
  }
}

}  // namespace

KILN_PRIMITIVE(prim_read, "read", 0, 1,
               "(read [port]): the next datum from the textual input port (default: the current "
               "input port), or the eof object; the port is left just after the datum.") {
  Value port = a.has(0) ? a[0] : current_input_port(t);
  if (!is_input_port(port) || !port_has(port, kPortTextual)) {
    if (a.has(0)) a.fail(0, "textual input port");
    error("read: the current input port is not a textual input port", {port});
  }
  if (!port_has(port, kPortInputOpen)) error("read: port is closed", {port});
  std::string text;
  Scanner scan;
  Value datum = kEof;
  for (;;) {
    int32_t c = port_peek_char(port);
    if (c < 0) {
      if (try_parse(text, &datum)) return datum;
      // The Reader decides what the rest is: only whitespace and complete
      // comments (or nothing) is the end of file; an incomplete datum, an
      // unterminated #| comment or a #; with no datum after it is its error.
      Reader reader(text, kFalse);
      return reader.read();
    }
    // An atom ends at a delimiter, which stays in the port.
    if (scan.may_end_before(c) && try_parse(text, &datum)) return datum;
    port_read_char(port);
    std::string piece;
    utf8_append(piece, static_cast<uint32_t>(c));
    text += piece;
    if (scan.feed(c) && scan.seen_datum && try_parse(text, &datum)) return datum;
  }
}

}  // namespace kiln
