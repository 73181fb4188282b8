// The bytecode instruction set, defined once.
//
// An instruction is a run of 32-bit words. The first word holds the opcode
// in its low 8 bits and operand A (usually the destination register) in the
// upper 24; the remaining operands follow one word each. Registers index
// the frame (fp[r]); K is the Proto's constant table; jump targets are word
// offsets from the start of the code.
//
// X(name, words, meaning). `words` is the instruction's length, or 0 when
// it depends on a count (CLOSURE, CALL, TAILCALL, PRIM, LOOP, CALLCC: the
// count is the word after the fixed operands and the registers follow it).
#pragma once

#include <cstdint>

namespace kiln::vm {

#define KILN_OPCODES(X)                                                                  \
  X(MOV, 2, "A := r[B]")                                                                 \
  X(CONST, 2, "A := K[B]")                                                               \
  X(GREF, 2, "A := value of cell K[B]; error if unbound")                                \
  X(GSET, 2, "cell K[B] := r[A]; error if unbound")                                      \
  X(GDEF, 2, "cell K[B] := r[A]")                                                        \
  X(FREF, 3, "A := free slot C of closure r[B]")                                         \
  X(BOX, 2, "A := a new box holding r[B]")                                               \
  X(UNBOX, 2, "A := contents of box r[B]")                                               \
  X(SETBOX, 2, "box r[A] := r[B]")                                                       \
  X(CLOSURE, 0, "A := closure of proto K[B] over N registers: A B N r...")               \
  X(PATCH, 3, "free slot B of closure r[A] := r[C]")                                     \
  X(JMP, 1, "jump to A")                                                                 \
  X(LOOP, 0, "jump back to A, counting a back edge: A N r... H; see interp.cpp")         \
  X(BRF, 2, "jump to B if r[A] is #f")                                                   \
  X(BRT, 2, "jump to B if r[A] is not #f")                                               \
  X(JNLT, 3, "jump to C unless r[A] < r[B] (a compare fused with its branch)")            \
  X(JNLE, 3, "jump to C unless r[A] <= r[B]")                                           \
  X(JNGT, 3, "jump to C unless r[A] > r[B]")                                            \
  X(JNGE, 3, "jump to C unless r[A] >= r[B]")                                           \
  X(JNNUMEQ, 3, "jump to C unless r[A] = r[B]")                                         \
  X(JNLTI, 3, "jump to C unless r[A] < B (B a fixnum constant, tagged)")                \
  X(JNLEI, 3, "jump to C unless r[A] <= B")                                             \
  X(JNGTI, 3, "jump to C unless r[A] > B")                                              \
  X(JNGEI, 3, "jump to C unless r[A] >= B")                                             \
  X(JNNUMEQI, 3, "jump to C unless r[A] = B")                                           \
  X(ADDI, 3, "A := r[B] + C (C a fixnum constant, tagged)")                              \
  X(SUBI, 3, "A := r[B] - C")                                                           \
  X(CALL, 0, "A := call r[F] with N args, then clear M dead registers: A N F r... M r...") \
  X(TAILCALL, 0, "tail call r[F] with A args: A F r...")                                 \
  X(PRIM, 0, "A := primitive K[B] on N args: A B N r...")                                \
  X(RET, 1, "return r[A]")                                                               \
  X(CALLCC, 0, "A := this frame's continuation, resuming at C with the value in r[B], after clearing M registers: A B C M r...") \
  X(CALLCCT, 1, "A := the continuation of this frame's caller (call/cc in tail position)") \
  X(ADD, 3, "A := r[B] + r[C]")                                                          \
  X(SUB, 3, "A := r[B] - r[C]")                                                          \
  X(MUL, 3, "A := r[B] * r[C]")                                                          \
  X(LT, 3, "A := r[B] < r[C]")                                                           \
  X(LE, 3, "A := r[B] <= r[C]")                                                          \
  X(GT, 3, "A := r[B] > r[C]")                                                           \
  X(GE, 3, "A := r[B] >= r[C]")                                                          \
  X(NUMEQ, 3, "A := r[B] = r[C]")                                                        \
  X(CAR, 2, "A := car r[B]")                                                             \
  X(CDR, 2, "A := cdr r[B]")                                                             \
  X(CONS, 3, "A := (r[B] . r[C])")                                                       \
  X(EQ, 3, "A := eq? r[B] r[C]")                                                         \
  X(NOT, 2, "A := not r[B]")                                                             \
  X(NULLP, 2, "A := null? r[B]")                                                         \
  X(PAIRP, 2, "A := pair? r[B]")                                                         \
  X(VREF, 3, "A := vector-ref r[B] r[C]")                                                \
  X(VSET, 3, "vector-set! r[A] r[B] r[C]")

enum class Opcode : uint8_t {
#define KILN_X(name, words, doc) name,
  KILN_OPCODES(KILN_X)
#undef KILN_X
};

inline constexpr uint32_t kOpcodeWords[] = {
#define KILN_X(name, words, doc) words,
    KILN_OPCODES(KILN_X)
#undef KILN_X
};

const char* opcode_name(Opcode op);

inline uint32_t make_word0(Opcode op, uint32_t a) { return static_cast<uint32_t>(op) | (a << 8); }
inline Opcode word_opcode(uint32_t w) { return static_cast<Opcode>(w & 0xff); }
inline uint32_t word_a(uint32_t w) { return w >> 8; }

/// The length in words of the instruction at `pc`.
inline uint32_t instruction_words(const uint32_t* pc) {
  Opcode op = word_opcode(pc[0]);
  switch (op) {
    case Opcode::CLOSURE: return 3 + pc[2];
    case Opcode::LOOP: return 3 + pc[1];
    case Opcode::CALL: return 4 + pc[1] + pc[3 + pc[1]];
    case Opcode::TAILCALL: return 2 + word_a(pc[0]);
    case Opcode::PRIM: return 3 + pc[2];
    case Opcode::CALLCC: return 4 + pc[3];
    default: return kOpcodeWords[static_cast<int>(op)];
  }
}

}  // namespace kiln::vm
