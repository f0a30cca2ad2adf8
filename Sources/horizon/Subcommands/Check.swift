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

    @Option(
        help: ArgumentHelp(
            "The report's format: text, json, csv (a table for a spreadsheet, a row per document and requirement) or sarif (SARIF 2.1.0)."))
    var format: Format = .text

    @Flag(
        help:
            "In the text report, leave out each document's requirement table, KPI ratings and small-number infos: its other findings, verdict and who and what remain, then the summaries."
    )
    var brief = false

    @Option(help: ArgumentHelp("Documents checked at once (default: the number of cores).", valueName: "N"))
    var jobs: Int?

    @Option(
        help: ArgumentHelp(
            "Check the quarter ending on this date: every contract given must have a return for each of its periods ending in the three months up to it.",
            valueName: "YYYY-MM-DD"))
    var periodEnding: String?

    @OptionGroup var options: LibraryOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv, sarif
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
        // The day after, three months back: 30 June gives 1 April (not 31 March, as three months
        // back from 30 June and a day on would).
        return (to.adding(days: 1).adding(months: -3), to)
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
        let set = try ContractSet.load(
            [contract] + documents, options: options, library: library, evidence: source, command: "check", quiet: format != .text,
            workers: jobs ?? ProcessInfoCores.count)
        let (checkers, numbers, referenceLocations, defective) = (set.checkers, set.numbers, set.referenceLocations, set.defective)
        let paths = set.documents
        // A quarter may have no return at all: every contract then misses its returns.
        if paths.isEmpty && quarter == nil {
            Output.error("no document to check; give returns or bids after the contract")
            throw ExitCode(64)
        }

        let single = paths.count == 1
        // JSON and SARIF: one envelope whatever the number of documents, written a piece at a
        // time; CSV: one table.
        switch format {
        case .text: break
        case .json: print(ReportJSON.head(library: library), terminator: "")
        case .csv: print(ReportCSV.head, terminator: "")
        case .sarif: print(ReportSARIF.head, terminator: "")
        }
        // SARIF quotes each clause as its contract holds it: worked out once a contract kind.
        var words: [String: [String: ReportSARIF.ClauseWords]] = [:]
        if format == .sarif {
            var byKey: [String: [String: ReportSARIF.ClauseWords]] = [:]
            for (reference, checker) in checkers {
                let contract = checker.contract
                let key = contract.rulesKey.isEmpty ? reference : contract.rulesKey
                if byKey[key] == nil { byKey[key] = ReportSARIF.clauses(of: contract) }
                words[reference] = byKey[key]
            }
        }
        let clauseWords = words
        var codes: Set<String> = []
        var run = PortfolioRun(
            checkers: Array(checkers.values), defective: defective, limits: limits, workers: jobs ?? ProcessInfoCores.count)
        run.quarter = quarter
        // Workbooks are read by HorizonOffice; the text formats by HorizonKit's reader. Only the
        // JSON report prints a document's digest.
        let digest = format == .json
        run.parse = { bytes, file, limits, table throws(InputError) in
            try OfficeDocumentReader.parse(bytes, file: file, limits: limits, table: table, digest: digest)
        }
        var first = true
        // Reports are rendered on the workers that judged them; only printing is left to
        // this thread, in the order the documents were given.
        let numbersByContract = numbers
        let format = format
        let brief = brief
        let tracker = run.run(paths) { report -> String in
            let contractNumbers = numbersByContract[report.contract] ?? [:]
            switch format {
            case .text: return ReportRenderer.text(report, numbers: contractNumbers, brief: brief)
            case .json: return JSONWriter.encode(ReportJSON.document(report, numbers: contractNumbers))
            case .csv: return ReportCSV.rows(report, numbers: contractNumbers)
            case .sarif: return ReportSARIF.results(report, clauses: clauseWords[report.contract] ?? [:]).joined(separator: ",\n")
            }
        } emit: { report, rendered in
            switch format {
            case .text, .csv: print(rendered, terminator: "")
            case .json: print((first ? "" : ",\n") + rendered, terminator: "")
            case .sarif:
                guard !rendered.isEmpty else { return }
                print((first ? "" : ",\n") + rendered, terminator: "")
                for finding in report.findings { codes.insert(finding.code) }
            }
            first = false
        }
        // The quarter: each contract's returns that never came.
        let given = checkers.values.map(\.contract)
        let outcome = quarter.map { _ in QuarterOutcome(tracker, contracts: given, locations: referenceLocations) }
        // The board: each contract's standing, and the returns by supplier, service, tier, clause.
        // Worked out only for a report that shows it (a single document's text report does not).
        let titles = Dictionary(library.clauses.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        func board() -> Board { Board(tracker, contracts: given, defective: defective, quarter: outcome, titles: titles) }
        switch format {
        case .text:
            if let outcome {
                for finding in outcome.findings { print(finding.compilerStyle) }
            }
            if !single || outcome != nil {
                print(ReportRenderer.summary(tracker), terminator: "")
                print(board().text(quarter: outcome), terminator: "")
            }
        case .json:
            print(ReportJSON.tail(tracker, board: board(), quarter: outcome), terminator: "")
        case .csv:
            if let outcome {
                print(ReportCSV.missingRows(outcome, contracts: checkers.mapValues(\.contract)), terminator: "")
            }
        case .sarif:
            for (missing, finding) in zip(outcome?.missing ?? [], outcome?.findings ?? []) {
                print((first ? "" : ",\n") + ReportSARIF.result(finding, contract: missing.contract, clauses: [:]), terminator: "")
                codes.insert(finding.code)
                first = false
            }
            print(ReportSARIF.tail(codes: codes, library: library), terminator: "")
        }
        // The run's tallies, reports and checkers hold every document's figures: freeing them
        // one by one on the way out took a tenth of a large run's time, on one core (measured
        // with perf, 10,000 returns). Everything is printed, so the process ends here and the
        // system takes the memory back whole; `exit` flushes standard output first.
        Output.end(status: Check.status(tracker, missing: outcome?.missing.isEmpty == false, defective: !defective.isEmpty))
    }

    /// The exit status of a run: 1 for a return missing from the quarter (unless a document
    /// could not be read); 2 for a document that could not be read or understood; 1 for a
    /// non-compliant document or a defective contract (as in every command, and so for a
    /// document left unjudged for it); else 0.
    static func status(_ tracker: PortfolioTracker, missing: Bool, defective: Bool) -> Int32 {
        let invalid = tracker.counts[.invalid] ?? 0
        if missing && invalid <= tracker.unjudged { return 1 }
        if invalid > tracker.unjudged { return 2 }
        if (tracker.counts[.nonCompliant] ?? 0) > 0 || defective { return 1 }
        return 0
    }
}
