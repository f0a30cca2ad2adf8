import ArgumentParser
import HorizonKit
import HorizonModel

/// `horizon evidence FILE`: the lines of a return that name the policy file and its SHA-256,
/// so that no supplier computes a digest by hand.
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Print the return's lines that name a policy file and its SHA-256, to copy into the return.",
        discussion: """
            Put the file in the evidence folder you give 'horizon check --evidence DIR', then run this on it. \
            The file name printed is the file's own name: if it sits in a subfolder of the evidence folder, \
            write that path instead.
            """)

    @Argument(help: ArgumentHelp("The policy file.", valueName: "FILE"))
    var file: String

    @Option(help: "yaml or csv: the form of your return.")
    var format: Format = .yaml

    @OptionGroup var options: LibraryOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case yaml, csv
    }

    func run() throws {
        let library = try options.loadSound()
        guard let fields = library.clauses.evidenceFields else {
            Output.error("the clause library asks for no policy file")
            throw ExitCode(1)
        }
        let bytes: [UInt8]
        do {
            // A policy is a document, not a return: up to 64 MiB, as `check --evidence` reads it.
            bytes = try FileInput.read(file, limits: ReadLimits(maxBytes: max(options.maxInputSize, 64 << 20)))
        } catch {
            Output.report(inputErrors: [error])
            throw ExitCode(2)
        }
        let name = baseName(file)
        let digest = Digest.sha256(bytes)
        switch format {
        case .yaml:
            let group = fields.document.split(separator: ".").dropLast().joined(separator: ".")
            let document = fields.document.split(separator: ".").last.map(String.init) ?? fields.document
            let sha = fields.digest.split(separator: ".").last.map(String.init) ?? fields.digest
            print("# Copy into your return, under '\(group):'")
            print("\(group):")
            print("  \(document): \(YAMLText.quoteIfNeeded(name))")
            print("  \(sha): \(digest)")
        case .csv:
            print("\(CSVText.quote(fields.document)),\(CSVText.quote(name))")
            print("\(CSVText.quote(fields.digest)),\(digest)")
        }
    }
}
