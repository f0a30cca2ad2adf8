import ArgumentParser
import HorizonKit
import HorizonModel

struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the return or bid template for a contract, for the supplier to fill in.")

    @Argument(help: ArgumentHelp("The contract specification.", valueName: "CONTRACT.yaml"))
    var contract: String

    @Option(help: "return or bid.")
    var kind: Kind = .return

    @Option(help: "yaml or csv.")
    var format: Format = .yaml

    @Option(help: ArgumentHelp("Fill in the dates of reporting period N (1 is the first).", valueName: "N"))
    var period: Int?

    @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Fill in the policy file's name and SHA-256 from this folder, which must hold the policy file alone (a return only).",
            valueName: "DIR"))
    var evidence: String?

    @OptionGroup var options: LibraryOptions

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case `return`, bid
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case yaml, csv
    }

    func run() throws {
        let (library, libraryFiles) = try options.loadSoundWithFiles()
        guard let resolved = try options.loadContract(contract, library: library) else { throw ExitCode(1) }
        var chosen: ReportingPeriod?
        if let period {
            guard let found = resolved.periods.first(where: { $0.number == period }) else {
                Output.error("--period must be from 1 to \(resolved.periods.count) for contract \(resolved.reference)")
                throw ExitCode(64)
            }
            if kind == .bid {
                Output.error("--period applies to returns only")
                throw ExitCode(64)
            }
            chosen = found
        }
        var filled: [String: (value: String, comment: String)] = [:]
        if let evidence {
            if kind == .bid {
                Output.error("--evidence applies to returns only")
                throw ExitCode(64)
            }
            do {
                let file = try FolderEvidence(folder: evidence, limits: options.limits).onlyFile()
                if let fields = resolved.clauses.evidenceFields {
                    filled[fields.document] = (file.name, "Filled in by horizon from the evidence folder")
                    filled[fields.digest] = (
                        file.sha256, "Computed by horizon from \(file.name); if you change the file, make the template again"
                    )
                }
            } catch {
                Output.report(inputErrors: [error])
                throw ExitCode(2)
            }
        }
        let text = TemplateWriter.render(
            resolved, library: library, kind: kind == .return ? .return : .bid, format: format == .yaml ? .yaml : .csv, period: chosen,
            filled: filled)
        if let output {
            do {
                // Never over an input: the contract or any file of the library.
                try FileOutput.checkNotInput(output, inputs: [contract] + libraryFiles.map(\.path))
                try FileOutput.write(text, to: output)
            } catch {
                Output.report(inputErrors: [error])
                throw ExitCode(2)
            }
        } else {
            print(text, terminator: "")
        }
    }
}
