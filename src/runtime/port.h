// Ports: the sources and sinks of characters and bytes.
//
// One object type covers every kind of port; `kind` says where the data
// comes from or goes to, and `flags` say which directions and which sort
// of data (textual, binary) the port accepts and whether each direction is
// still open.
//
//   kind      backing store                               data
//   String    input: a private copy of a String            code points
//             output: a growing GC-atomic uint32_t buffer
//   Bytes     input: a Bytevector                          bytes
//             output: a growing GC-atomic byte buffer
//   Fd        a file descriptor with a byte buffer in      UTF-8 text or bytes
//             malloc memory (FdState, below)
//
// Invariants:
// - Values live only in the Port object itself (GC memory). FdState holds
//   no Values, so it may live in malloc memory; a finalizer on the Port
//   flushes and closes the descriptor if the port becomes garbage while
//   still open, and `flush_standard_ports` flushes every open file output
//   port at exit, so output is never lost to a forgotten close-port.
// - Textual fd ports decode and encode UTF-8; invalid input becomes U+FFFD.
//   The standard ports accept both textual and binary operations.
// - Reading from an fd input port first flushes standard output, so a
//   prompt written without a newline appears before the program waits.
// - Every operation on a closed direction raises a Scheme error.
#pragma once

#include <cstdint>
#include <string_view>

#include "runtime/object.h"
#include "runtime/thread.h"

namespace kiln {

struct Thread;
struct FdState;

enum class PortKind : uint8_t { String, Bytes, Fd };

/// Port::flags bits.
enum PortFlag : uint32_t {
  kPortInput = 1u << 0,
  kPortOutput = 1u << 1,
  kPortTextual = 1u << 2,
  kPortBinary = 1u << 3,
  kPortInputOpen = 1u << 4,
  kPortOutputOpen = 1u << 5,
};

struct Port : Object {
  uint32_t flags;
  PortKind kind;
  Value name;      // the file name (a string) for file ports, else #f
  // --- in-memory input (String/Bytes): `source` is read from `pos` on ---
  Value source;    // a String or a Bytevector
  int64_t pos;
  // --- in-memory output (String/Bytes): `out_len` items in `out_buf` ---
  void* out_buf;   // uint32_t[] or uint8_t[], GC atomic, `out_cap` items
  int64_t out_len;
  int64_t out_cap;
  // --- Fd ports ---
  FdState* fd;     // malloc memory; null once closed
};

inline bool is_port(Value v) { return has_type(v, Type::Port); }
inline Port* as_port(Value v) { return v.as<Port>(); }

// --- constructors ----------------------------------------------------------

/// A textual input port reading the characters `str` has now (later changes
/// to a mutable `str` are not seen).
Value make_string_input_port(Value str);
/// A textual output port accumulating characters; see port_output_string.
Value make_string_output_port();
/// The characters written so far to a string output port, as a new string.
Value port_output_string(Value port);

/// A binary input port reading the bytes `bv` has now.
Value make_bytevector_input_port(Value bv);
Value make_bytevector_output_port();
/// The bytes written so far to a bytevector output port, as a new bytevector.
Value port_output_bytevector(Value port);

/// Opens a file port; raises a `file-error` naming the file and the reason.
/// Output files are created or truncated.
/// `who`, when given, is the Scheme procedure named in error messages.
Value open_file_port(std::string_view path, bool input, bool binary, const char* who = nullptr);
/// A port over an already open descriptor (`flags` as for Port::flags, the
/// open bits are set here). `owns` means close-port closes the descriptor.
Value make_fd_port(int fd, uint32_t flags, Value name, bool owns);

// --- predicates -------------------------------------------------------------

inline bool port_has(Value port, uint32_t flag) { return (as_port(port)->flags & flag) != 0; }
inline bool is_input_port(Value v) { return is_port(v) && port_has(v, kPortInput); }
inline bool is_output_port(Value v) { return is_port(v) && port_has(v, kPortOutput); }

// --- reading (raise on a closed port or on a port of the wrong sort) -------

/// The next character, consumed; -1 at end of file. Textual ports only.
int32_t port_read_char(Value port);
/// The next character, not consumed; -1 at end of file.
int32_t port_peek_char(Value port);
/// The next byte, consumed; -1 at end of file. Binary ports only.
int32_t port_read_u8(Value port);
int32_t port_peek_u8(Value port);
/// Whether a read would not block (always true for in-memory ports and at
/// end of file).
bool port_char_ready(Value port);

// --- writing -----------------------------------------------------------------

void port_write_char(Value port, uint32_t cp);
/// Writes UTF-8 text (decoded to code points for string ports).
void port_write_utf8(Value port, std::string_view utf8);
/// Writes chars [start, end) of a String.
void port_write_string(Value port, Value str, int64_t start, int64_t end);
void port_write_u8(Value port, uint8_t byte);
void port_write_bytes(Value port, const uint8_t* bytes, size_t n);

/// Sends buffered output to the descriptor (no-op for in-memory ports and
/// input ports). Raises a file-error if the write fails.
void port_flush(Value port);

/// Closes the input side, the output side, or both (R7RS close-*-port).
/// Closing a closed port does nothing.
void port_close(Value port, bool input, bool output);

// --- the standard ports ------------------------------------------------------

/// Makes the stdin/stdout/stderr ports and the thread's current-port cells
/// holding them (thread.h). stdout is line buffered on a terminal and block
/// buffered otherwise; stderr is unbuffered.
void ports_init(Thread& t);

/// The current input, output and error ports: the values of the
/// current-*-port parameters in the dynamic extent of the caller.
inline Value current_input_port(const Thread& t) { return t.current_input_cell.as_pair()->car; }
inline Value current_output_port(const Thread& t) { return t.current_output_cell.as_pair()->car; }
inline Value current_error_port(const Thread& t) { return t.current_error_cell.as_pair()->car; }
/// Flushes stdout, stderr and every open file output port, ignoring write
/// errors. Called by the CLI at exit; never raises.
void flush_standard_ports();

}  // namespace kiln
