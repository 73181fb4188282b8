;; SQLite through the FFI: open a database file, create a table, insert
;; rows with bound parameters, and query them back.
;;   build/kiln examples/ffi-sqlite.scm        (Debian: libsqlite3-dev or libsqlite3-0)
(import (scheme base) (scheme cxr) (scheme write) (kiln ffi))

(load-shared-object "libsqlite3.so.0")

(define SQLITE_OK 0)
(define SQLITE_ROW 100)
(define SQLITE_DONE 101)
;; sqlite3_bind_text's destructor argument: SQLITE_TRANSIENT ((void*)-1)
;; makes SQLite copy the text, so our temporary C string may go away.
(define SQLITE_TRANSIENT (integer->pointer #xffffffffffffffff))

(define sqlite3-open (foreign-procedure "sqlite3_open" '(string pointer) 'int))
(define sqlite3-close (foreign-procedure "sqlite3_close" '(pointer) 'int))
(define sqlite3-errmsg (foreign-procedure "sqlite3_errmsg" '(pointer) 'string))
(define sqlite3-exec (foreign-procedure "sqlite3_exec" '(pointer string pointer pointer pointer) 'int))
(define sqlite3-prepare-v2
  (foreign-procedure "sqlite3_prepare_v2" '(pointer string int pointer pointer) 'int))
(define sqlite3-bind-int (foreign-procedure "sqlite3_bind_int" '(pointer int int) 'int))
(define sqlite3-bind-double (foreign-procedure "sqlite3_bind_double" '(pointer int double) 'int))
(define sqlite3-bind-text (foreign-procedure "sqlite3_bind_text" '(pointer int string int pointer) 'int))
(define sqlite3-step (foreign-procedure "sqlite3_step" '(pointer) 'int))
(define sqlite3-reset (foreign-procedure "sqlite3_reset" '(pointer) 'int))
(define sqlite3-finalize (foreign-procedure "sqlite3_finalize" '(pointer) 'int))
(define sqlite3-column-int (foreign-procedure "sqlite3_column_int" '(pointer int) 'int))
(define sqlite3-column-double (foreign-procedure "sqlite3_column_double" '(pointer int) 'double))
(define sqlite3-column-text (foreign-procedure "sqlite3_column_text" '(pointer int) 'string))

(define (check db rc what)
  (unless (= rc SQLITE_OK)
    (error (string-append what ": " (sqlite3-errmsg db)) rc)))

;; sqlite3_open(path, &db): the out-parameter is a pointer-sized cell.
(define path "/tmp/kiln-ffi-example.db")
(define cell (foreign-alloc 8))
(let ((rc (sqlite3-open path cell)))
  (unless (= rc SQLITE_OK) (error "sqlite3_open failed" rc)))
(define db (pointer-ref-pointer cell 0))

(define (exec sql) (check db (sqlite3-exec db sql null-pointer null-pointer null-pointer) sql))
(define (prepare sql)
  (check db (sqlite3-prepare-v2 db sql -1 cell null-pointer) sql)
  (pointer-ref-pointer cell 0))

(exec "DROP TABLE IF EXISTS fruit")
(exec "CREATE TABLE fruit (id INTEGER PRIMARY KEY, name TEXT, price REAL)")

(define insert (prepare "INSERT INTO fruit (id, name, price) VALUES (?1, ?2, ?3)"))
(for-each
 (lambda (row)
   (check db (sqlite3-bind-int insert 1 (car row)) "bind id")
   (check db (sqlite3-bind-text insert 2 (cadr row) -1 SQLITE_TRANSIENT) "bind name")
   (check db (sqlite3-bind-double insert 3 (caddr row)) "bind price")
   (unless (= (sqlite3-step insert) SQLITE_DONE) (error "insert failed" (sqlite3-errmsg db)))
   (sqlite3-reset insert))
 '((1 "apple" 0.5) (2 "kiwi" 0.25) (3 "mango" 1.75) (4 "fig" 2.0)))
(sqlite3-finalize insert)

(define query (prepare "SELECT id, name, price FROM fruit WHERE price < ?1 ORDER BY price"))
(sqlite3-bind-double query 1 1.9)
(let loop ()
  (when (= (sqlite3-step query) SQLITE_ROW)
    (display (sqlite3-column-int query 0)) (display " ")
    (display (sqlite3-column-text query 1)) (display " ")
    (display (sqlite3-column-double query 2)) (newline)
    (loop)))
(sqlite3-finalize query)

(check db (sqlite3-close db) "close")
(foreign-free cell)
(display "done") (newline)
