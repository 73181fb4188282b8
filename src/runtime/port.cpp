#include "runtime/port.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gc/gc.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "runtime/error.h"
#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/thread.h"

namespace kiln {

// The state of a descriptor-backed port. Lives in malloc memory and holds no
// Values (see port.h). Input keeps the unread bytes in buf[start, end);
// output keeps the pending bytes in buf[0, end).
struct FdState {
  enum class Buffering : uint8_t { Block, Line, None };

  int fd;
  bool owns;
  bool output;
  Buffering buffering;
  uint8_t* buf;
  size_t cap;
  size_t start;
  size_t end;
  // Open output descriptors form a list so that exit can flush them all.
  FdState* prev;
  FdState* next;
};

namespace {

constexpr size_t kFileBufferSize = 64 * 1024;
constexpr size_t kTtyBufferSize = 4 * 1024;

FdState* open_outputs = nullptr;

// stdin, stdout, stderr: kept apart from the Thread's current ports, which a
// program may rebind, so that exit and reads can always find the originals.
Value* standard_ports = nullptr;

[[noreturn]] void file_error(const std::string& what, Value irritant) {
  error_of_kind("file-error", what + ": " + std::strerror(errno), {irritant});
}

// --- descriptor I/O ----------------------------------------------------------

void fd_register(FdState* s) {
  s->prev = nullptr;
  s->next = open_outputs;
  if (open_outputs) open_outputs->prev = s;
  open_outputs = s;
}

void fd_unregister(FdState* s) {
  if (s->prev) s->prev->next = s->next;
  else if (open_outputs == s) open_outputs = s->next;
  if (s->next) s->next->prev = s->prev;
  s->prev = s->next = nullptr;
}

// Writes the pending bytes. Returns false (with errno set) on failure; the
// pending bytes are dropped either way, so a broken pipe is reported once.
bool fd_drain(FdState* s) {
  size_t done = 0;
  bool ok = true;
  while (done < s->end) {
    ssize_t n = ::write(s->fd, s->buf + done, s->end - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    done += static_cast<size_t>(n);
  }
  s->end = 0;
  return ok;
}

void flush_quietly(Value port) {
  if (!is_port(port)) return;
  FdState* s = as_port(port)->fd;
  if (s && s->output && s->end) {
    int saved = errno;
    fd_drain(s);
    errno = saved;
  }
}

void fd_flush(Value port, FdState* s) {
  if (!fd_drain(s)) file_error("cannot write to port", port);
}

// Makes at least `n` unread bytes available unless end of file (or, for a
// terminal, the end of what was typed) comes first; returns how many are.
size_t fd_fill(Value port, FdState* s, size_t n) {
  if (s->end - s->start >= n) return s->end - s->start;
  // A prompt written without a newline must be visible before we block.
  if (standard_ports) flush_quietly(standard_ports[1]);
  if (s->start > 0) {
    std::memmove(s->buf, s->buf + s->start, s->end - s->start);
    s->end -= s->start;
    s->start = 0;
  }
  while (s->end < n) {
    ssize_t got = ::read(s->fd, s->buf + s->end, s->cap - s->end);
    if (got < 0) {
      if (errno == EINTR) continue;
      file_error("cannot read from port", port);
    }
    if (got == 0) break;
    s->end += static_cast<size_t>(got);
  }
  return s->end - s->start;
}

// Decodes the UTF-8 character at the read position; `consume` advances past
// it. Malformed input yields U+FFFD and skips one byte, as utf8_decode does.
int32_t fd_char(Value port, FdState* s, bool consume) {
  if (fd_fill(port, s, 1) == 0) return -1;
  const uint8_t c = s->buf[s->start];
  size_t len;
  uint32_t cp;
  if (c < 0x80) { len = 1; cp = c; }
  else if ((c & 0xe0) == 0xc0) { len = 2; cp = c & 0x1f; }
  else if ((c & 0xf0) == 0xe0) { len = 3; cp = c & 0x0f; }
  else if ((c & 0xf8) == 0xf0) { len = 4; cp = c & 0x07; }
  else { len = 0; cp = 0xfffd; }
  if (len > 1) {
    size_t avail = fd_fill(port, s, len);
    for (size_t k = 1; k < len; ++k) {
      if (k >= avail || (s->buf[s->start + k] & 0xc0) != 0x80) { len = 0; cp = 0xfffd; break; }
      cp = (cp << 6) | (s->buf[s->start + k] & 0x3f);
    }
    if (len && (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) cp = 0xfffd;
  }
  if (consume) s->start += len ? len : 1;
  return static_cast<int32_t>(cp);
}

void fd_put(Value port, FdState* s, const uint8_t* bytes, size_t n) {
  // Writing to stderr flushes stdout first, so that the two stay in order
  // when both go to the same file.
  if (s->buffering == FdState::Buffering::None && standard_ports && port != standard_ports[1])
    flush_quietly(standard_ports[1]);
  const bool newline = s->buffering == FdState::Buffering::Line && std::memchr(bytes, '\n', n);
  while (n > 0) {
    if (s->end == s->cap) fd_flush(port, s);
    size_t room = s->cap - s->end;
    size_t k = n < room ? n : room;
    std::memcpy(s->buf + s->end, bytes, k);
    s->end += k;
    bytes += k;
    n -= k;
  }
  if (s->buffering == FdState::Buffering::None ||
      newline)
    fd_flush(port, s);
}

// Flushes, closes and frees the descriptor state; never raises.
void fd_release(Port* p) {
  FdState* s = p->fd;
  if (!s) return;
  p->fd = nullptr;
  if (s->output) {
    fd_drain(s);
    fd_unregister(s);
  }
  if (s->owns) ::close(s->fd);
  std::free(s->buf);
  std::free(s);
}

// The finalizer is registered on the collector's block, and its client data
// is the Port's offset in it (0 except under KILN_GC_NO_SPARE, gc.h): a
// pointer to the Port itself there would keep it alive forever.
void finalize_port(void* base, void* offset) {
  fd_release(reinterpret_cast<Port*>(static_cast<char*>(base) + reinterpret_cast<uintptr_t>(offset)));
}

// --- in-memory buffers -----------------------------------------------------

Port* new_port(PortKind kind, uint32_t flags) {
  Port* p = gc_new<Port>(Type::Port, sizeof(Port));
  p->kind = kind;
  p->flags = flags;
  if (flags & kPortInput) p->flags |= kPortInputOpen;
  if (flags & kPortOutput) p->flags |= kPortOutputOpen;
  p->name = kFalse;
  p->source = kFalse;
  return p;
}

// Grows an in-memory output buffer of `item`-byte items to hold `extra` more.
void reserve_out(Port* p, int64_t extra, size_t item) {
  if (p->out_len + extra <= p->out_cap) return;
  int64_t cap = p->out_cap ? p->out_cap * 2 : 64;
  while (cap < p->out_len + extra) cap *= 2;
  void* buf = gc_alloc_atomic(static_cast<size_t>(cap) * item);
  if (p->out_len) std::memcpy(buf, p->out_buf, static_cast<size_t>(p->out_len) * item);
  p->out_buf = buf;
  p->out_cap = cap;
}

// --- checks ------------------------------------------------------------------

Port* check_port(Value v, uint32_t direction, uint32_t sort) {
  if (!is_port(v)) error(direction == kPortInput ? "not an input port" : "not an output port", {v});
  Port* p = as_port(v);
  if (!(p->flags & direction)) error(direction == kPortInput ? "not an input port" : "not an output port", {v});
  if (!(p->flags & sort)) error(sort == kPortTextual ? "not a textual port" : "not a binary port", {v});
  uint32_t open = direction == kPortInput ? kPortInputOpen : kPortOutputOpen;
  if (!(p->flags & open)) error("port is closed", {v});
  return p;
}

}  // namespace

// --- constructors --------------------------------------------------------------

Value make_string_input_port(Value str) {
  Port* p = new_port(PortKind::String, kPortInput | kPortTextual);
  p->source = str.as_object()->immutable() ? str : make_string(as_string(str)->chars, string_length(str));
  return Value::object(p);
}

Value make_string_output_port() { return Value::object(new_port(PortKind::String, kPortOutput | kPortTextual)); }

Value port_output_string(Value port) {
  Port* p = as_port(port);
  return make_string(static_cast<const uint32_t*>(p->out_buf), p->out_len);
}

Value make_bytevector_input_port(Value bv) {
  Port* p = new_port(PortKind::Bytes, kPortInput | kPortBinary);
  if (bv.as_object()->immutable()) {
    p->source = bv;
  } else {
    p->source = make_bytevector(bytevector_length(bv));
    if (bytevector_length(bv)) std::memcpy(bytevector_bytes(p->source), bytevector_bytes(bv), bytevector_length(bv));
  }
  return Value::object(p);
}

Value make_bytevector_output_port() { return Value::object(new_port(PortKind::Bytes, kPortOutput | kPortBinary)); }

Value port_output_bytevector(Value port) {
  Port* p = as_port(port);
  Value bv = make_bytevector(p->out_len);
  if (p->out_len) std::memcpy(bytevector_bytes(bv), p->out_buf, static_cast<size_t>(p->out_len));
  return bv;
}

Value make_fd_port(int fd, uint32_t flags, Value name, bool owns) {
  Port* p = new_port(PortKind::Fd, flags);
  p->name = name;
  FdState* s = static_cast<FdState*>(std::calloc(1, sizeof(FdState)));
  bool tty = ::isatty(fd);
  s->fd = fd;
  s->owns = owns;
  s->output = (flags & kPortOutput) != 0;
  s->buffering = tty && s->output ? FdState::Buffering::Line : FdState::Buffering::Block;
  s->cap = tty ? kTtyBufferSize : kFileBufferSize;
  s->buf = static_cast<uint8_t*>(std::malloc(s->cap));
  if (!s->buf) {
    std::free(s);
    error("out of memory for a port buffer");
  }
  if (s->output) fd_register(s);
  p->fd = s;
  if (owns) {
    void* base = GC_base(p);
    auto offset = reinterpret_cast<void*>(reinterpret_cast<char*>(p) - static_cast<char*>(base));
    GC_register_finalizer(base, finalize_port, offset, nullptr, nullptr);
  }
  return Value::object(p);
}

Value open_file_port(std::string_view path, bool input, bool binary, const char* who) {
  std::string cpath(path);
  Value name = make_string(path);
  if (cpath.find('\0') != std::string::npos) error_of_kind("file-error", "file name contains a NUL character", {name});
  auto open_it = [&] {
    return input ? ::open(cpath.c_str(), O_RDONLY | O_CLOEXEC)
                 : ::open(cpath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  };
  int fd = open_it();
  if (fd < 0 && (errno == EMFILE || errno == ENFILE)) {
    // Out of descriptors: ports dropped without close-port may still hold
    // some. Collect, run their finalizers, and try once more.
    gc_collect();
    GC_invoke_finalizers();
    fd = open_it();
  }
  const std::string prefix = who ? std::string(who) + ": " : std::string();
  if (fd < 0) file_error(prefix + (input ? "cannot open input file" : "cannot open output file"), name);
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    errno = EISDIR;
    file_error(prefix + "cannot open file", name);
  }
  uint32_t flags = (input ? kPortInput : kPortOutput) | (binary ? kPortBinary : kPortTextual);
  return make_fd_port(fd, flags, name, true);
}

// --- reading ---------------------------------------------------------------------

int32_t port_read_char(Value port) {
  Port* p = check_port(port, kPortInput, kPortTextual);
  if (p->kind == PortKind::Fd) return fd_char(port, p->fd, true);
  if (p->pos >= string_length(p->source)) return -1;
  return static_cast<int32_t>(as_string(p->source)->chars[p->pos++]);
}

int32_t port_peek_char(Value port) {
  Port* p = check_port(port, kPortInput, kPortTextual);
  if (p->kind == PortKind::Fd) return fd_char(port, p->fd, false);
  if (p->pos >= string_length(p->source)) return -1;
  return static_cast<int32_t>(as_string(p->source)->chars[p->pos]);
}

int32_t port_read_u8(Value port) {
  Port* p = check_port(port, kPortInput, kPortBinary);
  if (p->kind == PortKind::Fd) {
    if (fd_fill(port, p->fd, 1) == 0) return -1;
    return p->fd->buf[p->fd->start++];
  }
  if (p->pos >= bytevector_length(p->source)) return -1;
  return bytevector_bytes(p->source)[p->pos++];
}

int32_t port_peek_u8(Value port) {
  Port* p = check_port(port, kPortInput, kPortBinary);
  if (p->kind == PortKind::Fd) {
    if (fd_fill(port, p->fd, 1) == 0) return -1;
    return p->fd->buf[p->fd->start];
  }
  if (p->pos >= bytevector_length(p->source)) return -1;
  return bytevector_bytes(p->source)[p->pos];
}

bool port_char_ready(Value port) {
  Port* p = as_port(port);
  if (!(p->flags & kPortInput)) error("not an input port", {port});
  if (!(p->flags & kPortInputOpen)) error("port is closed", {port});
  if (p->kind != PortKind::Fd) return true;
  if (p->fd->end > p->fd->start) return true;
  struct pollfd pfd = {p->fd->fd, POLLIN, 0};
  return ::poll(&pfd, 1, 0) > 0;
}

// --- writing ---------------------------------------------------------------------

void port_write_char(Value port, uint32_t cp) {
  Port* p = check_port(port, kPortOutput, kPortTextual);
  if (p->kind == PortKind::Fd) {
    if (cp < 0x80) {
      uint8_t b = static_cast<uint8_t>(cp);
      fd_put(port, p->fd, &b, 1);
    } else {
      std::string s;
      utf8_append(s, cp);
      fd_put(port, p->fd, reinterpret_cast<const uint8_t*>(s.data()), s.size());
    }
    return;
  }
  reserve_out(p, 1, 4);
  static_cast<uint32_t*>(p->out_buf)[p->out_len++] = cp;
}

void port_write_utf8(Value port, std::string_view utf8) {
  Port* p = check_port(port, kPortOutput, kPortTextual);
  if (p->kind == PortKind::Fd) {
    fd_put(port, p->fd, reinterpret_cast<const uint8_t*>(utf8.data()), utf8.size());
    return;
  }
  if (is_ascii(utf8)) {
    reserve_out(p, static_cast<int64_t>(utf8.size()), 4);
    widen_ascii(utf8, static_cast<uint32_t*>(p->out_buf) + p->out_len);
    p->out_len += static_cast<int64_t>(utf8.size());
    return;
  }
  std::u32string cps = utf8_decode(utf8);
  reserve_out(p, static_cast<int64_t>(cps.size()), 4);
  std::memcpy(static_cast<uint32_t*>(p->out_buf) + p->out_len, cps.data(), cps.size() * 4);
  p->out_len += static_cast<int64_t>(cps.size());
}

void port_write_string(Value port, Value str, int64_t start, int64_t end) {
  Port* p = check_port(port, kPortOutput, kPortTextual);
  const uint32_t* chars = as_string(str)->chars;
  if (p->kind == PortKind::Fd) {
    std::string utf8;
    utf8.reserve(static_cast<size_t>(end - start));
    for (int64_t i = start; i < end; ++i) utf8_append(utf8, chars[i]);
    fd_put(port, p->fd, reinterpret_cast<const uint8_t*>(utf8.data()), utf8.size());
    return;
  }
  // Growing allocates; `chars` stays valid because the caller holds `str`.
  reserve_out(p, end - start, 4);
  std::memcpy(static_cast<uint32_t*>(p->out_buf) + p->out_len, chars + start, static_cast<size_t>(end - start) * 4);
  p->out_len += end - start;
}

void port_write_u8(Value port, uint8_t byte) { port_write_bytes(port, &byte, 1); }

void port_write_bytes(Value port, const uint8_t* bytes, size_t n) {
  Port* p = check_port(port, kPortOutput, kPortBinary);
  if (p->kind == PortKind::Fd) {
    fd_put(port, p->fd, bytes, n);
    return;
  }
  reserve_out(p, static_cast<int64_t>(n), 1);
  if (n) std::memcpy(static_cast<uint8_t*>(p->out_buf) + p->out_len, bytes, n);
  p->out_len += static_cast<int64_t>(n);
}

void port_flush(Value port) {
  if (!is_port(port)) return;
  Port* p = as_port(port);
  if (p->kind == PortKind::Fd && p->fd && p->fd->output && p->fd->end) fd_flush(port, p->fd);
}

void port_close(Value port, bool input, bool output) {
  Port* p = as_port(port);
  if (input) p->flags &= ~kPortInputOpen;
  if (output && (p->flags & kPortOutputOpen)) {
    // Report a failed final write, but close regardless.
    bool ok = !(p->kind == PortKind::Fd && p->fd && p->fd->output) || fd_drain(p->fd);
    p->flags &= ~kPortOutputOpen;
    if (!ok) {
      int saved = errno;
      fd_release(p);
      errno = saved;
      file_error("cannot write to port", port);
    }
  }
  if (p->kind == PortKind::Fd && !(p->flags & (kPortInputOpen | kPortOutputOpen))) fd_release(p);
}

// --- standard ports -------------------------------------------------------------------

void ports_init(Thread& t) {
  if (!standard_ports) standard_ports = static_cast<Value*>(gc_alloc_root(3 * sizeof(Value)));
  const uint32_t both = kPortTextual | kPortBinary;
  standard_ports[0] = make_fd_port(0, kPortInput | both, make_string("<stdin>"), false);
  standard_ports[1] = make_fd_port(1, kPortOutput | both, make_string("<stdout>"), false);
  standard_ports[2] = make_fd_port(2, kPortOutput | both, make_string("<stderr>"), false);
  as_port(standard_ports[2])->fd->buffering = FdState::Buffering::None;
  // The converters are filled in by the prelude when it wraps the cells in
  // parameter procedures; until then they are #f.
  t.current_input_cell = cons(standard_ports[0], kFalse);
  t.current_output_cell = cons(standard_ports[1], kFalse);
  t.current_error_cell = cons(standard_ports[2], kFalse);
}

void flush_standard_ports() {
  if (!standard_ports) return;
  flush_quietly(standard_ports[1]);
  flush_quietly(standard_ports[2]);
  for (FdState* s = open_outputs; s; s = s->next) {
    if (s->end) fd_drain(s);
  }
}

}  // namespace kiln
