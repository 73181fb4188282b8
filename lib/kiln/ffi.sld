;; (kiln ffi): calling C. Loading shared objects, binding C functions,
;; pointers and foreign memory, C structs by layout, and callbacks. The
;; primitives are in src/ffi (see its README); struct layouts are computed
;; here, in Scheme, from the sizes and alignments of the C types.
(define-library (kiln ffi)
  (import (kiln %builtin))
  (export
   ;; shared objects and bindings
   load-shared-object foreign-procedure foreign-procedure? foreign-procedure-address
   define-c-function
   ;; callbacks
   foreign-callback foreign-callback-free!
   ;; pointers
   pointer? null-pointer null-pointer? pointer->integer integer->pointer pointer+ pointer=?
   ;; C memory
   foreign-alloc foreign-free foreign-sizeof foreign-alignof foreign-ref foreign-set!
   pointer-ref-int8 pointer-ref-uint8 pointer-ref-int16 pointer-ref-uint16
   pointer-ref-int32 pointer-ref-uint32 pointer-ref-int64 pointer-ref-uint64
   pointer-ref-float pointer-ref-double pointer-ref-pointer
   pointer-set-int8! pointer-set-uint8! pointer-set-int16! pointer-set-uint16!
   pointer-set-int32! pointer-set-uint32! pointer-set-int64! pointer-set-uint64!
   pointer-set-float! pointer-set-double! pointer-set-pointer!
   foreign-memory->bytevector bytevector->foreign-memory! pointer->string string->pointer
   ;; C structs
   make-foreign-struct-type foreign-struct-type? foreign-struct-size foreign-struct-alignment
   foreign-struct-offset foreign-struct-ref foreign-struct-set! foreign-struct-alloc)
  (begin
    ;; (define-c-function name "c_name" (arg-type ...) result-type): binds
    ;; name to the C function, with the types written unquoted.
    (define-syntax define-c-function
      (syntax-rules ()
        ((_ name c-name (arg-type ...) result-type)
         (define name (foreign-procedure c-name '(arg-type ...) 'result-type)))))

    ;; The null pointer, a constant.
    (define null-pointer (integer->pointer 0))

    ;; A C struct's layout: `fields` is a list of (name type offset size)
    ;; in declaration order.
    (define-record-type foreign-struct-type
      (%make-foreign-struct-type name fields size alignment)
      foreign-struct-type?
      (name foreign-struct-name)
      (fields foreign-struct-fields)
      (size foreign-struct-size)
      (alignment foreign-struct-alignment))

    (define (%align n a) (* a (quotient (+ n a -1) a)))

    ;; The size and alignment of a field type: a type symbol or (* T), a
    ;; struct type (nested by value), or (array T n).
    (define (%field-layout type who)
      (cond ((foreign-struct-type? type)
             (values (foreign-struct-size type) (foreign-struct-alignment type)))
            ((and (pair? type) (eq? (car type) 'array))
             (if (not (and (list? type) (= (length type) 3)
                           (exact-integer? (caddr type)) (>= (caddr type) 0)))
                 (error (string-append who ": bad array field type, expected (array type count)") type))
             (call-with-values (lambda () (%field-layout (cadr type) who))
               (lambda (size align) (values (* size (caddr type)) align))))
            (else (values (foreign-sizeof type) (foreign-alignof type)))))

    ;; (make-foreign-struct-type name '((field type) ...)): lays the fields
    ;; out as the x86-64 SysV ABI does: each at the next multiple of its
    ;; alignment, the struct aligned to its strictest field and padded to a
    ;; multiple of that.
    (define (make-foreign-struct-type name specs)
      (let loop ((specs specs) (offset 0) (align 1) (fields '()))
        (cond ((null? specs)
               (%make-foreign-struct-type name (reverse fields) (%align offset align) align))
              ((not (and (pair? specs) (list? (car specs)) (= (length (car specs)) 2) (symbol? (caar specs))))
               (error "make-foreign-struct-type: expected a list of (field-name type)" specs))
              (else
               (let ((field (caar specs)) (type (cadar specs)))
                 (if (assq field fields)
                     (error "make-foreign-struct-type: duplicate field" field))
                 (call-with-values (lambda () (%field-layout type "make-foreign-struct-type"))
                   (lambda (size a)
                     (let ((at (%align offset a)))
                       (loop (cdr specs) (+ at size) (max align a)
                             (cons (list field type at size) fields))))))))))

    (define (%field st field who)
      (if (not (foreign-struct-type? st)) (error (string-append who ": expected a foreign struct type") st))
      (or (assq field (foreign-struct-fields st))
          (error (string-append who ": no such field in struct " (symbol->string (foreign-struct-name st)))
                 field)))

    (define (foreign-struct-offset st field)
      (caddr (%field st field "foreign-struct-offset")))

    ;; A scalar field's value; for a nested struct or an array field, a
    ;; pointer to it.
    (define (foreign-struct-ref st ptr field)
      (let* ((f (%field st field "foreign-struct-ref")) (type (cadr f)))
        (if (or (foreign-struct-type? type) (and (pair? type) (eq? (car type) 'array)))
            (pointer+ ptr (caddr f))
            (foreign-ref type ptr (caddr f)))))

    (define (foreign-struct-set! st ptr field value)
      (let* ((f (%field st field "foreign-struct-set!")) (type (cadr f)))
        (if (or (foreign-struct-type? type) (and (pair? type) (eq? (car type) 'array)))
            (error "foreign-struct-set!: cannot store into an aggregate field; write its parts" field))
        (foreign-set! type ptr (caddr f) value)))

    ;; Zeroed C memory for one struct; free it with foreign-free.
    (define (foreign-struct-alloc st)
      (foreign-alloc (foreign-struct-size st)))))
