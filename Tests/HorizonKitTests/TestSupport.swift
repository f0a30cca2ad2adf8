import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// Horizon's location type; `Testing` has a `SourceLocation` of its own.
typealias SourceLocation = HorizonModel.SourceLocation

// MARK: - Fixture paths

/// Where the test fixtures and the shipped clause library are, found from this file's path so
/// that no SwiftPM resources are needed.
enum Fixtures {
    /// `Tests/HorizonKitTests/Fixtures`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// `Fixtures/lint`: one folder a lint case, and `base`, the minimal sound library.
    static let lint = root.appendingPathComponent("lint")
    /// `Fixtures/lint/base`.
    static let lintBase = lint.appendingPathComponent("base")
    /// `Fixtures/yaml`.
    static let yaml = root.appendingPathComponent("yaml")
    /// The package root (the folder holding `Package.swift`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The clause library the product ships.
    static let shippedLibrary = packageRoot.appendingPathComponent("ClauseLibrary")

    /// The bytes of a fixture file under `Fixtures/yaml`.
    static func yamlBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: yaml.appendingPathComponent(name)))
    }
}

// MARK: - Temporary folders

/// Runs `body` with a new empty folder that is removed afterwards.
///
/// - Parameter body: Given the folder's URL.
/// - Returns: What `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("horizon-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Copies every file below `source` into `destination`, replacing files of the same relative
/// path. A file named `X.append` is instead added to the end of `X`, so that a lint case can add
/// list items to a base file without copying it.
///
/// - Parameters:
///   - source: The folder to copy from.
///   - destination: The folder to copy into; created as needed.
func overlay(_ source: URL, onto destination: URL) throws {
    let manager = FileManager.default
    for relative in try relativeFiles(under: source) {
        let from = source.appendingPathComponent(relative)
        if relative.hasSuffix(".append") {
            let target = destination.appendingPathComponent(String(relative.dropLast(".append".count)))
            var text = try Data(contentsOf: target)
            if let last = text.last, last != UInt8(ascii: "\n") { text.append(UInt8(ascii: "\n")) }
            text.append(try Data(contentsOf: from))
            try text.write(to: target)
            continue
        }
        let target = destination.appendingPathComponent(relative)
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
        try manager.copyItem(at: from, to: target)
    }
}

/// The regular files below a folder, as sorted paths relative to it.
func relativeFiles(under folder: URL) throws -> [String] {
    let manager = FileManager.default
    guard let enumerator = manager.enumerator(atPath: folder.path) else { return [] }
    var result: [String] = []
    while let relative = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder.appendingPathComponent(relative).path, isDirectory: &isDirectory),
            !isDirectory.boolValue
        {
            result.append(relative)
        }
    }
    return result.sorted()
}

// MARK: - Linting a folder

/// Everything `horizon lint` would report for a library folder: reading findings, lint
/// findings and unreadable files, as findings sorted by location.
struct LintRun {
    /// The folder linted, as passed to the loader.
    var directory: String
    /// The loaded library, if its identity file could be read.
    var library: Library?
    /// Every finding, input errors included, in report order.
    var findings: [Finding]
    /// The input errors alone.
    var inputErrors: [InputError]

    /// `path` relative to the linted folder.
    func relative(_ path: String) -> String {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The findings with a code.
    func findings(_ code: String) -> [Finding] { findings.filter { $0.code == code } }

    /// All findings, one compiler-style line each, paths relative to the folder.
    var report: String {
        findings.map { finding in
            var copy = finding
            copy.location.file = relative(copy.location.file)
            copy.notes = copy.notes.map {
                Note($0.message, at: SourceLocation(file: relative($0.location.file), line: $0.location.line, column: $0.location.column))
            }
            return copy.compilerStyle
        }.joined(separator: "\n")
    }
}

/// Loads and lints a library folder.
///
/// - Parameters:
///   - directory: The library folder.
///   - limits: Read limits.
/// - Returns: All findings and input errors.
func lintLibrary(at directory: String, limits: ReadLimits = .standard) -> LintRun {
    let load = LibraryLoader.load(from: directory, limits: limits)
    var findings = load.findings + load.inputErrors.map(\.finding)
    if let library = load.library { findings += Linter.lint(library) }
    findings.sort(by: Finding.reportOrder)
    return LintRun(directory: directory, library: load.library, findings: findings, inputErrors: load.inputErrors)
}

/// Builds the library of one lint case in a temporary folder (the base library with the case's
/// files laid over it), and hands its path and lint run to `body`.
///
/// - Parameters:
///   - name: The case folder under `Fixtures/lint`.
///   - body: Given the folder and the run.
func withLintCase<T>(_ name: String, _ body: (URL, LintRun) throws -> T) throws -> T {
    try withTemporaryDirectory { folder in
        try overlay(Fixtures.lintBase, onto: folder)
        let caseFolder = Fixtures.lint.appendingPathComponent(name)
        try #require(FileManager.default.fileExists(atPath: caseFolder.path), "no fixture folder \(caseFolder.path)")
        try overlay(caseFolder, onto: folder)
        return try body(folder, lintLibrary(at: folder.path))
    }
}

// MARK: - Marked text

/// Markers in fixture files that say where findings must point (after swift-format's
/// `MarkedText`).
///
/// A YAML comment at the end of a line:
///
/// - `# expect: code` — a finding with this code points at this line;
/// - `# expect: code@7` — … at this line and column 7;
/// - `# expect: a b b` — several findings: one `a` and two `b` (markers are counted, so a
///   finding reported twice for one defect fails);
/// - `# note: code` — a note of a finding with this code points at this line.
///
/// The findings of a run must match the markers exactly: an unexpected finding fails, and so
/// does a marker that no finding meets.
enum MarkedText {
    /// A place a finding (or a note) must point.
    struct Marker: Hashable, CustomStringConvertible {
        /// The file, relative to the library folder.
        var file: String
        var line: Int
        var code: String
        /// The column, when the marker gives one.
        var column: Int?

        var description: String { "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(code)" }

        func matches(file: String, line: Int, column: Int, code: String) -> Bool {
            self.file == file && self.line == line && self.code == code && (self.column == nil || self.column == column)
        }
    }

    /// The markers of one file's text.
    ///
    /// - Parameters:
    ///   - text: The file's text.
    ///   - file: The name to put in the markers.
    /// - Returns: Finding markers and note markers.
    static func markers(in text: String, file: String) -> (expect: [Marker], notes: [Marker]) {
        var expect: [Marker] = []
        var notes: [Marker] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let expectRange = line.range(of: "# expect:")
            let noteRange = line.range(of: "# note:")
            func tokens(after range: Range<Substring.Index>, until other: Range<Substring.Index>?) -> [Substring] {
                let end = other.map { $0.lowerBound > range.upperBound ? $0.lowerBound : line.endIndex } ?? line.endIndex
                return line[range.upperBound..<end].split(whereSeparator: { $0 == " " || $0 == "\t" })
            }
            func marker(_ token: Substring) -> Marker {
                let parts = token.split(separator: "@", maxSplits: 1)
                return Marker(
                    file: file, line: index + 1, code: String(parts[0]), column: parts.count > 1 ? Int(parts[1]) : nil)
            }
            if let expectRange {
                expect += tokens(after: expectRange, until: noteRange).map(marker)
            }
            if let noteRange {
                notes += tokens(after: noteRange, until: expectRange).map(marker)
            }
        }
        return (expect, notes)
    }

    /// The markers of every file below a folder, files named relative to it.
    static func markers(inFolder folder: URL) throws -> (expect: [Marker], notes: [Marker]) {
        var expect: [Marker] = []
        var notes: [Marker] = []
        for relative in try relativeFiles(under: folder) {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(relative)), as: UTF8.self)
            let found = markers(in: text, file: relative)
            expect += found.expect
            notes += found.notes
        }
        return (expect, notes)
    }

    /// The differences between what was found and what was marked.
    struct Mismatch {
        /// Markers no finding met.
        var missing: [Marker] = []
        /// Findings no marker expected, compiler style.
        var unexpected: [String] = []
        /// Note markers no note met.
        var missingNotes: [Marker] = []
        /// Notes no note marker expected.
        var unexpectedNotes: [String] = []

        var isEmpty: Bool { missing.isEmpty && unexpected.isEmpty && missingNotes.isEmpty && unexpectedNotes.isEmpty }

        var description: String {
            var lines: [String] = []
            lines += missing.map { "missing finding: \($0)" }
            lines += unexpected.map { "unexpected finding: \($0)" }
            lines += missingNotes.map { "missing note: \($0)" }
            lines += unexpectedNotes.map { "unexpected note: \($0)" }
            return lines.joined(separator: "\n")
        }
    }

    /// Matches located items against markers, one marker an item; markers with a column first.
    private static func match(
        _ items: [(file: String, line: Int, column: Int, code: String, text: String)], _ markers: [Marker]
    ) -> (missing: [Marker], unexpected: [String]) {
        var left = items
        var missing: [Marker] = []
        let ordered = markers.filter { $0.column != nil } + markers.filter { $0.column == nil }
        for marker in ordered {
            if let index = left.firstIndex(where: { marker.matches(file: $0.file, line: $0.line, column: $0.column, code: $0.code) }) {
                left.remove(at: index)
            } else {
                missing.append(marker)
            }
        }
        return (missing, left.map(\.text))
    }

    /// Compares a run's findings and notes with markers.
    ///
    /// - Parameters:
    ///   - run: The lint run (its paths are made relative to its folder).
    ///   - expect: Finding markers.
    ///   - notes: Note markers.
    /// - Returns: What did not match.
    static func compare(_ run: LintRun, expect: [Marker], notes: [Marker]) -> Mismatch {
        compare(run.findings, relative: run.relative, expect: expect, notes: notes)
    }

    /// Compares findings and their notes with markers: each marker takes one finding of its
    /// code in its file on its line (and column, when given); markers with a column are matched
    /// first. The one matcher of the lint and checker fixtures.
    ///
    /// - Parameters:
    ///   - findings: The findings.
    ///   - relative: A finding's file as its markers name it.
    ///   - expect: Finding markers.
    ///   - notes: Note markers.
    /// - Returns: What did not match.
    static func compare(_ findings: [Finding], relative: (String) -> String, expect: [Marker], notes: [Marker] = []) -> Mismatch {
        let items = findings.map { finding in
            let file = relative(finding.location.file)
            return (
                file, finding.location.line, finding.location.column, finding.code,
                "\(file):\(finding.location.line):\(finding.location.column): [\(finding.code)] \(finding.message)"
            )
        }
        let noteItems = findings.flatMap { finding in
            finding.notes.map { note in
                let file = relative(note.location.file)
                return (
                    file, note.location.line, note.location.column, finding.code,
                    "\(file):\(note.location.line):\(note.location.column): note of [\(finding.code)]: \(note.message)"
                )
            }
        }
        let findingResult = match(items, expect)
        let noteResult = match(noteItems, notes)
        return Mismatch(
            missing: findingResult.missing, unexpected: findingResult.unexpected, missingNotes: noteResult.missing,
            unexpectedNotes: noteResult.unexpected)
    }
}

// MARK: - Small helpers

extension String {
    /// The text with every run of white space made one space, for matching wrapped output.
    var squeezed: String {
        split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
