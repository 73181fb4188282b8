;;; nbody: Jovian planets n-body simulation (advance n steps, print energy);
;;; flonum vector-ref/vector-set! and sqrt.
;;; quick: 1000 => -169087605
;;; default: 2000000 => -169026286
(define pi 3.141592653589793)
(define solar-mass (* 4. pi pi))
(define days-per-year 365.24)

;; A body is a vector: x y z vx vy vz mass.
(define (body x y z vx vy vz m)
  (vector x y z (* vx days-per-year) (* vy days-per-year) (* vz days-per-year)
          (* m solar-mass)))

(define (make-system)
  (vector
   (body 0. 0. 0. 0. 0. 0. 1.)
   (body 4.84143144246472090e+00 -1.16032004402742839e+00 -1.03622044471123109e-01
         1.66007664274403694e-03 7.69901118419740425e-03 -6.90460016972063023e-05
         9.54791938424326609e-04)
   (body 8.34336671824457987e+00 4.12479856412430479e+00 -4.03523417114321381e-01
         -2.76742510726862411e-03 4.99852801234917238e-03 2.30417297573763929e-05
         2.85885980666130812e-04)
   (body 1.28943695621391310e+01 -1.51111514016986312e+01 -2.23307578892655734e-01
         2.96460137564761618e-03 2.37847173959480950e-03 -2.96589568540237556e-05
         4.36624404335156298e-05)
   (body 1.53796971148509165e+01 -2.59193146099879641e+01 1.79258772950371181e-01
         2.68067772490389322e-03 1.62824170038242295e-03 -9.51592254519715870e-05
         5.15138902046611451e-05)))

(define (offset-momentum! bodies)
  (let loop ((i 0) (px 0.) (py 0.) (pz 0.))
    (if (= i (vector-length bodies))
        (let ((sun (vector-ref bodies 0)))
          (vector-set! sun 3 (- (/ px solar-mass)))
          (vector-set! sun 4 (- (/ py solar-mass)))
          (vector-set! sun 5 (- (/ pz solar-mass))))
        (let* ((b (vector-ref bodies i)) (m (vector-ref b 6)))
          (loop (+ i 1)
                (+ px (* (vector-ref b 3) m))
                (+ py (* (vector-ref b 4) m))
                (+ pz (* (vector-ref b 5) m)))))))

(define (advance! bodies dt)
  (let ((n (vector-length bodies)))
    (do ((i 0 (+ i 1))) ((= i n))
      (let ((a (vector-ref bodies i)))
        (do ((j (+ i 1) (+ j 1))) ((= j n))
          (let* ((b (vector-ref bodies j))
                 (dx (- (vector-ref a 0) (vector-ref b 0)))
                 (dy (- (vector-ref a 1) (vector-ref b 1)))
                 (dz (- (vector-ref a 2) (vector-ref b 2)))
                 (d2 (+ (* dx dx) (* dy dy) (* dz dz)))
                 (mag (/ dt (* d2 (sqrt d2))))
                 (am (* (vector-ref a 6) mag))
                 (bm (* (vector-ref b 6) mag)))
            (vector-set! a 3 (- (vector-ref a 3) (* dx bm)))
            (vector-set! a 4 (- (vector-ref a 4) (* dy bm)))
            (vector-set! a 5 (- (vector-ref a 5) (* dz bm)))
            (vector-set! b 3 (+ (vector-ref b 3) (* dx am)))
            (vector-set! b 4 (+ (vector-ref b 4) (* dy am)))
            (vector-set! b 5 (+ (vector-ref b 5) (* dz am)))))))
    (do ((i 0 (+ i 1))) ((= i n))
      (let ((b (vector-ref bodies i)))
        (vector-set! b 0 (+ (vector-ref b 0) (* dt (vector-ref b 3))))
        (vector-set! b 1 (+ (vector-ref b 1) (* dt (vector-ref b 4))))
        (vector-set! b 2 (+ (vector-ref b 2) (* dt (vector-ref b 5))))))))

(define (energy bodies)
  (let ((n (vector-length bodies)))
    (let loop ((i 0) (e 0.))
      (if (= i n)
          e
          (let* ((a (vector-ref bodies i))
                 (vx (vector-ref a 3)) (vy (vector-ref a 4)) (vz (vector-ref a 5))
                 (e (+ e (* .5 (vector-ref a 6) (+ (* vx vx) (* vy vy) (* vz vz))))))
            (let inner ((j (+ i 1)) (e e))
              (if (= j n)
                  (loop (+ i 1) e)
                  (let* ((b (vector-ref bodies j))
                         (dx (- (vector-ref a 0) (vector-ref b 0)))
                         (dy (- (vector-ref a 1) (vector-ref b 1)))
                         (dz (- (vector-ref a 2) (vector-ref b 2))))
                    (inner (+ j 1)
                           (- e (/ (* (vector-ref a 6) (vector-ref b 6))
                                   (sqrt (+ (* dx dx) (* dy dy) (* dz dz))))))))))))))

;; Energy in units of 1e-9, rounded: exact output on every implementation.
(define (run steps)
  (let ((bodies (make-system)))
    (offset-momentum! bodies)
    (do ((i 0 (+ i 1))) ((= i steps)) (advance! bodies .01))
    (exact (round (* (energy bodies) 1e9)))))

(bench-result (run (bench-arg 0 2000000)))
