/// Every finding code Horizon itself gives, in one registry: the README's tables are rendered
/// from it (a test requires them word for word), a test requires every code written in the
/// sources to be here, and the fixture meta-tests take their lists of codes from it. The codes
/// of rules come from the clause library instead (`code:` of each rule).
///
/// Codes are stable kebab-case identifiers; they change only with a version bump.
package enum FindingCodes {
    /// Where a code can arise, which is also the README table it is listed in.
    package enum Area: String, Sendable, CaseIterable {
        /// A file cannot be used at all (exit 2).
        case reading
        /// A defect in the clause library (`lint`, exit 1).
        case library
        /// A defect in a contract specification (exit 1, nothing written).
        case contract
        /// A finding on a return or bid (`check`).
        case document
    }

    package struct Entry: Sendable, Hashable {
        package var code: String
        package var area: Area
        /// For document codes: error, warning or info, or two of them with the condition.
        package var severity: String
        package var meaning: String
    }

    package static func reading(_ code: String, _ meaning: String) -> Entry {
        Entry(code: code, area: .reading, severity: "", meaning: meaning)
    }
    package static func library(_ code: String, _ meaning: String) -> Entry {
        Entry(code: code, area: .library, severity: "", meaning: meaning)
    }
    package static func contract(_ code: String, _ meaning: String) -> Entry {
        Entry(code: code, area: .contract, severity: "", meaning: meaning)
    }
    package static func document(_ code: String, _ severity: String, _ meaning: String) -> Entry {
        Entry(code: code, area: .document, severity: severity, meaning: meaning)
    }

    package static let all: [Entry] = [
        reading("unreadable-file", "missing, a folder, a FIFO or device, or no permission"),
        reading("too-large", "larger than `--max-input-size` (refused before it is read)"),
        reading("invalid-encoding", "not UTF-8 (the bad byte is located), UTF-16, or a control character"),
        reading("yaml-syntax", "libyaml's problem at its mark, with libyaml's context as a note"),
        reading("tab-indent", "a tab used for indentation"),
        reading("duplicate-key", "a key or field given twice (nested or dotted spellings alike); a note points at the first"),
        reading("alias-not-allowed", "a YAML alias (`*name`): refused, so an alias bomb ends at once"),
        reading("too-deep", "nesting deeper than 64 levels"),
        reading("too-many-nodes", "more than 100,000 values (a CSV cell is a value)"),
        reading("out-of-memory", "libyaml could not allocate memory for the file"),
        reading("multiple-documents", "a second `---` document in one file"),
        reading("complex-key", "a list or map used as a key"),
        reading("empty-file", "nothing in the file"),
        reading("json-syntax", "not JSON, including comments and trailing commas"),
        reading("csv-syntax", "broken CSV quoting"),
        reading("csv-header", "no `field,value` header row"),
        reading("csv-columns", "a row with a third column, or a value without a name"),
        reading("csv-semicolon", "a semicolon-separated export: save as comma-separated"),
        reading("spreadsheet-file", "a spreadsheet Horizon does not read (.xls, .ods, password-protected): save it as .xlsx"),
        reading("output-exists", "`template --output` names a file that exists (it may be a filled-in return): `--replace` to replace it"),
        reading("workbook-unreadable", "a damaged or truncated .xlsx, one with no sheet, or one that inflates beyond the bounds"),
        reading("not-a-document", "no `return:` or `bid:` at the top"),
        reading("wrong-document-kind", "a contract spec given as a document, or both kinds at once"),
        reading("unknown-contract", "a document names a contract that was not given"),
        reading("not-a-bid", "`compare-bids` given a return: it compares bids only"),
        reading("no-library", "the `--library` folder does not exist"),
        reading("no-evidence-folder", "the `--evidence` folder does not exist"),
        reading("unwritable-output", "an output cannot be written"),
        reading("output-is-input", "an output would replace an input"),

        library("duplicate-id", "a clause, tier, area, service, field, term, requirement or parameter defined twice (note at the first)"),
        library("undeclared-parameter", "clause text uses a parameter its clause does not declare"),
        library("unused-parameter", "a declared parameter is used neither in the text nor by a rule"),
        library("default-out-of-range", "a parameter's default lies outside its own range"),
        library("bad-range", "a parameter's `min` is above its `max`"),
        library("unknown-field", "a requirement or rule names a field that does not exist (nearest suggested)"),
        library("unknown-parameter", "a rule names a parameter its clause does not declare (nearest suggested)"),
        library("field-not-in-document", "a rule judges a field that its document kind cannot hold"),
        library("wrong-field-type", "a rule judges a field or parameter of a type it cannot judge"),
        library("unknown-rule-kind", "a rule kind outside the vocabulary in `ClauseLibrary/README.md`"),
        library("unknown-tier", "a tier, service, clause or `not_at` names an unknown tier"),
        library("tier-includes-itself", "a tier includes itself, directly or round a loop"),
        library("unknown-area", "a clause id's area is not declared"),
        library("unknown-reference", "`{{ref:…}}` to no clause"),
        library("reference-to-higher-tier", "`{{ref:…}}` to a clause a contract of this tier would not hold"),
        library("undefined-term", "`{{term:…}}` not defined"),
        library("unused-term", "a term defined but used by no clause"),
        library("no-text", "a clause without contract text"),
        library("no-guidance", "a clause without commissioner guidance"),
        library("no-basis", "a clause that cites no legislation or guidance"),
        library("no-requirements", "a clause without requirements"),
        library("no-documents", "a requirement that judges no document kind"),
        library("empty-requirement", "a requirement with no fields and no rules"),
        library("bad-id", "an id not of the form `DA-<AREA>-<n>`, or a field id not dotted lowercase words"),
        library("bad-version", "a version not `MAJOR.MINOR.PATCH`"),
        library("bad-code", "a finding code that is not kebab-case"),
        library("bad-markup", "broken `{{…}}` markup"),
        library("unknown-type", "a field or parameter type outside the list"),
        library("unknown-document-kind", "a document kind other than `return` or `bid`"),
        library("missing-core-field", "a core field (SPEC §5) is missing"),
        library("missing-core-parameter", "a core parameter (SPEC §4) is missing"),
        library("missing-key", "a required key is absent"),
        library("unknown-key", "an unknown key (nearest suggested)"),
        library("wrong-type", "a value of the wrong shape"),
        library("empty-value", "an empty value where text is needed"),
        library("duty-not-judged", "a paragraph that imposes a duty ('shall') says neither `judged_by` nor `judged_at`"),
        library("unknown-requirement", "`judged_by` names no requirement of the clause"),
        library("level-not-judged", "a paragraph that sets a level (an int parameter) is marked `judged_at` rather than judged by a rule"),
        library("parameter-not-judged", "a level parameter the text uses is used by no rule"),
        library("conflicting-trace", "a paragraph with both `judged_by` and `judged_at`"),
        library("empty-trace", "`judged_by: []`"),
        library("no-reason", "`not_at` without a `not_at_reason`"),
        library("kpi-not-a-share", "a requirement marked `kpi` without a `percent_at_least` rule to rate it"),
        library("bad-condition", "`when:` names no text parameter of the clause, or a value it cannot take"),
        library("counted-without-unit", "`{{count:name}}` for a parameter that declares no `unit`"),
        library("wrong-count", "`given-names.yaml` says a count its list does not hold"),
        library("unknown-name", "`given-names.yaml` marks as ambiguous a name not in its list"),

        contract("xml-forbidden-character", "text a Word document cannot hold (a control character), with `--format docx`"),
        contract("missing-key", "a required key absent"),
        contract("unknown-key", "an unknown key (nearest suggested)"),
        contract("wrong-type", "a value of the wrong shape, such as a date that does not exist"),
        contract("unknown-service", "a service not in the catalogue (nearest suggested)"),
        contract("unknown-tier", "a tier the library does not define"),
        contract("tier-below-catalogue", "the tier would lower the catalogue's tier, which it names"),
        contract("unknown-parameter", "no such parameter"),
        contract("parameter-not-in-contract", "the parameter's clause is not in this contract"),
        contract("parameter-out-of-range", "a value outside its declared range (which is given)"),
        contract("unknown-clause", "`add` or `omit` of no clause"),
        contract("clause-already-included", "(warning) adding a clause the tier already holds"),
        contract("clause-not-at-tier", "adding a clause that a contract of this tier does not hold (`not_at`), with the library's reason"),
        contract("omit-not-included", "leaving out a clause the contract does not hold"),
        contract("omit-core-clause", "leaving out a core clause, which every contract holds (`omittable: false`)"),
        contract("omit-without-reason", "leaving out a clause without a written reason"),
        contract("omit-reason-too-short", "a reason for leaving out a clause that is not a sentence (fewer than four words)"),
        contract("omitted-clause-referenced", "a clause left out that another refers to (names both; note at the reference)"),
        contract("referenced-clause-missing", "an added clause refers to one the contract does not hold"),
        contract("end-before-start", "the term ends before it starts"),
        contract("out-of-range", "`return_due_days` outside 0 to 365"),
        contract("library-mismatch", "drafted against another library id or version (says what the library is)"),

        document("missing-field", "error", "a header field, or a field a requirement needs, is absent or empty (points at line 1)"),
        document("wrong-type", "error", "a value is not of its field's declared type"),
        document(
            "unknown-field", "warning",
            "a field the library does not know, or one of the other document kind; the nearest is suggested (for the first 100 unknown fields of a document)"
        ),
        document("field-not-required", "info", "a library field this contract's clauses do not ask for; ignored"),
        document("contract-mismatch", "error", "the header names another contract"),
        document("supplier-mismatch", "error", "the return's supplier is not the contract's"),
        document("contract-defective", "error", "not judged: the contract it names was given with errors (the run exits 1)"),
        document("period-not-in-contract", "error", "the period is not one of the contract's reporting periods (the nearest is named)"),
        document("period-outside-term", "error", "the period lies outside the contract's term"),
        document(
            "late-submission", "warning within the contract's `late_tolerance_days`, error beyond", "submitted after the period's due date"),
        document("submitted-before-period-end", "warning", "submitted before the period ended"),
        document("duplicate-period", "error", "a second return for the same contract and period in one run"),
        document("return-superseded", "info", "a return for a period another return of the run, submitted later, resubmits: not counted"),
        document("return-missing", "error", "with `--period-ending`: no return for a contract's period that ends in the quarter"),
        document("return-for-earlier-period", "warning", "with `--period-ending`: a return for a period that ended before the quarter"),
        document(
            "count-fell", "warning",
            "a watched count (disclosures) fell by the contract's `disclosure_fall_percent` or more from the previous period's return in the run: for review, never a pass"
        ),
        document(
            "personal-data", "error",
            "a value looks like an email, phone number, NI number, full postcode or date of birth, or a role field holds a person's name (never repeated); its requirement is not met"
        ),
        document("findings-truncated", "info", "more than 500 findings: the first 500 are shown, then how many more"),
        document("small-number", "info", "a count of people from 1 to the suppression threshold: suppress before publishing"),
        document(
            "adopted-late", "warning",
            "a policy, or the champions a contract asks for, put in place after the contract's deadline (the date's field is named)"),
        document("evidence-missing", "error", "with `--evidence`: the policy file is not in the folder, or cannot be read"),
        document(
            "evidence-outside-folder", "error",
            "the policy path leaves the folder (`..`, absolute) or passes through a link, which is never followed; never read"),
        document("evidence-digest-mismatch", "error", "the policy file's SHA-256 differs from `policy.sha256`"),
    ]

    /// The codes of an area.
    package static func codes(_ area: Area) -> Set<String> { Set(all.filter { $0.area == area }.map(\.code)) }

    /// Literal strings in the sources that look like codes but are values: statuses, ratings,
    /// verdicts, finding categories, reporting frequencies, examples in help text, and a clause
    /// library code the privacy category names (`FindingCategory`).
    package static let notCodes: Set<String> = [
        "approaching-target", "requires-improvement", "data-missing", "not-met", "partly-met", "not-yet-due", "not-applicable",
        "not-checked", "no-return-due", "data-quality", "return-holds-personal-data",
        "non-compliant", "half-yearly", "housing-related-support",
        "housing-support", "compare-bids", "no-returns",
    ]

    /// The README's table of an area, in Markdown.
    package static func table(_ area: Area) -> String {
        let entries = all.filter { $0.area == area }
        if area == .document {
            return
                (["| code | severity | meaning |", "|---|---|---|"]
                + entries.map { "| `\($0.code)` | \($0.severity) | \($0.meaning) |" }).joined(separator: "\n")
        }
        return (["| code | meaning |", "|---|---|"] + entries.map { "| `\($0.code)` | \($0.meaning) |" }).joined(separator: "\n")
    }
}
