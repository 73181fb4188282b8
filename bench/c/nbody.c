/* nbody: C baseline for programs/nbody.scm (same operation order, energy
 * printed in units of 1e-9 rounded half-to-even like Scheme's round). */
#include <math.h>
#include <stdio.h>
#include "bench.h"

#define PI 3.141592653589793
#define DAYS_PER_YEAR 365.24

struct body { double x, y, z, vx, vy, vz, m; };

static const double solar_mass = 4.0 * PI * PI;

static struct body mk(double x, double y, double z, double vx, double vy, double vz,
                      double m) {
  struct body b = {x, y, z, vx * DAYS_PER_YEAR, vy * DAYS_PER_YEAR, vz * DAYS_PER_YEAR,
                   m * solar_mass};
  return b;
}

static void advance(struct body *bs, int n, double dt) {
  for (int i = 0; i < n; i++) {
    struct body *a = &bs[i];
    for (int j = i + 1; j < n; j++) {
      struct body *b = &bs[j];
      double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
      double d2 = dx * dx + dy * dy + dz * dz;
      double mag = dt / (d2 * sqrt(d2));
      double am = a->m * mag, bm = b->m * mag;
      a->vx -= dx * bm; a->vy -= dy * bm; a->vz -= dz * bm;
      b->vx += dx * am; b->vy += dy * am; b->vz += dz * am;
    }
  }
  for (int i = 0; i < n; i++) {
    bs[i].x += dt * bs[i].vx;
    bs[i].y += dt * bs[i].vy;
    bs[i].z += dt * bs[i].vz;
  }
}

static double energy(struct body *bs, int n) {
  double e = 0.0;
  for (int i = 0; i < n; i++) {
    struct body *a = &bs[i];
    e = e + 0.5 * a->m * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
    for (int j = i + 1; j < n; j++) {
      struct body *b = &bs[j];
      double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
      e = e - (a->m * b->m) / sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

int main(int argc, char **argv) {
  long steps = bench_arg(argc, argv, 0, 2000000);
  struct body bs[5] = {
      mk(0, 0, 0, 0, 0, 0, 1),
      mk(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
         1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
         9.54791938424326609e-04),
      mk(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
         -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
         2.85885980666130812e-04),
      mk(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
         2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
         4.36624404335156298e-05),
      mk(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
         2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
         5.15138902046611451e-05)};
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < 5; i++) {
    px = px + bs[i].vx * bs[i].m;
    py = py + bs[i].vy * bs[i].m;
    pz = pz + bs[i].vz * bs[i].m;
  }
  bs[0].vx = -(px / solar_mass);
  bs[0].vy = -(py / solar_mass);
  bs[0].vz = -(pz / solar_mass);
  for (long i = 0; i < steps; i++) advance(bs, 5, 0.01);
  printf("%lld\n", (long long)rint(energy(bs, 5) * 1e9));
  return 0;
}
