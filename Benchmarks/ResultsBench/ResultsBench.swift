import ArgumentParser

/// Results benchmarks (issue #5): `generate` a district, `measure` the engine and pages on it.
/// Benchmarks/results/run.sh runs both beside DuckDB.
@main
struct ResultsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "results-bench", subcommands: [Generate.self, Measure.self, LibraryBench.self])
}
