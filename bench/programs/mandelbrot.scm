;;; mandelbrot: points of an n x n grid inside the Mandelbrot set (50
;;; iterations); flonum multiply/add in tight loops.
;;; quick: 50 => 992
;;; default: 1500 => 894105
(define (mandel-count n)
  (let ((max-iter 50))
    (let yloop ((y 0) (count 0))
      (if (= y n)
          count
          (let ((ci (- (/ (* 2. (inexact y)) (inexact n)) 1.)))
            (let xloop ((x 0) (count count))
              (if (= x n)
                  (yloop (+ y 1) count)
                  (let ((cr (- (/ (* 2. (inexact x)) (inexact n)) 1.5)))
                    (let iter ((zr 0.) (zi 0.) (i 0))
                      (cond ((= i max-iter) (xloop (+ x 1) (+ count 1)))
                            ((> (+ (* zr zr) (* zi zi)) 4.)
                             (xloop (+ x 1) count))
                            (else
                             (iter (+ (- (* zr zr) (* zi zi)) cr)
                                   (+ (* 2. zr zi) ci)
                                   (+ i 1)))))))))))))

(bench-result (mandel-count (bench-arg 0 1500)))
