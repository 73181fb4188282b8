// The reader's tokenizer: UTF-8 text in, one token at a time out.
//
// It knows R7RS's lexical syntax: atoms (numbers, identifiers, `|sym|`,
// strings, characters, booleans) come out finished as a `Datum` token; the
// punctuation that shapes data (parentheses, `#(`, `#u8(`, quote marks, `.`,
// `#;`, labels) comes out as its own token for the parser (reader.cpp).
// Whitespace, `;` and nested `#| |#` comments, the `#!fold-case` and
// `#!no-fold-case` directives and a `#!/...` script line at the very start
// are consumed here and never seen by the parser.
//
// Invariants: the lexer never recurses and never allocates except for the
// atoms it returns; lines are 1-based (counting '\n'), columns are 1-based
// and count code points, so a tab or a 'λ' is one column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/srcloc.h"
#include "runtime/value.h"

namespace kiln {

enum class TokenKind : uint8_t {
  End,              // no more input
  Open,             // ( or [
  Close,            // ) or ]
  VectorOpen,       // #(
  BytevectorOpen,   // #u8(
  Quote,            // '
  Quasiquote,       // `
  Unquote,          // ,
  UnquoteSplicing,  // ,@
  Dot,              // a lone .
  DatumComment,     // #;
  LabelDef,         // #n=
  LabelRef,         // #n#
  Datum,            // any atom, already built
};

struct Token {
  TokenKind kind = TokenKind::End;
  SrcLoc loc;                // where the token starts
  Value datum = kFalse;      // Datum: the atom
  int64_t label = 0;         // LabelDef / LabelRef: n
  char32_t bracket = 0;      // Open / Close: which character, '(' ')' '[' or ']'
};

class Lexer {
 public:
  /// `file` is a srcloc_file index (0 when the text has no file name);
  /// `file_label` is what error messages call the text.
  Lexer(std::string_view utf8_text, uint32_t file, std::string file_label, int first_line);

  /// The next token. Raises a read-error for malformed atoms and for
  /// strings, characters and block comments cut off by the end of input
  /// (those also set `incomplete`).
  Token next();

  /// Raises a read-error "label:line:col: message" located at `at`.
  [[noreturn]] void fail(SrcLoc at, std::string_view message);

  /// Set when the last error was the input ending in the middle of a datum,
  /// so a REPL can ask for another line instead of reporting it.
  bool incomplete = false;

  uint32_t line() const { return line_; }
  uint32_t col() const { return col_; }
  /// Byte offset of the next unread character.
  size_t offset() const { return pos_; }
  SrcLoc here() const { return SrcLoc{file_, line_, col_}; }

 private:
  static constexpr char32_t kEndChar = 0xFFFFFFFF;

  char32_t peek() const;
  char32_t peek_at(size_t byte_offset) const;
  char32_t advance();
  static bool is_delimiter(char32_t c);
  static bool is_whitespace(char32_t c);

  /// Skips whitespace, comments and directives. Returns false at the end.
  bool skip_atmosphere();
  void skip_block_comment(SrcLoc start);
  Token hash_syntax(SrcLoc start);
  /// parse_number on the text of a token at `at`, with its one raise (an
  /// exact literal too large to build, #e1e400000000) turned into a
  /// read-error located at the token, as is a non-real number (1+2i),
  /// which Kiln cannot represent.
  Value number_at(SrcLoc at, std::string_view text);
  Value read_string(SrcLoc start);
  Value read_pipe_symbol(SrcLoc start);
  Value read_character(SrcLoc start);
  /// Reads until a delimiter, as UTF-8.
  std::string read_delimited();
  /// After a backslash in a string or |symbol|: one escaped character, or
  /// kEndChar for a line continuation (strings only).
  char32_t read_escape(SrcLoc start, bool in_string);
  std::string fold(std::string_view utf8) const;

  std::string_view text_;
  size_t pos_ = 0;
  uint32_t file_;
  uint32_t line_;
  uint32_t col_ = 1;
  std::string file_label_;
  bool fold_case_ = false;
};

}  // namespace kiln
