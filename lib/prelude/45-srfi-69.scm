;; The SRFI 69 hash-table procedures that take procedures (the C++
;; primitives cannot call back into Scheme).

(define (hash-table-update! table key proc . default)
  (hash-table-set! table key
                   (proc (if (hash-table-exists? table key)
                             (hash-table-ref/default table key #f)
                             (if (pair? default)
                                 ((car default))
                                 (error "hash-table-update!: no such key:" key))))))

(define (hash-table-update!/default table key proc default)
  (hash-table-set! table key (proc (hash-table-ref/default table key default))))

(define (hash-table-walk table proc)
  (for-each (lambda (entry) (proc (car entry) (cdr entry))) (hash-table->alist table)))

(define (hash-table-fold table kons knil)
  (let loop ((entries (hash-table->alist table)) (acc knil))
    (if (null? entries)
        acc
        (loop (cdr entries) (kons (car (car entries)) (cdr (car entries)) acc)))))
