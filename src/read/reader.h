// The reader: R7RS external representations in UTF-8 text -> Scheme data.
//
// Each `read()` returns one complete datum (or kEof). Lists read with a file
// name have their source locations entered in the srcloc table
// (runtime/srcloc.h): the first pair of a list gets the location of its
// opening parenthesis, each later pair of its spine the location of its
// element, and the `(quote x)` made from 'x the location of the quote mark.
// Literal strings, vectors and bytevectors come out immutable.
//
// The reader is iterative (an explicit stack of open lists), so nesting depth
// is bounded by memory, not by the C++ stack.
#pragma once

#include <string_view>

#include "read/lexer.h"
#include "runtime/gc.h"

namespace kiln {

class Reader {
 public:
  /// The Reader keeps a view of `utf8_text`: the text must outlive it.
  /// `file_name` is a string naming the text in locations and messages, or
  /// kFalse: then no locations are recorded (data read at run time must not
  /// fill the srcloc table) and messages say "<string>". Line numbers start
  /// at `first_line`.
  Reader(std::string_view utf8_text, Value file_name, int first_line = 1);

  /// The next datum, or kEof when only whitespace and comments remain.
  /// Raises a read-error "file:line:col: what" on bad syntax; reading may
  /// continue after the error, from where it stopped.
  Value read();

  /// True when the last `read()` failed only because the input ended inside
  /// a datum (an open list, string, block comment...): a REPL reads another
  /// line and tries again.
  bool incomplete() const { return incomplete_; }

  /// The position of the next unread character (1-based line and column;
  /// byte offset into the text), e.g. where the last datum ended.
  uint32_t line() const { return lex_.line(); }
  uint32_t col() const { return lex_.col(); }
  size_t offset() const { return lex_.offset(); }

 private:
  /// An open construct on the explicit parse stack.
  struct Frame {
    enum Kind : uint8_t { List, Vector, Bytevector, Abbrev, Skip, Label } kind;
    enum Dot : uint8_t { NoDot, WantTail, HaveTail } dot = NoDot;
    char32_t close = ')';  // List: the bracket that closes it
    SrcLoc loc;            // where it opened
    Value head = kNil;     // List/Vector/Bytevector: first item pair; Abbrev: the symbol
    Value tail = kNil;     // last item pair
    int64_t label = 0;     // Label: n of #n=
  };

  /// A datum label of the datum being read. `placeholder` is a Box that
  /// stands for the label's value while that value is still being read
  /// (#0=(a . #0#)); its box value is set when the label's datum is done.
  struct LabelEntry {
    int64_t n;
    Value placeholder;
    bool pending;
  };

  [[noreturn]] void fail_at_end();
  void append(Frame& f, Value datum, SrcLoc loc);
  Value finish(Frame& f);
  LabelEntry* find_label(int64_t n);
  /// Replaces every placeholder in `datum` by its label's value.
  Value patch_labels(Value datum);

  Lexer lex_;
  bool record_locations_;
  bool incomplete_ = false;
  bool placeholders_used_ = false;
  gc_vector<Frame> stack_;
  gc_vector<LabelEntry> labels_;
};

/// Every datum in `text`, as a list. `file_name` as for Reader.
Value read_all(std::string_view text, Value file_name);

}  // namespace kiln
