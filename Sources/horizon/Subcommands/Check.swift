import ArgumentParser
import Dispatch
import HorizonKit
import HorizonModel
import HorizonOffice

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge supplier returns and tender bids against their contract.",
        discussion: """
            Give one or more contract specifications first, then the documents (YAML, JSON, CSV or an Excel workbook). With \
            several contracts, each document is judged against the contract its header names. Exit status: \
            0 all compliant; 1 at least one error finding; 2 a document or contract could not be read or \
            understood; 64 bad usage.
            """)

    @Argument(help: ArgumentHelp("A contract specification, then more contracts or documents.", valueName: "CONTRACT.yaml"))
    var contract: String

    @Argument(help: ArgumentHelp("Returns and bids to check.", valueName: "DOCUMENT"))
    var documents: [String] = []

    @Option(help: ArgumentHelp("The folder holding the policy files the returns name.", valueName: "DIR"))
    var evidence: String?

    @Option(help: "The report's format: text or json.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Documents checked at once (default: the number of cores).", valueName: "N"))
    var jobs: Int?

    @Option(
        help: ArgumentHelp(
            "Check the quarter ending on this date: every contract given must have a return for each of its periods ending in the three months up to it.",
            valueName: "YYYY-MM-DD"))
    var periodEnding: String?

    @OptionGroup var options: LibraryOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if let periodEnding, CivilDate(iso: periodEnding) == nil {
            throw ValidationError("--period-ending must be a date written YYYY-MM-DD, such as 2027-09-30")
        }
    }

    /// The quarter: the three months up to and including `--period-ending`.
    var quarter: (from: CivilDate, to: CivilDate)? {
        guard let periodEnding, let to = CivilDate(iso: periodEnding) else { return nil }
        return (to.adding(months: -3).adding(days: 1), to)
    }

    func run() throws {
        let library = try options.loadSound()
        let limits = options.limits
        var source: FolderEvidence?
        if let evidence {
            do { source = try FolderEvidence(folder: evidence, limits: limits) } catch {
                Output.report(inputErrors: [error])
                throw ExitCode(2)
            }
        }
        // Contracts come first: the first argument, and any YAML file after it whose top key is
        // 'contract', until the first document.
        var checkers: [String: Checker] = [:]
        var numbers: [String: [String: String]] = [:]
        // Where each contract's reference is written: a missing return points there.
        var referenceLocations: [String: SourceLocation] = [:]
        // Contracts with errors (already reported), by reference: their documents are not judged.
        var defective: [String: String] = [:]
        var paths = [contract] + documents
        var index = 0
        if contractRoot(contract, limits: limits) == nil, isDocument(contract, limits: limits) {
            Output.error("'\(contract)' is a return or bid; give its contract spec first: horizon check CONTRACT.yaml \(contract)")
            throw ExitCode(64)
        }
        // Contracts of one kind share their compiled rules: a quarter's portfolio holds hundreds.
        let cache = CheckerCache(library: library)
        let contracts = ContractCache()
        while index < paths.count {
            let path = paths[index]
            // Each contract file is parsed once: the tree that says it is a contract is resolved.
            let root = contractRoot(path, limits: limits)
            if index > 0 && root == nil { break }
            let loaded =
                try root.map { options.resolveContract($0, file: path, library: library, cache: contracts) }
                ?? options.loadContract(path, library: library)
            guard let resolved = loaded else {
                defective[reference(of: path, limits: limits) ?? path] = path
                index += 1
                continue
            }
            // Each contract's policy files: its own subfolder of the evidence folder first.
            let evidence = source.map { ContractEvidence(folder: $0, reference: resolved.reference) }
            checkers[resolved.reference] = cache.checker(for: resolved, evidence: evidence)
            numbers[resolved.reference] = resolved.numbers
            if let root, let place = referenceLocation(root) { referenceLocations[resolved.reference] = place }
            index += 1
        }
        for (reference, path) in defective.sorted(by: { $0.key < $1.key }) {
            Output.error(
                "the contract file for \(reference) (\(path)) has errors (listed above), so no return or bid for it was checked: the contract's author must correct it"
            )
        }
        paths = Array(paths[index...])
        // A quarter may have no return at all: every contract then misses its returns.
        if paths.isEmpty && quarter == nil {
            Output.error("no document to check; give returns or bids after the contract")
            throw ExitCode(64)
        }

        let single = paths.count == 1
        // JSON: one envelope whatever the number of documents, written a piece at a time.
        if format == .json { print(ReportJSON.head(library: library), terminator: "") }
        var run = PortfolioRun(
            checkers: Array(checkers.values), defective: defective, limits: limits, workers: jobs ?? ProcessInfoCores.count)
        run.quarter = quarter
        // Workbooks are read by HorizonOffice; the text formats by HorizonKit's reader.
        run.parse = { bytes, file, limits, table throws(InputError) in
            try OfficeDocumentReader.parse(bytes, file: file, limits: limits, table: table)
        }
        var first = true
        // Reports are rendered on the workers that judged them; only printing is left to
        // this thread, in the order the documents were given.
        let numbersByContract = numbers
        let format = format
        let tracker = run.run(paths) { report -> String in
            let contractNumbers = numbersByContract[report.contract] ?? [:]
            switch format {
            case .text: return ReportRenderer.text(report, numbers: contractNumbers)
            case .json: return JSONWriter.encode(ReportJSON.document(report, numbers: contractNumbers))
            }
        } emit: { _, rendered in
            switch format {
            case .text: print(rendered, terminator: "")
            case .json: print((first ? "" : ",\n") + rendered, terminator: "")
            }
            first = false
        }
        // The quarter: each contract's returns that never came, and each contract's standing.
        let outcome = quarter.map { _ in
            QuarterOutcome(tracker, contracts: checkers.values.map(\.contract), locations: referenceLocations)
        }
        switch format {
        case .text:
            if let outcome {
                for finding in outcome.findings { print(finding.compilerStyle) }
            }
            if !single || outcome != nil { print(ReportRenderer.summary(tracker), terminator: "") }
            if let outcome { print(outcome.summary, terminator: "") }
        case .json:
            print(ReportJSON.tail(tracker, quarter: outcome), terminator: "")
        }
        if let outcome, !outcome.missing.isEmpty, (tracker.counts[.invalid] ?? 0) <= tracker.unjudged { throw ExitCode(1) }
        // 2 for a document that could not be read or understood; a defective contract is 1, as
        // in every command, and so is a document left unjudged for it.
        if (tracker.counts[.invalid] ?? 0) > tracker.unjudged { throw ExitCode(2) }
        if (tracker.counts[.nonCompliant] ?? 0) > 0 || !defective.isEmpty { throw ExitCode(1) }
    }

    /// Where a contract tree writes its reference (`contract: reference:`).
    func referenceLocation(_ root: YAMLNode) -> SourceLocation? {
        guard case .mapping(let pairs) = root.content, let head = pairs.first(where: { $0.key == "contract" }),
            case .mapping(let fields) = head.value.content, let reference = fields.first(where: { $0.key == "reference" })
        else { return nil }
        return reference.value.location
    }

    /// Whether a file reads as a return or bid.
    func isDocument(_ path: String, limits: ReadLimits) -> Bool {
        guard let bytes = try? FileInput.read(path, limits: limits) else { return false }
        return (try? OfficeDocumentReader.parse(bytes, file: path, limits: limits)) != nil
    }

    /// The reference a contract file gives, read without validating the rest.
    func reference(of path: String, limits: ReadLimits) -> String? {
        guard let bytes = try? FileInput.read(path, limits: limits),
            let root = try? YAMLReader.parse(bytes, file: path, limits: limits),
            case .mapping(let pairs) = root.content,
            let head = pairs.first(where: { $0.key == "contract" }),
            case .mapping(let fields) = head.value.content,
            let reference = fields.first(where: { $0.key == "reference" }),
            case .scalar(let text, _) = reference.value.content
        else { return nil }
        return text
    }

    /// The parsed tree of a contract specification — YAML whose top-level map has 'contract' —
    /// or `nil` for anything else.
    func contractRoot(_ path: String, limits: ReadLimits) -> YAMLNode? {
        guard DocumentReader.Format(path: path) == .yaml,
            let bytes = try? FileInput.read(path, limits: limits),
            let root = try? YAMLReader.parse(bytes, file: path, limits: limits),
            case .mapping(let pairs) = root.content,
            pairs.contains(where: { $0.key == "contract" }) && !pairs.contains(where: { $0.key == "return" || $0.key == "bid" })
        else { return nil }
        return root
    }

}
