;; Kiln prelude: the SRFI 69 hash-table procedures that take procedure
;; arguments (the table itself is C++, src/runtime/hashtable.cpp), with the
;; SRFI 125 argument orders accepted where the two differ.

;; A value no table holds: tells "absent" from any stored value.
(define %absent (string->uninterned-symbol "absent"))

;; (hash-table-ref table key [failure [success]]): SRFI 69. Without failure,
;; an absent key is an error (raised by the primitive, so it names it).
(define hash-table-ref
  (let ((ref2 hash-table-ref))
    (lambda (table key . opt)
      (let ((v (hash-table-ref/default table key %absent)))
        (cond ((eq? v %absent)
               (if (pair? opt) ((car opt)) (ref2 table key)))
              ((and (pair? opt) (pair? (cdr opt))) ((cadr opt) v))
              (else v))))))

(define (hash-table-update! table key proc . failure)
  (hash-table-set! table key (proc (apply hash-table-ref table key failure))))

(define (hash-table-update!/default table key proc default)
  (hash-table-set! table key (proc (hash-table-ref/default table key default))))

(define (hash-table-walk table proc)
  (for-each (lambda (entry) (proc (car entry) (cdr entry))) (hash-table->alist table)))

;; SRFI 69: (hash-table-fold table kons knil); SRFI 125: (hash-table-fold kons knil table).
;; kons is called (kons key value accumulator).
(define (hash-table-fold a b c)
  (let-values (((table kons knil) (if (hash-table? a) (values a b c) (values c a b))))
    (let loop ((entries (hash-table->alist table)) (acc knil))
      (if (pair? entries)
          (loop (cdr entries) (kons (car (car entries)) (cdr (car entries)) acc))
          acc))))

;; SRFI 125: (hash-table-for-each proc table); the older (table proc) order too.
(define (hash-table-for-each a b)
  (if (hash-table? a) (hash-table-walk a b) (hash-table-walk b a)))

;; SRFI 125: (hash-table-map->list proc table), proc called (proc key value).
(define (hash-table-map->list proc table)
  (map (lambda (entry) (proc (car entry) (cdr entry))) (hash-table->alist table)))

;; SRFI 125: removes the entries for which (proc key value) is true.
(define (hash-table-prune! proc table)
  (for-each (lambda (entry) (if (proc (car entry) (cdr entry)) (hash-table-delete! table (car entry))))
            (hash-table->alist table)))
