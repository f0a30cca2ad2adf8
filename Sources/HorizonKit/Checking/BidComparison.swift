package import HorizonModel

/// Bids side by side (`horizon compare-bids`, issue #16): for each tender, a table of its
/// requirements against its bidders — each bid's committed value, the contract's minimum and the
/// margin — and whether each bid meets every minimum. Bids that meet every minimum come first,
/// then by bidder name. It never ranks or scores: an evaluation panel does, by the method it
/// published; this shows side by side what the panel scores.
package struct BidComparison: Sendable {
    /// A requirement of the tender's bids.
    package struct Row: Sendable {
        package var clause: String
        package var number: String
        package var requirement: String
        package var summary: String
        /// The contract's minimum in words, where a rule compares with one.
        package var minimum: String?
    }

    /// One bid's answer to one requirement.
    package struct Cell: Sendable {
        /// The field committed, where a rule compares it with a minimum.
        package var field: String?
        package var committed: String?
        package var minimum: String?
        package var margin: Int?
        package var status: RequirementStatus
    }

    /// One bid.
    package struct Bid: Sendable {
        package var file: String
        package var bidder: String?
        package var verdict: Verdict
        package var meetsEveryMinimum: Bool
        /// One a row of the tender, in its order; empty for a bid that could not be read.
        package var cells: [Cell]
    }

    /// One tender: a contract and its bids.
    package struct Tender: Sendable {
        package var contract: String
        package var title: String
        package var commissioner: String
        package var service: String
        package var tier: String
        package var rows: [Row]
        package var bids: [Bid]
    }

    package var tenders: [Tender]

    /// The statuses with which a requirement is not short of its minimum.
    static let meeting: Set<RequirementStatus> = [.met, .notApplicable, .notYetDue, .notChecked]

    /// Lays out the bids of each contract.
    ///
    /// - Parameters:
    ///   - reports: The bids' reports, judged against the contracts.
    ///   - contracts: The contracts, by reference.
    package init(_ reports: [DocumentReport], contracts: [String: Contract]) {
        var byContract: [String: [DocumentReport]] = [:]
        for report in reports { byContract[report.contract, default: []].append(report) }
        tenders = byContract.keys.sorted().compactMap { reference in
            guard let contract = contracts[reference], let bids = byContract[reference] else { return nil }
            // Every bid judged against one contract shares its requirement table.
            let layout = bids.first { $0.layout != nil }?.requirements ?? []
            let keep = layout.indices.filter { layout[$0].requirement != "-" }
            var minimums: [String: String] = [:]
            for bid in bids {
                for item in bid.commitments where minimums[item.clause + " " + item.requirement] == nil {
                    minimums[item.clause + " " + item.requirement] = item.commitment.minimum
                }
            }
            let rows = keep.map { i in
                Row(
                    clause: layout[i].clause, number: layout[i].number, requirement: layout[i].requirement, summary: layout[i].summary,
                    minimum: minimums[layout[i].clause + " " + layout[i].requirement])
            }
            let laidOut = bids.map { report -> Bid in
                let statuses = report.requirements
                let cells: [Cell] =
                    statuses.count == layout.count
                    ? keep.map { i in
                        let found = report.commitments.first { $0.clause == layout[i].clause && $0.requirement == layout[i].requirement }
                        return Cell(
                            field: found?.commitment.field, committed: found?.commitment.committed, minimum: found?.commitment.minimum,
                            margin: found?.commitment.margin,
                            status: statuses[i].status)
                    } : []
                let meets = report.verdict != .invalid && !cells.isEmpty && cells.allSatisfy { Self.meeting.contains($0.status) }
                return Bid(
                    file: report.file, bidder: report.parties?.bidder, verdict: report.verdict, meetsEveryMinimum: meets, cells: cells)
            }
            let ordered = laidOut.sorted { a, b in
                if a.meetsEveryMinimum != b.meetsEveryMinimum { return a.meetsEveryMinimum }
                let (x, y) = ((a.bidder ?? "").lowercased(), (b.bidder ?? "").lowercased())
                return x != y ? x < y : a.file < b.file
            }
            return Tender(
                contract: reference, title: contract.title, commissioner: contract.commissioner, service: contract.service.id,
                tier: contract.tier, rows: rows, bids: ordered)
        }
    }
}
