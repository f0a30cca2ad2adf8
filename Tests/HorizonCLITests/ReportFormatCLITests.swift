import Foundation
import Testing

/// The procurement team's reports (issue #16): who and what on every document, the board's
/// summaries worst first, the CSV table, SARIF, and bids side by side — through the binary, on
/// the bundled contracts.
@Suite("Reports for the procurement team")
struct ReportFormatCLITests {
    static let contracts = QuarterCLITests.contracts
    /// A late return and a bad one for the housing contract (two periods), good returns for two
    /// others, and a bid.
    static let documents = [
        "Contracts/returns/hrs-2027-q3-bad-late.yaml", "Contracts/returns/hrs-2027-q2-bad.yaml", "Contracts/returns/ref-2027-h1-good.yaml",
        "Contracts/returns/sms-2027-q1-good.yaml", "Contracts/bids/das-bid-good.yaml",
    ]

    @Test func everyDocumentSaysWhoAndWhat() throws {
        let run = try horizon(arguments: ["check"] + Self.contracts + Self.documents)
        let lines = run.stdoutLines
        #expect(
            lines.contains(
                "  supplier: Example Housing Trust; housing-related-support (targeted tier); commissioner: Brighton & Hove City Council; due 2028-01-30, 17 day(s) late"
            ), "\(run)")
        #expect(
            lines.contains(
                "  supplier: Weald and Downs Waste Services Ltd; refuse-collection (basic tier); commissioner: East Sussex County Council; due 2027-10-30, on time"
            ))
        #expect(
            lines.contains(
                "  bidder: Example Idva and Outreach Partnership; tender for specialist-domestic-abuse (specialist tier); commissioner: Brighton & Hove City Council"
            ))
    }

    @Test func theBoardPutsTheWorstFirst() throws {
        let run = try horizon(arguments: ["check"] + Self.contracts + Self.documents)
        #expect(run.status == 1)
        let lines = run.stdoutLines
        #expect(
            lines.contains(
                "5 contract(s): 2 compliant, 1 non-compliant, 0 invalid, 2 with no returns"), "\(run.stdout.suffix(3000))")
        // The supplier whose contract failed comes first; the bid's tender has no returns.
        let bySupplier = try #require(lines.firstIndex { $0.hasPrefix("By supplier, worst first") })
        #expect(lines[bySupplier + 1].hasPrefix("  supplier "))
        #expect(lines[bySupplier + 2].hasPrefix("  Example Housing Trust "), "\(lines[bySupplier + 2])")
        let columns = lines[bySupplier + 2].split(separator: " ").suffix(7)
        #expect(
            columns == ["1", "0", "1", "0", "0", "2", "8"], "contracts, compliant, non-compliant, invalid, no returns, returns, not met")
        let byTier = try #require(lines.firstIndex { $0.hasPrefix("By tier, worst first") })
        #expect(lines[byTier + 2].hasPrefix("  targeted "))
        let byClause = try #require(lines.firstIndex { $0.hasPrefix("By clause, worst first") })
        #expect(lines[byClause + 1].hasPrefix("  clause "))
        // Clauses by requirements not met, most first.
        var previous = Int.max
        for line in lines[(byClause + 2)...].prefix { $0.hasPrefix("  DA-") } {
            // met, not met, partly met, data missing, all short, contracts: sorted by all short.
            let numbers = line.split(separator: " ").suffix(6).compactMap { Int($0) }
            let notMet = numbers[4]
            #expect(notMet == numbers[1] + numbers[2] + numbers[3], "\(line)")
            #expect(notMet <= previous, "\(line)")
            previous = notMet
        }
        #expect(previous < Int.max, "the clause table has rows")
    }

    @Test func theJSONReportHasTheContractsAndTheBoard() throws {
        let run = try horizon(arguments: ["check"] + Self.contracts + Self.documents + ["--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let contracts = try #require(json["contracts"] as? [[String: Any]])
        #expect(contracts.map { $0["reference"] as? String ?? "" } == contracts.map { $0["reference"] as? String ?? "" }.sorted())
        let housing = try #require(contracts.first { $0["reference"] as? String == "BHCC-2026-HRS-014" })
        #expect(housing["standing"] as? String == "non-compliant" && housing["returns"] as? Int == 2)
        let tender = try #require(contracts.first { $0["reference"] as? String == "BHCC-2026-DAS-002" })
        #expect(tender["standing"] as? String == "no-returns" && tender["bids"] as? Int == 1, "a bid makes no standing")
        let summary = try #require(json["summary"] as? [String: Any])
        let suppliers = try #require(summary["by_supplier"] as? [[String: Any]])
        #expect(suppliers.first?["name"] as? String == "Example Housing Trust")
        #expect(suppliers.first?["non_compliant"] as? Int == 1 && suppliers.first?["requirements_not_met"] as? Int == 8)
        let clauses = try #require(summary["by_clause"] as? [[String: Any]])
        let notMet = clauses.map { ($0["not_met"] as? Int ?? 0) + ($0["data_missing"] as? Int ?? 0) + ($0["partly_met"] as? Int ?? 0) }
        #expect(notMet == notMet.sorted(by: >), "\(notMet)")
        #expect(summary["quarter"] is NSNull, "no quarter without --period-ending")
        let documents = try #require(json["documents"] as? [[String: Any]])
        let bid = try #require(documents.last?["document"] as? [String: Any])
        #expect(bid["bidder"] as? String == "Example Idva and Outreach Partnership")
    }

    @Test func theCSVIsATidyTableForASpreadsheet() throws {
        let run = try horizon(
            arguments: ["check"] + Self.contracts + Self.documents + ["--format", "csv", "--period-ending", "2027-09-30"])
        #expect(run.status == 1)
        let bytes = Array(run.stdout.utf8)
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF], "a byte order mark, for Excel")
        let rows = run.stdout.dropFirst().components(separatedBy: "\r\n")
        #expect(
            rows.first
                == "file,kind,contract,supplier,bidder,service,tier,commissioner,period_start,period_end,due,days_late,verdict,clause,clause_number,requirement,status,finding_codes,categories"
        )
        #expect(rows.last == "", "every row ends in CRLF")
        #expect(!run.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare line feed")
        // One row per requirement of the late return, and one for the lateness no requirement claims.
        let late = rows.filter { $0.hasPrefix("Contracts/returns/hrs-2027-q3-bad-late.yaml,") }
        #expect(late.count == 40 + 1, "\(late.count)")
        #expect(
            late.contains(
                "Contracts/returns/hrs-2027-q3-bad-late.yaml,return,BHCC-2026-HRS-014,Example Housing Trust,,housing-related-support,targeted,Brighton & Hove City Council,2027-10-01,2027-12-31,2028-01-30,17,non-compliant,,,-,error,late-submission,timeliness"
            ))
        // A wrong type is claimed by the requirement whose field it is.
        #expect(
            rows.contains {
                $0.hasPrefix("Contracts/returns/hrs-2027-q2-bad.yaml,")
                    && $0.contains(",DA-TRN-2,4.2,champions-count,data-missing,wrong-type,data-quality")
            })
        // A return that never came is a row of its own.
        #expect(
            rows.contains(
                ",return,ESCC-2026-DWA-009,Cuckmere Money Advice CIC,,debt-and-welfare-advice,targeted,East Sussex County Council,2027-04-01,2027-09-30,2027-11-14,,missing,,,-,missing,return-missing,timeliness"
            ), "\(rows.suffix(3))")
        // Every row has every column (no comma inside these values).
        for row in rows.dropLast() where !row.contains("\"") {
            #expect(row.split(separator: ",", omittingEmptySubsequences: false).count == 19, "\(row)")
        }
    }

    @Test func aCellThatWouldBeAFormulaIsWrittenAsText() throws {
        try withLibraryCopy { library in
            let folder = library.deletingLastPathComponent()
            let contract = try String(contentsOf: packageRoot.appendingPathComponent("Contracts/refuse-collection.yaml"), encoding: .utf8)
                .replacingOccurrences(
                    of: "supplier: Weald and Downs Waste Services Ltd", with: "supplier: \"=HYPERLINK(\\\"http://x\\\")\"")
            let ret = try String(contentsOf: packageRoot.appendingPathComponent("Contracts/returns/ref-2027-h1-good.yaml"), encoding: .utf8)
                .replacingOccurrences(
                    of: "supplier: Weald and Downs Waste Services Ltd", with: "supplier: \"=HYPERLINK(\\\"http://x\\\")\"")
            try contract.write(to: folder.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)
            try ret.write(to: folder.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
            let run = try horizon(
                arguments: [
                    "check", folder.appendingPathComponent("c.yaml").path, folder.appendingPathComponent("r.yaml").path, "--format", "csv",
                    "--library", library.path,
                ])
            let row = try #require(run.stdout.components(separatedBy: "\r\n").dropFirst().first, "\(run)")
            #expect(row.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "\(row)")
        }
    }

    @Test func sarifNamesTheClauseEachFindingServes() throws {
        let run = try horizon(
            arguments: ["check"] + Self.contracts + Self.documents + ["--format", "sarif", "--period-ending", "2027-09-30"])
        #expect(run.status == 1)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let sarifRun = try #require((sarif["runs"] as? [[String: Any]])?.first)
        #expect(sarifRun["columnKind"] as? String == "unicodeCodePoints")
        let results = try #require(sarifRun["results"] as? [[String: Any]])
        let rules = try #require(((sarifRun["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let ids = rules.map { $0["id"] as? String ?? "" }
        #expect(Set(results.map { $0["ruleId"] as? String ?? "" }) == Set(ids), "a rule for every code used, and no other")
        #expect(ids == ids.sorted())
        let training = try #require(results.first { $0["ruleId"] as? String == "training-below-target" })
        let properties = try #require(training["properties"] as? [String: Any])
        #expect(properties["clause"] as? String == "DA-TRN-1" && properties["clause_number"] as? String == "4.1")
        #expect(properties["contract"] as? String == "BHCC-2026-HRS-014" && properties["category"] as? String == "performance")
        #expect((properties["clause_text"] as? String)?.contains("80 per cent") == true, "the contract's own value: \(properties)")
        #expect(training["level"] as? String == "error")
        // The debt advice and substance misuse returns, and the tender's (it has only a bid).
        let missing = results.filter { $0["ruleId"] as? String == "return-missing" }
        #expect(missing.count == 3)
        #expect(results.contains { $0["level"] as? String == "note" }, "info is a note")
    }

    @Test func bidsSideBySideNeverRanked() throws {
        let run = try horizon(
            arguments: [
                "compare-bids", "Contracts/housing-related-support.yaml", "Contracts/bids/hrs-bid-bad.yaml",
                "Contracts/bids/hrs-bid-good.yaml",
            ])
        #expect(run.status == 1, "a bid falls short: \(run)")
        let lines = run.stdoutLines
        #expect(
            lines.first
                == "BHCC-2026-HRS-014 Housing-related support for young people (targeted tier), Brighton & Hove City Council: 2 bid(s)")
        #expect(lines.contains("Side by side, never ranked: the evaluation panel scores the bids by the method it published."))
        // The bid that meets every minimum first, whatever the order given.
        let training = try #require(lines.first { $0.contains("DA-TRN-1 bid-training ") })
        #expect(training.contains("at least 80%") && training.contains("85% (+5)") && training.contains("70% (-10) NOT MET"), "\(training)")
        #expect(training.range(of: "85% (+5)")!.lowerBound < training.range(of: "70% (-10)")!.lowerBound)
        let meets = try #require(lines.first { $0.hasPrefix("  meets every minimum") })
        #expect(meets.split(separator: " ").suffix(2) == ["yes", "no"], "\(meets)")

        let json = try horizon(
            arguments: [
                "compare-bids", "Contracts/housing-related-support.yaml", "Contracts/bids/hrs-bid-bad.yaml",
                "Contracts/bids/hrs-bid-good.yaml",
                "--format", "json",
            ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let bids = try #require(((object["tenders"] as? [[String: Any]])?.first)?["bids"] as? [[String: Any]])
        #expect(bids.map { $0["file"] as? String ?? "" } == ["Contracts/bids/hrs-bid-good.yaml", "Contracts/bids/hrs-bid-bad.yaml"])
        #expect(bids.map { $0["meets_every_minimum"] as? Bool } == [true, false])
        let commitments = try #require(bids.last?["commitments"] as? [[String: Any]])
        let short = try #require(commitments.first { $0["requirement"] as? String == "bid-training" })
        #expect(short["committed"] as? String == "70" && short["minimum"] as? String == "at least 80" && short["margin"] as? Int == -10)
        #expect(short["status"] as? String == "not-met")

        let csv = try horizon(
            arguments: ["compare-bids", "Contracts/housing-related-support.yaml", "Contracts/bids/hrs-bid-good.yaml", "--format", "csv"])
        #expect(csv.status == 0, "every minimum met")
        #expect(csv.stdout.hasPrefix("\u{FEFF}contract,bidder,file,verdict,meets_every_minimum,clause,"))
        #expect(
            csv.stdout.contains(
                "\r\nBHCC-2026-HRS-014,Example Housing Trust,Contracts/bids/hrs-bid-good.yaml,compliant,yes,DA-TRN-1,4.1,bid-training,"))
    }

    @Test func compareBidsRefusesAReturn() throws {
        let run = try horizon(
            arguments: ["compare-bids", "Contracts/housing-related-support.yaml", "Contracts/returns/hrs-2027-q2-good.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[not-a-bid]"), "\(run)")
    }

    /// `--brief`: the problems alone — no requirement table, no KPI ratings, no small-number
    /// infos — and the summaries as before.
    @Test func aBriefReportKeepsTheProblemsAndTheSummaries() throws {
        let full = try horizon(arguments: ["check"] + Self.contracts + Self.documents)
        let brief = try horizon(arguments: ["check"] + Self.contracts + Self.documents + ["--brief"])
        #expect(brief.status == full.status)
        let lines = brief.stdoutLines
        #expect(!lines.contains { $0.hasPrefix("  clause  requirement") || $0.contains("KPI ratings (in the contract's bands)") })
        #expect(!lines.contains { $0.contains("info[small-number]") } && full.stdoutLines.contains { $0.contains("info[small-number]") })
        #expect(lines.contains { $0.contains("error[training-below-target]") })
        #expect(lines.contains { $0.hasPrefix("Contracts/returns/hrs-2027-q2-bad.yaml: return for contract BHCC-2026-HRS-014") })
        #expect(lines.contains { $0.hasPrefix("  supplier: Example Housing Trust;") })
        // The summaries are the full report's, word for word.
        let summary = try #require(full.stdoutLines.firstIndex { $0.hasPrefix("5 document(s)") })
        #expect(Array(lines.suffix(full.stdoutLines.count - summary)) == Array(full.stdoutLines[summary...]))
        #expect(lines.count * 3 < full.stdoutLines.count)
    }
}
