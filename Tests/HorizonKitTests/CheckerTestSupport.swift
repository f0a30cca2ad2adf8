import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel
@testable import HorizonOffice

// MARK: - Inputs of the checker tests

/// Where the checker fixtures, the example contracts and their evidence are, and the loaded
/// library and contracts they are checked against.
enum CheckFixtures {
    /// `Tests/HorizonKitTests/Fixtures/check`: one file a case, expectations in its markers.
    static let folder = Fixtures.root.appendingPathComponent("check")
    /// `Contracts/`: the contract specifications and the example returns and bids.
    static let contracts = Fixtures.packageRoot.appendingPathComponent("Contracts")
    /// `Contracts/evidence`: the policy files the example returns name.
    static let evidenceFolder = contracts.appendingPathComponent("evidence")
    /// The contract a fixture is checked against unless it names another.
    static let defaultContract = "Contracts/housing-related-support.yaml"

    /// The shipped library, loaded once for the whole run.
    static let libraryLoad = LibraryLoader.load(from: Fixtures.shippedLibrary.path)

    /// The shipped clause library; fails the test when it cannot be loaded.
    static func library() throws -> Library {
        try #require(libraryLoad.inputErrors.isEmpty, "the shipped library is unreadable: \(libraryLoad.inputErrors)")
        return try #require(libraryLoad.library)
    }

    /// A contract specification, resolved against the shipped library.
    ///
    /// - Parameter relative: Its path relative to the package root.
    /// - Returns: The contract; the test fails when it has errors.
    static func contract(_ relative: String) throws -> Contract {
        let path = Fixtures.packageRoot.appendingPathComponent(relative).path
        let (contract, findings) = try ContractLoader.load(path, library: try library())
        let errors = findings.filter { $0.severity == .error }
        try #require(errors.isEmpty, "contract \(relative) has errors: \(errors.map(\.compilerStyle))")
        return try #require(contract)
    }

    /// The example evidence folder, `Contracts/evidence`, on disk.
    static func evidence() throws -> FolderEvidence {
        try FolderEvidence(folder: evidenceFolder.path)
    }

    /// A file's bytes.
    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// The fixture files of `Fixtures/check` (not the sidecar `.expect` files, not `contracts/`),
    /// sorted, for `@Test(arguments:)`.
    static var names: [String] {
        let items = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return items.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") || $0.hasSuffix(".csv") }.sorted()
    }

    /// The findings of a document: the checker's, or the one of the input error that stopped
    /// it from being read (a duplicate key, say), so that both can be marked alike.
    static func findings(
        _ bytes: [UInt8], file: String, contract: String = defaultContract,
        evidence: (any EvidenceSource)? = nil
    ) throws -> [Finding] {
        do {
            return try check(bytes, file: file, contract: contract, evidence: evidence).1.findings
        } catch let error as InputError {
            return [error.finding]
        }
    }

    /// Parses a document and checks it.
    ///
    /// - Parameters:
    ///   - bytes: The document's bytes.
    ///   - file: The name it is known by (its extension picks the format).
    ///   - contract: The contract's path relative to the package root.
    ///   - evidence: The evidence source, if any.
    /// - Returns: The parsed document and its report.
    static func check(
        _ bytes: [UInt8], file: String, contract: String = defaultContract,
        evidence: (any EvidenceSource)? = nil
    ) throws -> (SupplierDocument, DocumentReport) {
        let library = try library()
        let checker = Checker(contract: try self.contract(contract), library: library, evidence: evidence)
        // Read as `horizon check` reads it, by the library's field table; read again by the
        // header-only table (every field by id), which the checker refiles: the two paths
        // must give the same report.
        let document = try OfficeDocumentReader.parse(bytes, file: file, table: library.fieldTable)
        let report = checker.check(document)
        let byID = checker.check(try OfficeDocumentReader.parse(bytes, file: file))
        #expect(
            ReportRenderer.text(byID, numbers: checker.contract.numbers) == ReportRenderer.text(report, numbers: checker.contract.numbers),
            "\(file): the report differs between the field table's slots and plain ids")
        return (document, report)
    }

    /// Checks a document given as text.
    static func check(
        text: String, file: String = "return.yaml", contract: String = defaultContract,
        evidence: (any EvidenceSource)? = nil
    ) throws -> DocumentReport {
        try check(Array(text.utf8), file: file, contract: contract, evidence: evidence).1
    }
}

// MARK: - Expectations from markers

/// What a checker case expects: the contract to check against, the findings (from `# expect:`
/// markers, see `MarkedText`) and notes, and a known source bug that keeps it failing.
///
/// YAML files carry their expectations in comments. Directives are comment lines at the top
/// of the file: `# contract: Contracts/x.yaml` (relative to the package root) and
/// `# known-issue: why`. CSV and JSON files have no comments, so they take a sidecar file
/// `NAME.expect` with the same directives (without `#`) and lines `LINE code[@column] ...` (a
/// token `note:code[@column]` marks a note).
struct CheckExpectation {
    var contract: String = CheckFixtures.defaultContract
    var knownIssue: String?
    var expect: [MarkedText.Marker] = []
    var notes: [MarkedText.Marker] = []

    /// Reads the expectations of a file.
    ///
    /// - Parameters:
    ///   - url: The document.
    ///   - name: The name markers are given (the file name the document is parsed as).
    static func load(_ url: URL, name: String) throws -> CheckExpectation {
        var result = CheckExpectation()
        if url.pathExtension == "yaml" || url.pathExtension == "yml" {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.hasPrefix("#") else { break }
                result.directive(String(line.dropFirst()))
            }
            (result.expect, result.notes) = MarkedText.markers(in: text, file: name)
            return result
        }
        let sidecar = url.deletingPathExtension().appendingPathExtension("expect")
        let text = String(decoding: try Data(contentsOf: sidecar), as: UTF8.self)
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let number = Int(line.prefix { $0.isNumber }) {
                for token in line.drop(while: { $0.isNumber }).split(separator: " ") {
                    let isNote = token.hasPrefix("note:")
                    let parts = token.dropFirst(isNote ? 5 : 0).split(separator: "@", maxSplits: 1)
                    let marker = MarkedText.Marker(
                        file: name, line: number, code: String(parts[0]), column: parts.count > 1 ? Int(parts[1]) : nil)
                    if isNote { result.notes.append(marker) } else { result.expect.append(marker) }
                }
            } else {
                result.directive(line)
            }
        }
        return result
    }

    /// Applies one `key: value` directive; other text is ignored.
    mutating func directive(_ text: String) {
        let body = text.trimmingCharacters(in: .whitespaces)
        // A directive's value ends where a marker comment starts.
        let value = { (key: String) -> String? in
            guard body.hasPrefix(key + ":") else { return nil }
            let rest = body.dropFirst(key.count + 1)
            let end = rest.range(of: " #")?.lowerBound ?? rest.endIndex
            return rest[..<end].trimmingCharacters(in: .whitespaces)
        }
        if let path = value("contract") { contract = path }
        if let why = value("known-issue") { knownIssue = why }
    }
}

// MARK: - Evidence without a file system

/// Evidence looked up in a dictionary, for tests that need no folder.
struct DictionaryEvidence: EvidenceSource {
    var files: [String: EvidenceLookup]

    func lookup(_ relativePath: String) -> EvidenceLookup { files[relativePath] ?? .missing }
}

extension DocumentReport {
    /// The status of one requirement, by clause id and requirement id.
    func status(_ clause: String, _ requirement: String) -> RequirementStatus? {
        requirements.first { $0.clause == clause && $0.requirement == requirement }?.status
    }

    /// The findings, compiler style, one a line (for failure messages).
    var findingLines: String { findings.map(\.compilerStyle).joined(separator: "\n") }
}
