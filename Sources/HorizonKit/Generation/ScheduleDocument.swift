package import HorizonModel

/// A piece of running text in a generated schedule.
package enum Inline: Sendable, Hashable {
    /// Plain words.
    case text(String)
    /// A defined term.
    case term(String)
    /// A cross-reference: the clause's number in this contract and its id.
    case reference(number: String, id: String)
    /// A parameter's value in this contract.
    case value(String)
}

/// The contract schedule as a document model that every renderer walks, so that a new output
/// format (DOCX, say) is a new renderer and never a change to how the schedule is assembled.
package struct ScheduleDocument: Sendable {
    /// A labelled fact of the title block.
    package struct Fact: Sendable, Hashable {
        package var label: String
        package var value: String
    }

    /// A numbered clause.
    package struct ClauseBlock: Sendable, Hashable {
        package var number: String
        package var id: String
        package var version: String
        package var title: String
        package var paragraphs: [[Inline]]
    }

    /// A numbered section (one area).
    package struct Section: Sendable, Hashable {
        package var number: Int
        package var title: String
        package var clauses: [ClauseBlock]
    }

    /// One measure the supplier must return.
    package struct Measure: Sendable, Hashable {
        package var field: String
        package var type: String
        package var meaning: String
        /// "1.1 (DA-POL-1)" for each clause that asks for it.
        package var clauses: [String]
        /// The rules that judge it, with this contract's values.
        package var rules: [String]
    }

    package var title: String
    package var facts: [Fact]
    package var introduction: String
    package var definitions: [(term: String, text: String)]
    package var sections: [Section]
    package var measures: [Measure]
    package var headerFields: [(field: String, meaning: String)]
    package var periods: [ReportingPeriod]
    package var omitted: [OmittedClause]
    /// Annexes after A (reporting) and B (clauses left out), each one table: the KPIs where the
    /// contract has any, then how each duty is judged. Lettered from C in this order.
    package var annexes: [Annex] = []

    /// An annex of one table, which every renderer draws the same way.
    package struct Annex: Sendable, Hashable {
        package var title: String
        package var introduction: String
        package var caption: String
        package var headers: [String]
        package var rows: [[String]]
    }
}

/// Assembles a contract's schedule from its clauses.
package enum ScheduleBuilder {
    /// The header of a return, built in (SPEC §5).
    package static let returnHeader: [(field: String, meaning: String)] = DocumentSchema.return.header.map {
        (DocumentSchema.return.id($0.name), $0.meaning)
    }

    /// Builds the schedule.
    ///
    /// - Parameters:
    ///   - contract: The resolved contract.
    ///   - library: Its library.
    /// - Returns: The document model.
    package static func build(_ contract: Contract, library: Library) -> ScheduleDocument {
        let tierTitle = library.tier(contract.tier)?.title ?? contract.tier
        let facts: [ScheduleDocument.Fact] = [
            .init(label: "Contract reference", value: contract.reference),
            .init(label: "Contract", value: contract.title),
            .init(label: "Commissioner", value: contract.commissioner),
            .init(label: "Supplier", value: contract.supplier),
            .init(label: "Service", value: contract.service.title),
            .init(label: "Tier", value: tierTitle),
            .init(label: "Term", value: "\(contract.start) to \(contract.end)"),
            .init(
                label: "Reporting",
                value: "\(contract.reporting.rawValue), returns due \(contract.returnDueDays) days after each period ends"),
            .init(label: "Clause library", value: "\(library.id) version \(library.version)"),
        ]
        var usedTerms: Set<String> = []
        var seenAreas: Set<String> = []
        let sections = contract.sections.map { section in
            // An area with clauses in two tiers has two sections: the second says which tier.
            let repeated = !seenAreas.insert(section.area.id).inserted
            let tier = section.clauses.first.flatMap { library.tier($0.tier.value)?.title.lowercased() } ?? ""
            let tierID = section.clauses.first?.tier.value ?? ""
            let title = section.area.tierTitles[tierID] ?? (repeated ? "\(section.area.title) (\(tier) tier)" : section.area.title)
            return ScheduleDocument.Section(
                number: section.number, title: title,
                clauses: section.clauses.map { clause in
                    ScheduleDocument.ClauseBlock(
                        number: contract.numbers[clause.id] ?? "", id: clause.id, version: clause.version, title: clause.title,
                        paragraphs: clause.text.map { paragraph in
                            paragraph.segments.map { segment -> Inline in
                                switch segment {
                                case .words(let text): return .text(text)
                                case .term(let term):
                                    usedTerms.insert(term)
                                    return .term(term)
                                case .parameter(let name): return .value(contract.parameters[name]?.description ?? name)
                                case .counted(let name):
                                    guard let value = contract.parameters[name] else { return .value(name) }
                                    return .value(clause.parameters.first { $0.name == name }?.counted(value) ?? value.description)
                                case .reference(let id): return .reference(number: contract.numbers[id] ?? id, id: id)
                                }
                            }
                        })
                })
        }
        // A definition may use another defined term ("for a Young Person"): include those too.
        var grew = true
        while grew {
            grew = false
            for definition in library.definitions where usedTerms.contains(definition.term) {
                for other in library.definitions where !usedTerms.contains(other.term) && definition.text.contains(other.term) {
                    usedTerms.insert(other.term)
                    grew = true
                }
            }
        }
        let definitions = library.definitions.filter { usedTerms.contains($0.term) }
            .sorted { $0.term.lowercased() < $1.term.lowercased() }
            .map { (term: $0.term, text: $0.text) }
        var document = ScheduleDocument(
            title: "Schedule: domestic abuse duties",
            facts: facts,
            introduction:
                "This schedule forms part of the Contract between the Commissioner and the Supplier. It sets out the duties of the Supplier concerning domestic abuse at the \(tierTitle.lowercased()) tier and the returns by which the Supplier shows that it meets them. Each clause shows, in brackets, the identifier under which it is held in the clause library; it forms no part of the clause.",
            definitions: definitions,
            sections: sections,
            measures: measures(contract, library: library, kind: .return),
            headerFields: returnHeader,
            periods: contract.periods,
            omitted: contract.omitted)
        if let kpis = kpiAnnex(contract) { document.annexes.append(kpis) }
        document.annexes.append(traceAnnex(contract))
        return document
    }

    /// The KPIs the contract manages by, with their targets and rating bands; `nil` when its
    /// clauses mark none.
    static func kpiAnnex(_ contract: Contract) -> ScheduleDocument.Annex? {
        var rows: [[String]] = []
        for clause in contract.clauses {
            for requirement in clause.requirements where requirement.documents.contains(.return) {
                guard let kpi = requirement.kpi, let share = requirement.kpiShare, let target = contract.int(share.target) else { continue }
                let bands = contract.kpiBands(target: target)
                let number = contract.numbers[clause.id] ?? clause.id
                rows.append(
                    [
                        "KPI \(rows.count + 1)", kpi.value, "\(share.part) as a share of \(share.whole)", "\(number) (\(clause.id))",
                    ] + bands.words.map(\.1))
            }
        }
        guard !rows.isEmpty else { return nil }
        return ScheduleDocument.Annex(
            title: "key performance indicators",
            introduction:
                "The Commissioner shall rate each key performance indicator below, for each return and for each year of the Contract, in the bands this Contract sets: Good, Approaching target, Requires improvement or Inadequate, by the share the return shows; or Other where performance cannot be so described, such as a period before the target applies, or one in which the measure's whole is nil or its figures are missing. The bands follow those of a contract performance notice under section 71 of the Procurement Act 2023; section 52 requires key performance indicators only of a contract over £5 million that is not a light touch contract, and a contract awarded under the Health Care Services (Provider Selection Regime) Regulations 2023 is not subject to the Act. The clause that sets each target still decides whether a return complies.",
            caption: "Key performance indicators and their rating bands",
            headers: ["KPI", "What is measured", "Measure", "Clause", "Good", "Approaching target", "Requires improvement", "Inadequate"],
            rows: rows)
    }

    /// Each paragraph of the schedule that imposes a duty, and what judges it: the measures of
    /// a return or the commitments of a bid, or the Commissioner at contract review.
    static func traceAnnex(_ contract: Contract) -> ScheduleDocument.Annex {
        var rows: [[String]] = []
        for clause in contract.clauses {
            let number = contract.numbers[clause.id] ?? clause.id
            for (index, paragraph) in clause.text.enumerated() {
                let judged: String
                switch paragraph.trace {
                case .judgedBy(let ids)?:
                    judged = ids.compactMap { id in
                        clause.requirements.first { $0.id == id.value }.map { requirement in
                            let kinds = requirement.documents.sorted().map(\.rawValue).joined(separator: " and ")
                            return "\(requirement.summary) (\(kinds): \(requirement.id))"
                        }
                    }.joined(separator: "; ")
                case .judgedAt(let point, let reason)?:
                    judged = "At \(String(point.value.map { $0 == "-" ? " " : $0 })): \(reason)"
                case nil:
                    guard paragraph.imposesDuty else { continue }
                    judged = "Not traced"
                }
                rows.append(["\(number).\(index + 1)", judged])
            }
        }
        return ScheduleDocument.Annex(
            title: "how each duty is judged",
            introduction:
                "Each paragraph of this schedule that imposes a duty is judged either by what the Supplier's returns or bid must show, against the rules of Annex A, or, where a duty sets no level and no return can show it, by the Commissioner at the point stated.",
            caption: "Duties and what judges them",
            headers: ["Paragraph", "Judged by"],
            rows: rows)
    }

    /// Every field a document of `kind` must hold, once, in clause order, with the clauses that
    /// ask for it and the rules that judge it.
    package static func measures(_ contract: Contract, library: Library, kind: DocumentKind) -> [ScheduleDocument.Measure] {
        var order: [String] = []
        var rows: [String: ScheduleDocument.Measure] = [:]
        func value(_ name: String) -> String? { contract.parameters[name]?.description }
        for clause in contract.clauses {
            let label = "\(contract.numbers[clause.id] ?? "") (\(clause.id))"
            for requirement in clause.requirements where requirement.documents.contains(kind) {
                var fields = requirement.fields.map(\.value)
                for rule in requirement.rules { fields += rule.kind.fields.map(\.id) }
                for field in fields {
                    if rows[field] == nil {
                        let spec = library.field(field)
                        order.append(field)
                        rows[field] = .init(
                            field: field, type: spec?.type.rawValue ?? "text", meaning: spec?.meaning ?? "",
                            clauses: [], rules: [])
                    }
                    if !rows[field]!.clauses.contains(label) { rows[field]!.clauses.append(label) }
                }
                for rule in requirement.rules {
                    let text = rule.kind.describe(RuleWords(document: kind, value: value))
                    if let first = rule.kind.fields.first?.id, !rows[first]!.rules.contains(text) {
                        rows[first]!.rules.append(text)
                    }
                }
            }
        }
        return order.compactMap { rows[$0] }
    }
}
