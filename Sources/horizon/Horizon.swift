import ArgumentParser
import HorizonKit

/// The `horizon` command: domestic abuse duties in every public contract.
@main
struct Horizon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "horizon",
        abstract: "Write domestic abuse duties into public contracts, and check suppliers' returns and bids against them.",
        discussion: """
            Exit status: 0 all sound or compliant; 1 at least one error finding; 2 an input could not be \
            read or understood; 64 bad command-line usage.
            """,
        version: ReportJSON.toolVersion,
        subcommands: [
            Lint.self, Clauses.self, Explain.self, Generate.self, Template.self, EvidenceCommand.self, Check.self, CompareBids.self,
        ]
    )

    /// Parses and runs, giving `check`'s documents to the command directly (see `CheckArguments`).
    static func main() {
        let (arguments, documents) = CheckArguments.split(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            if let documents, var check = command as? Check {
                check.documents += documents
                command = check
            }
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
