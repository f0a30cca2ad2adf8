/// What a return or a bid is, in one place: its root key and its header fields, each with its
/// type, what it means (for the schedule's reporting annex) and what the template says beside
/// it. The checker, the templates and the annex all read it, so they cannot disagree.
package struct DocumentSchema: Sendable {
    /// A field of the header, built in rather than listed in the library's `fields.yaml`.
    package struct HeaderField: Sendable {
        package var name: String
        package var type: FieldType
        /// What it is, for the schedule's reporting annex.
        package var meaning: String
        /// What the template says beside it, where no contract or period says more.
        package var comment: String
    }

    package let kind: DocumentKind
    package let header: [HeaderField]

    /// The top-level key: `return` or `bid`.
    package var root: String { kind.rawValue }

    /// The dotted id of a header field, such as `return.period_start`.
    package func id(_ name: String) -> String { root + "." + name }

    /// Every header field's dotted id, in order.
    package var headerIDs: [String] { header.map { id($0.name) } }

    /// The schema of a kind of document.
    package static func of(_ kind: DocumentKind) -> DocumentSchema {
        switch kind {
        case .return: .return
        case .bid: .bid
        }
    }

    package static let `return` = DocumentSchema(
        kind: .return,
        header: [
            HeaderField(name: "contract", type: .text, meaning: "the contract reference", comment: "the contract reference"),
            HeaderField(
                name: "supplier", type: .text, meaning: "the supplier's name as in the contract",
                comment: "the supplier's name as in the contract"),
            HeaderField(
                name: "period_start", type: .date, meaning: "the first day of the reporting period (YYYY-MM-DD)",
                comment: "YYYY-MM-DD: the first day of the reporting period"),
            HeaderField(
                name: "period_end", type: .date, meaning: "the last day of the reporting period (YYYY-MM-DD)",
                comment: "YYYY-MM-DD: the last day of the reporting period"),
            HeaderField(
                name: "submitted_on", type: .date, meaning: "the date the return is sent (YYYY-MM-DD)",
                comment: "YYYY-MM-DD: the date you send the return"),
            HeaderField(
                name: "prepared_by_role", type: .text, meaning: "the role of the person who prepared it, never a name",
                comment: "your role, such as Contracts manager; never a person's name"),
        ])

    package static let bid = DocumentSchema(
        kind: .bid,
        header: [
            HeaderField(name: "contract", type: .text, meaning: "the contract reference", comment: "the contract reference"),
            HeaderField(name: "supplier", type: .text, meaning: "the bidder's name", comment: "the bidder's name"),
            HeaderField(
                name: "submitted_on", type: .date, meaning: "the date the bid is sent (YYYY-MM-DD)",
                comment: "YYYY-MM-DD: the date you send the bid"),
            HeaderField(
                name: "prepared_by_role", type: .text, meaning: "the role of the person who prepared it, never a name",
                comment: "your role, such as Bid manager; never a person's name"),
        ])
}
