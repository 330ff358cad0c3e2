/**
 * The benchmark of {@code bench/} ({@link camp.bench.Benchmark}): camp against hand-written SQL over
 * generated data, with every port count compared; and a generator of large scripts for timing
 * {@code camp check}.
 */
package camp.bench;
