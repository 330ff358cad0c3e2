/**
 * The benchmark of {@code bench/} ({@link camp.bench.Benchmark}): camp against hand-written SQL over
 * generated data, with every port count compared; and a generator of large scripts for timing
 * {@code camp check}.
 *
 * <p>May import {@code camp.check}, {@code camp.run}, {@code camp.cli}, {@code camp.lsp} and JDBC: it measures camp as a user runs it.
 */
package camp.bench;
