import ArgumentParser
import HorizonKit
import HorizonModel
import HorizonOffice

struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the return or bid template for a contract, for the supplier to fill in.")

    @Argument(help: ArgumentHelp("The contract specification.", valueName: "CONTRACT.yaml"))
    var contract: String

    @Option(help: "return or bid.")
    var kind: Kind = .return

    @Option(help: "yaml, csv, or xlsx (an Excel workbook; needs --output).")
    var format: Format = .yaml

    @Option(help: ArgumentHelp("Fill in the dates of reporting period N (1 is the first).", valueName: "N"))
    var period: Int?

    @Option(help: ArgumentHelp("Fill in the dates of the reporting period that ends on this date.", valueName: "YYYY-MM-DD"))
    var periodEnding: String?

    @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    @Flag(
        help: "Replace the --output file if it exists (without it, a file there is never replaced: it may be a return already filled in).")
    var replace = false

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
        case yaml, csv, xlsx
    }

    func validate() throws {
        if period != nil && periodEnding != nil { throw ValidationError("give --period or --period-ending, not both") }
        if let periodEnding, CivilDate(iso: periodEnding) == nil {
            throw ValidationError("--period-ending must be a date written YYYY-MM-DD, such as 2027-09-30")
        }
        if format == .xlsx && output == nil {
            throw ValidationError("--format xlsx writes a workbook: give the file with --output, such as --output my-return.xlsx")
        }
    }

    func run() throws {
        let (library, libraryFiles) = try options.loadSoundWithFiles()
        guard let resolved = try options.loadContract(contract, library: library) else { throw ExitCode(1) }
        var chosen: ReportingPeriod?
        // A period found by its last day, so that nobody works out period numbers by hand.
        if let periodEnding, let end = CivilDate(iso: periodEnding) {
            guard let found = resolved.periods.first(where: { $0.end == end }) else {
                let near = resolved.periods.filter { $0.end <= end.adding(months: 6) && $0.end >= end.adding(months: -6) }
                let listed = near.map { "\($0.end)" }.joined(separator: ", ")
                Output.error(
                    "no reporting period of contract \(resolved.reference) ends on \(end)"
                        + (listed.isEmpty ? "" : "; periods end on \(listed)"))
                throw ExitCode(64)
            }
            if kind == .bid {
                Output.error("--period-ending applies to returns only")
                throw ExitCode(64)
            }
            chosen = found
        }
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
        let documentKind: DocumentKind = kind == .return ? .return : .bid
        let bytes: [UInt8]
        do {
            switch format {
            case .yaml, .csv:
                bytes = Array(
                    TemplateWriter.render(
                        resolved, library: library, kind: documentKind, format: format == .yaml ? .yaml : .csv, period: chosen,
                        filled: filled
                    )
                    .utf8)
            case .xlsx:
                bytes = try XLSXTemplate.render(resolved, library: library, kind: documentKind, period: chosen, filled: filled)
            }
        } catch {
            Output.report(inputErrors: [error])
            throw ExitCode(2)
        }
        if let output {
            do throws(InputError) {
                // Never over an input: the contract or any file of the library.
                try FileOutput.checkNotInput(output, inputs: [contract] + libraryFiles.map(\.path))
                // Nor over a return a supplier may have filled in, unless asked to.
                if !replace && FileInput.isNonEmptyRegularFile(output) {
                    throw InputError(
                        "output-exists",
                        "this file exists and may be a return you have filled in: give another file name, or add --replace to replace it",
                        at: .start(of: output))
                }
                try FileOutput.writeAll([(output, bytes)])
            } catch {
                Output.report(inputErrors: [error])
                throw ExitCode(2)
            }
        } else {
            print(String(decoding: bytes, as: UTF8.self), terminator: "")
        }
    }
}
