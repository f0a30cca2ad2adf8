import ArgumentParser
import HorizonKit
import HorizonModel

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a clause: its text, parameters, guidance, legal basis and requirements.")

    @Argument(help: ArgumentHelp("A clause id, such as DA-POL-1.", valueName: "CLAUSE-ID"))
    var id: String

    @OptionGroup var options: LibraryOptions

    func run() throws {
        let library = try options.loadSound()
        guard let clause = library.clause(id) ?? library.clause(id.uppercased()) else {
            let ids = library.clauses.map(\.id).sorted()
            let hint =
                ids.first { $0.lowercased().hasPrefix(id.lowercased()) } ?? ids.first { $0.lowercased() == id.lowercased() }
                ?? ids.first { $0.hasPrefix(id.uppercased().split(separator: "-").prefix(2).joined(separator: "-") + "-") }
            Output.error(
                "no clause '\(id)' in library \(library.id) \(library.version)" + (hint.map { "; did you mean '\($0)'?" } ?? "")
                    + "; 'horizon clauses' lists them all")
            throw ExitCode(2)
        }
        print(ClauseExplanation.text(for: clause, in: library))
    }
}
