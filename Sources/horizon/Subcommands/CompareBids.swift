import ArgumentParser
import HorizonKit
import HorizonModel
import HorizonOffice

struct CompareBids: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare-bids",
        abstract: "Show a tender's bids side by side: each commitment, the contract's minimum and the margin.",
        discussion: """
            Give the tender contracts first, then the bids (YAML, JSON, CSV or an Excel workbook). For each \
            contract, a table of its requirements against its bidders: each bid's committed value, the \
            contract's minimum and the margin, and whether the bid meets every minimum. Bids that meet every \
            minimum come first, then by bidder name. It never ranks or scores: the evaluation panel does, by \
            the method it published. Exit status: 0 every bid meets every minimum; 1 a bid falls short or \
            has an error; 2 a file could not be read or is not a bid; 64 bad usage.
            """)

    @Argument(help: ArgumentHelp("A contract specification, then more contracts or bids.", valueName: "CONTRACT.yaml"))
    var contract: String

    @Argument(help: ArgumentHelp("The bids to compare.", valueName: "BID"))
    var bids: [String] = []

    @Option(help: "The report's format: text, csv or json.")
    var format: Format = .text

    @OptionGroup var options: LibraryOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json
    }

    func run() throws {
        let library = try options.loadSound()
        let set = try ContractSet.load(
            [contract] + bids, options: options, library: library, evidence: nil, command: "compare-bids", quiet: format != .text)
        guard !set.documents.isEmpty else {
            Output.error("no bid to compare; give the bids after the tender's contract")
            throw ExitCode(64)
        }
        var run = PortfolioRun(checkers: Array(set.checkers.values), defective: set.defective, limits: options.limits)
        // No comparison prints a bid's digest.
        run.parse = { bytes, file, limits, table throws(InputError) in
            try OfficeDocumentReader.parse(bytes, file: file, limits: limits, table: table, digest: false)
        }
        var reports: [DocumentReport] = []
        var unreadable = false
        _ = run.run(set.documents) { report in
            // What cannot be read, or is not a bid, is reported as `check` reports it and left
            // out of the tables.
            if report.kind == .bid && report.verdict != .invalid {
                reports.append(report)
                return
            }
            unreadable = true
            var findings = report.findings
            if report.kind == .return {
                findings = [
                    Finding(
                        .error, "not-a-bid", "this is a return, not a bid: compare-bids compares bids; check returns with horizon check",
                        at: .start(of: report.file))
                ]
            }
            // On standard error: the table on standard output stays a table (CSV, JSON).
            for finding in findings { Output.writeError(finding.compilerStyle + "\n") }
        }
        let comparison = BidComparison(reports, contracts: set.checkers.mapValues(\.contract))
        switch format {
        case .text: print(comparison.text(library: library), terminator: "")
        case .csv: print(comparison.csv, terminator: "")
        case .json: print(comparison.json(library: library), terminator: "")
        }
        if unreadable { throw ExitCode(2) }
        let short = comparison.tenders.contains { $0.bids.contains { !$0.meetsEveryMinimum } }
        if short || !set.defective.isEmpty { throw ExitCode(1) }
    }
}
