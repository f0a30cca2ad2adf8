import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The hostile-input corpus (`Tests/HorizonKitTests/Fixtures/hostile`, and big inputs generated
// here in a temporary folder) run through the built `horizon` binary: one table, one case an
// input, each asserting the exit status, the `file:line:column: severity[code]` line with its
// exact code, line and column, and a key phrase of its message. The same corpus goes through
// the library API in `Tests/HorizonKitTests/HostileInputTests.swift`.

// MARK: - Where things are

/// The corpus, as the binary is given it: relative to the package root, its working folder.
private let corpus = "Tests/HorizonKitTests/Fixtures/hostile"
private let corpusFolder = packageRoot.appendingPathComponent(corpus)
private let housing = "Contracts/housing-related-support.yaml"
private let goodReturn = "Contracts/returns/hrs-2027-q2-good.yaml"

// MARK: - Running the binary, with a time limit

/// What one run did.
struct HostileRun: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var elapsed: Duration
    var timedOut: Bool

    var lines: [String] {
        (stdout + "\n" + stderr).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
    var description: String {
        let clip: (String) -> String = { $0.count > 4000 ? String($0.prefix(4000)) + "\n…" : $0 }
        return
            "exit \(status)\(timedOut ? " (killed after the time limit)" : "") in \(elapsed)\n--- stdout:\n\(clip(stdout))\n--- stderr:\n\(clip(stderr))"
    }
}

/// Runs `horizon` in the package root; a run still going after `limit` is stopped and reported
/// as timed out. It is stopped with SIGKILL, by its process id: the test runner's threads block
/// SIGTERM, and a child inherits that mask, so `Process.terminate()` would not stop it.
private func runHorizon(_ arguments: [String], limit: Duration) throws -> HostileRun {
    let binary = try #require(horizonBinary, "no built 'horizon' executable found above \(Bundle.main.bundleURL.path)")
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-hostile-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)

    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let clock = ContinuousClock()
    let start = clock.now
    try process.run()
    var timedOut = false
    while process.isRunning {
        if clock.now - start > limit {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            break
        }
        usleep(2_000)
    }
    process.waitUntilExit()
    let elapsed = clock.now - start
    try out.close()
    try err.close()
    return HostileRun(
        status: process.terminationStatus,
        stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
        elapsed: elapsed, timedOut: timedOut)
}

// MARK: - The table

/// A line the output must hold: it starts with `prefix` and contains `phrase`.
struct HostileLine: Sendable, CustomStringConvertible {
    var prefix: String
    var phrase: String
    var isError: Bool

    var description: String { "\(prefix)…\(phrase)…" }

    func matches(_ line: String) -> Bool { line.hasPrefix(prefix) && (phrase.isEmpty || line.contains(phrase)) }

    /// `file:line:column: severity[code] `.
    static func finding(_ file: String, _ line: Int, _ column: Int, _ severity: String, _ code: String, _ phrase: String) -> HostileLine {
        HostileLine(prefix: "\(file):\(line):\(column): \(severity)[\(code)] ", phrase: phrase, isError: severity == "error")
    }
    static func error(_ file: String, _ line: Int, _ column: Int, _ code: String, _ phrase: String) -> HostileLine {
        finding(file, line, column, "error", code, phrase)
    }
    static func warning(_ file: String, _ line: Int, _ column: Int, _ code: String, _ phrase: String) -> HostileLine {
        finding(file, line, column, "warning", code, phrase)
    }
    static func note(_ file: String, _ line: Int, _ column: Int, _ phrase: String) -> HostileLine {
        HostileLine(prefix: "\(file):\(line):\(column): note: ", phrase: phrase, isError: false)
    }
    /// Any other line, such as the run's summary.
    static func text(_ prefix: String, _ phrase: String = "") -> HostileLine {
        HostileLine(prefix: prefix, phrase: phrase, isError: false)
    }
}

/// What to run for one case and what it must give.
struct HostilePlan {
    var arguments: [String]
    var status: Int32
    var expect: [HostileLine]
    /// When true, every `: error[` line of the output must be one of `expect`.
    var strict = true
    /// Text no line may hold.
    var forbid: [String] = []
    /// The run must end within this time (it is stopped at 4 times the limit, at least 5 s).
    var within: Duration = .seconds(60)
    /// Further checks, on the case's folder and the run.
    var after: ((URL, HostileRun) throws -> Void)? = nil
}

struct HostileCase: Sendable, CustomTestStringConvertible {
    var name: String
    /// Makes the inputs in the given temporary folder and says what to run.
    var prepare: @Sendable (URL) throws -> HostilePlan
    /// When set, the case shows a bug in Sources: its assertions are expected to fail.
    var knownIssue: String? = nil

    var testDescription: String { name }

    /// A corpus return or bid checked against the housing contract.
    static func document(
        _ file: String, _ status: Int32, _ lines: [(Int, Int, String, String, String)], notes: [(Int, Int, String)] = [],
        knownIssue: String? = nil
    ) -> HostileCase {
        HostileCase(
            name: "check \(file)",
            prepare: { _ in
                let path = "\(corpus)/\(file)"
                let expect =
                    lines.map { HostileLine.finding(path, $0.0, $0.1, $0.2, $0.3, $0.4) }
                    + notes.map { HostileLine.note(path, $0.0, $0.1, $0.2) }
                let verdict = status == 2 ? "invalid" : status == 1 ? "non-compliant" : "compliant"
                return HostilePlan(
                    arguments: ["check", housing, path], status: status, expect: expect + [.text("\(path): ", ": \(verdict) (")])
            }, knownIssue: knownIssue)
    }

    static func error(
        _ file: String, _ status: Int32, _ line: Int, _ column: Int, _ code: String, _ phrase: String,
        note: (Int, Int, String)? = nil, knownIssue: String? = nil
    ) -> HostileCase {
        document(file, status, [(line, column, "error", code, phrase)], notes: note.map { [$0] } ?? [], knownIssue: knownIssue)
    }

    /// A corpus contract given to `command` (template, generate or check).
    static func contract(
        _ file: String, _ status: Int32, _ line: Int, _ column: Int, _ code: String, _ phrase: String,
        note: (Int, Int, String)? = nil, command: String = "template", forbid: [String] = [], knownIssue: String? = nil
    ) -> HostileCase {
        HostileCase(
            name: "\(command) \(file)",
            prepare: { folder in
                let path = "\(corpus)/\(file)"
                var expect = [HostileLine.error(path, line, column, code, phrase)]
                if let note { expect.append(.note(path, note.0, note.1, note.2)) }
                let arguments: [String]
                switch command {
                case "generate": arguments = ["generate", path, "--output", folder.appendingPathComponent("out").path]
                case "check": arguments = ["check", path, goodReturn]
                default: arguments = ["template", path]
                }
                return HostilePlan(
                    arguments: arguments, status: status, expect: expect, forbid: forbid,
                    after: { folder, _ throws in
                        if command == "generate" {
                            let written =
                                (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)) ?? []
                            #expect(written.isEmpty, "a failed generate wrote \(written)")
                        }
                    })
            }, knownIssue: knownIssue)
    }

    /// A copy of the shipped library with a corpus folder laid over it, given to `lint` (or
    /// to `check`, which must refuse it).
    static func library(
        _ name: String, _ status: Int32, _ line: Int, _ column: Int, _ code: String, _ phrase: String,
        note: (Int, Int, String)? = nil, command: String = "lint", knownIssue: String? = nil
    ) -> HostileCase {
        HostileCase(
            name: "\(command) \(name)",
            prepare: { folder in
                let library = try copyLibrary(into: folder, overlay: name)
                let broken = try relativeFiles(corpusFolder.appendingPathComponent(name))
                try #require(broken.count == 1)
                let path = library.appendingPathComponent(broken[0]).path
                var expect = [HostileLine.error(path, line, column, code, phrase)]
                if let note { expect.append(.note(path, note.0, note.1, note.2)) }
                if command == "check" {
                    return HostilePlan(
                        arguments: ["check", housing, goodReturn, "--library", library.path], status: status, expect: expect)
                }
                let defects = status == 2 ? "0 defect(s), 1 unreadable file(s)" : "1 defect(s), 0 unreadable file(s)"
                expect.append(.text("\(library.path): library uk-da-horizontal 2.0.0: ", defects))
                return HostilePlan(arguments: ["lint", "--library", library.path], status: status, expect: expect)
            }, knownIssue: knownIssue)
    }
}

/// The regular files below a folder, relative to it.
private func relativeFiles(_ folder: URL) throws -> [String] {
    let manager = FileManager.default
    guard let enumerator = manager.enumerator(atPath: folder.path) else { return [] }
    var result: [String] = []
    while let relative = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder.appendingPathComponent(relative).path, isDirectory: &isDirectory), !isDirectory.boolValue {
            result.append(relative)
        }
    }
    return result.sorted()
}

/// Copies the shipped library into `folder/library`, with the corpus folder `overlay` (if any)
/// laid over it file by file.
private func copyLibrary(into folder: URL, overlay: String? = nil) throws -> URL {
    let library = folder.appendingPathComponent("library")
    try FileManager.default.copyItem(at: shippedLibrary, to: library)
    if let overlay {
        let source = corpusFolder.appendingPathComponent(overlay)
        for relative in try relativeFiles(source) {
            let target = library.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: source.appendingPathComponent(relative), to: target)
        }
    }
    return library
}

/// Writes `count` bytes of deterministic junk (xorshift) to `path`, 64 KiB at a time.
private func writeJunk(_ path: String, count: Int) throws {
    var block = [UInt8](repeating: 0, count: 1 << 16)
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    for i in block.indices {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        block[i] = UInt8(truncatingIfNeeded: state)
    }
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    var left = count
    while left > 0 {
        let n = min(left, block.count)
        handle.write(Data(block[0..<n]))
        left -= n
    }
    try handle.close()
}

private func write(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url)
}

/// Writes `pieces`, each repeated its count of times, a batch at a time: big inputs are made
/// without holding them in memory (the portfolio memory test may be running in this process).
private func writePieces(_ pieces: [(String, Int)], to url: URL) throws {
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try #require(FileHandle(forWritingAtPath: url.path))
    for (piece, count) in pieces {
        let batch = max(1, (64 << 10) / max(piece.utf8.count, 1))
        var left = count
        while left > 0 {
            let n = min(left, batch)
            handle.write(Data(String(repeating: piece, count: n).utf8))
            left -= n
        }
    }
    try handle.close()
}

/// The good return followed by `lines` comment lines of 1,000 bytes: a file over 5 MB.
private func writeBigReturn(to url: URL, lines: Int = 5_000) throws {
    let good = try String(contentsOf: packageRoot.appendingPathComponent(goodReturn), encoding: .utf8)
    try writePieces([(good, 1), ("# " + String(repeating: "p", count: 997) + "\n", lines)], to: url)
}

private func contents(_ url: URL) throws -> Data { try Data(contentsOf: url) }

// MARK: - Known bugs (each reproduced in the report of this work)

private enum KnownBugs {
    static let utf8Column = """
        the YAML reader points an invalid UTF-8 sequence one column past its first byte ('Caf\\xE9' then a line \
        break: libyaml's problem_offset is the bad trailing byte, the newline), while the JSON reader points at the 0xE9
        """
    static let listForMap = """
        a list where a group's map belongs gets 'unknown field 'training'; did you mean the group 'training'?' \
        (the name written, suggested back) and missing-field errors at 1:1, never an error at the list
        """
    static let thousandsInFlowMap = """
        'enquiries: 1,200' in a YAML flow map is split by YAML into 'enquiries: 1' and a key '200': the \
        return is compliant (exit 0) with only an unknown-field warning; the figure is silently read as 1
        """
    static let contractNotMapCascade = """
        when 'contract:' is not a map, 'parameters' and 'clauses' are reported as unknown keys of the contract file
        """
    static let definitionsCascade = """
        when definitions.yaml cannot be read, lint reports 171 undefined-term defects besides the one unreadable file
        """
    static let fifo = """
        a FIFO given as a document blocks for ever: FileInput.read calls open(path, O_RDONLY) before fstat, and \
        opening a FIFO for reading waits for a writer; 'horizon check' hangs (SPEC §9: no hang on any input)
        """
}

// MARK: - The cases

private let cases: [HostileCase] = [
    // Returns in YAML: unreadable (exit 2)
    .error(
        "return-truncated.yaml", 2, 30, 1, "yaml-syntax", "did not find expected ',' or '}'", note: (29, 11, "the '{' opened here")
    ),
    .error("return-binary-junk.yaml", 2, 1, 1, "invalid-encoding", "the file is not valid UTF-8"),
    .error("return-invalid-utf8.yaml", 2, 4, 38, "invalid-encoding", "the file is not valid UTF-8"),
    .error("return-utf16.yaml", 2, 1, 1, "invalid-encoding", "the file is saved as 'Unicode' (UTF-16)"),
    .error("return-control-char.yaml", 2, 8, 30, "invalid-encoding", "hidden control character here (byte 0x01)"),
    .error("return-nul-byte.yaml", 2, 25, 21, "invalid-encoding", "hidden control character here (byte 0x00)"),
    .error("return-tab-indent.yaml", 2, 10, 1, "tab-indent", "this line is indented with a tab: indent with spaces instead"),
    .error("return-alias-bomb.yaml", 2, 35, 10, "alias-not-allowed", "a value cannot start with '*'"),
    .error(
        "return-duplicate-key.yaml", 2, 29, 60, "duplicate-key", "duplicate key 'trained'", note: (29, 33, "'trained' first appears here")),
    .error("return-root-list.yaml", 2, 2, 1, "not-a-document", "not a list"),
    .error("return-empty.yaml", 2, 1, 1, "empty-file", "the file is empty"),
    .error("return-only-comments.yaml", 2, 1, 1, "empty-file", "the file is empty"),
    .error("return-multiple-documents.yaml", 2, 34, 1, "multiple-documents", "remove the second '---'"),
    .error("return-complex-key.yaml", 2, 29, 3, "complex-key", "a key must be a single value"),
    .error("return-scalar-root.yaml", 2, 2, 1, "not-a-document", "not a single value"),
    .error("return-scalar-header.yaml", 2, 2, 9, "not-a-document", "must hold the header"),
    .error("return-both-kinds.yaml", 2, 34, 1, "wrong-document-kind", "a return or a bid, not both", note: (2, 1, "'return' is here")),
    // libyaml reads a double-quoted value across lines to the next quote, on line 13.
    .error(
        "return-unclosed-quote.yaml", 2, 13, 28, "yaml-syntax", "did not find expected key",
        note: (3, 3, "the section this line belongs to starts here")),
    .error(
        "return-unclosed-quote-eof.yaml", 2, 34, 1, "yaml-syntax", "found unexpected end of stream",
        note: (33, 28, "the quoted value starts here")),
    // Returns in YAML: readable but wrong (exit 1)
    .error("return-date-slashes.yaml", 1, 11, 15, "wrong-type", "must be a date written YYYY-MM-DD, such as 2026-12-31, not '31/12/2026'"),
    .error("return-date-feb30.yaml", 1, 26, 21, "wrong-type", "is not a real date: '2027-02-30'"),
    .error("return-thousands.yaml", 1, 33, 14, "wrong-type", "written without separators, not '1,200'"),
    .error("return-thousands-flow.yaml", 1, 32, 27, "wrong-type", "separators"),
    .error("return-yes-for-true.yaml", 1, 10, 13, "wrong-type", "must be 'true' or 'false', not 'yes'"),
    .error("return-float-count.yaml", 1, 31, 42, "wrong-type", "must be a whole number, not '33.0'"),
    .error("return-huge-number.yaml", 1, 29, 21, "wrong-type", "must be a whole number"),
    .error("return-negative-count.yaml", 1, 32, 45, "wrong-type", "must be 0 or more, not -17"),
    .error("return-list-not-map.yaml", 1, 31, 11, "wrong-type", "a list"),
    // Returns in YAML: valid but odd (exit 0); a warning pins the location after the oddity.
    .document("return-bom.yaml", 0, [(33, 30, "warning", "unknown-field", "did you mean 'perpetrator.referrals'?")]),
    .document("return-crlf.yaml", 0, [(33, 30, "warning", "unknown-field", "did you mean 'perpetrator.referrals'?")]),
    // Returns in JSON
    .error("return-comments.json", 2, 2, 3, "json-syntax", "comments are not allowed in JSON"),
    .error("return-trailing-comma.json", 2, 37, 1, "json-syntax", "a trailing comma before '}' is not allowed in JSON"),
    .error("return-truncated.json", 2, 15, 31, "json-syntax", "the file ends inside a string"),
    .error("return-single-quotes.json", 2, 3, 5, "json-syntax", "expected a key in double quotes"),
    .error(
        "return-duplicate-key.json", 2, 4, 5, "duplicate-key", "duplicate key 'contract'", note: (3, 5, "'contract' first appears here")),
    .error("return-thousands.json", 2, 33, 35, "json-syntax", "expected a key in double quotes"),
    .error("return-root-array.json", 2, 1, 1, "not-a-document", "not a list"),
    .error("return-nan.json", 2, 30, 27, "json-syntax", "'NaN' is not a JSON value"),
    .error("return-newline-in-string.json", 2, 27, 26, "json-syntax", "a control character or line break inside a string"),
    .error("return-whitespace-only.json", 2, 1, 1, "empty-file", "the file is empty"),
    .error("return-invalid-utf8.json", 2, 4, 43, "invalid-encoding", "not valid UTF-8 here (byte 0xE9"),
    .error("return-date-slashes.json", 1, 12, 19, "wrong-type", "not '31/12/2026'"),
    .document("return-bom-crlf.json", 0, [(36, 36, "warning", "unknown-field", "did you mean 'perpetrator.referrals'?")]),
    // Returns in CSV
    .error("return-semicolon.csv", 2, 1, 1, "csv-semicolon", "separated by semicolons"),
    // Workbooks the command line cannot read: each a located error, exit 2, in well under a second.
    .error("return-excel.xlsx", 2, 1, 1, "workbook-unreadable", "the workbook has no sheet to read"),
    .error("return-truncated.xlsx", 2, 1, 1, "workbook-unreadable", "a damaged or incomplete .xlsx file"),
    .error("return-zip-bomb.xlsx", 2, 1, 1, "workbook-unreadable", "would inflate beyond the limit"),
    .error("return-word.docx", 2, 1, 1, "workbook-unreadable", "this ZIP file is not an Excel workbook"),
    .error("return-libreoffice.ods", 2, 1, 1, "spreadsheet-file", "OpenDocument spreadsheet (.ods)"),
    .error("return-excel-97.xls", 2, 1, 1, "spreadsheet-file", "a password-protected workbook"),
    .error("return-extra-columns.csv", 2, 25, 20, "csv-columns", "this row has 3 columns"),
    .error("return-thousands.csv", 2, 33, 23, "csv-columns", "write the number without a thousands separator (1200)"),
    .error("return-bad-header.csv", 2, 1, 1, "csv-header", "the first row must be 'field,value'"),
    .error("return-excel-sep-line.csv", 2, 1, 1, "csv-header", "the first row must be 'field,value'"),
    .error("return-unclosed-quote.csv", 2, 4, 10, "csv-syntax", "a quoted value is never closed"),
    .error("return-quote-in-value.csv", 2, 4, 18, "csv-syntax", "a quote inside an unquoted value"),
    .error("return-text-after-quote.csv", 2, 4, 27, "csv-syntax", "text after a closing quote"),
    .error("return-no-document-row.csv", 2, 1, 1, "not-a-document", "no 'document' row"),
    .error("return-value-without-field.csv", 2, 25, 1, "csv-columns", "a value but no field name"),
    .error("return-utf16.csv", 2, 1, 1, "invalid-encoding", "UTF-16"),
    .error("return-empty.csv", 2, 1, 1, "empty-file", "the file is empty"),
    .error(
        "return-duplicate-row.csv", 2, 27, 1, "duplicate-key", "field 'staff.headcount' is given twice", note: (25, 1, "first appears here")
    ),
    .error("return-thousands-quoted.csv", 1, 33, 23, "wrong-type", "without separators, not '1,200'"),
    .error("return-ragged.csv", 1, 25, 1, "missing-field", "'staff.headcount' is empty"),
    .document(
        "return-date-slashes.csv", 1,
        [
            (10, 19, "error", "wrong-type", "not '31/12/2026'"), (24, 25, "error", "wrong-type", "is not a real date: '2027-02-30'"),
        ]),
    .document("return-quoted-newline.csv", 0, [(42, 1, "warning", "unknown-field", "did you mean 'perpetrator.referrals'?")]),
    .document("return-blank-lines.csv", 0, [(46, 1, "warning", "unknown-field", "did you mean 'perpetrator.referrals'?")]),
    .document("return-crlf.csv", 0, [(41, 1, "warning", "unknown-field", "did you mean 'perpetrator.referrals'?")]),
    .document("return-bom.csv", 0, [(41, 1, "warning", "unknown-field", "did you mean 'perpetrator.referrals'?")]),
    // Bids
    .error(
        "bid-truncated.yaml", 2, 7, 29, "yaml-syntax", "found unexpected end of stream", note: (7, 21, "the quoted value starts here")),
    .error("bid-alias.yaml", 2, 20, 7, "alias-not-allowed", "a value cannot start with '*'"),
    .error("bid-comments.json", 2, 2, 3, "json-syntax", "comments are not allowed in JSON"),
    .error("bid-trailing-comma.json", 2, 5, 3, "json-syntax", "a trailing comma before '}'"),
    .error("bid-semicolon.csv", 2, 1, 1, "csv-semicolon", "separated by semicolons"),
    .error("bid-percent-sign.yaml", 1, 19, 19, "wrong-type", "must be a whole number, not '85%'"),
    .error("bid-date-slashes.yaml", 1, 6, 17, "wrong-type", "not '16/01/2026'"),
    .error("bid-in-place-by-feb30.yaml", 1, 10, 16, "wrong-type", "is not a real date: '2026-02-30'"),
    .error("bid-list-not-map.yaml", 1, 18, 11, "wrong-type", "a list"),
    // Contract specifications
    .contract(
        "contract-truncated.yaml", 2, 15, 1, "yaml-syntax", "did not find expected ',' or '}'",
        note: (14, 12, "the '{' opened here")),
    .contract("contract-truncated.yaml", 2, 15, 1, "yaml-syntax", "did not find expected ',' or '}'", command: "generate"),
    .contract("contract-truncated.yaml", 2, 15, 1, "yaml-syntax", "did not find expected ',' or '}'", command: "check"),
    .contract(
        "contract-tab-indent.yaml", 2, 8, 1, "tab-indent", "this line is indented with a tab", note: (7, 13, "the value starts here")),
    .contract(
        "contract-duplicate-key.yaml", 2, 12, 3, "duplicate-key", "duplicate key 'start'", note: (10, 3, "'start' first appears here")),
    .contract("contract-empty.yaml", 2, 1, 1, "empty-file", "the contract file is empty"),
    .contract("contract-alias.yaml", 2, 7, 13, "alias-not-allowed", "a value cannot start with '*'"),
    .contract("contract-invalid-utf8.yaml", 2, 5, 52, "invalid-encoding", "not valid UTF-8"),
    .contract("contract-multiple-documents.yaml", 2, 20, 1, "multiple-documents", "only one YAML document"),
    .contract("contract-date-slashes.yaml", 1, 10, 10, "wrong-type", "must be a date written YYYY-MM-DD that exists, not '01/04/2026'"),
    .contract("contract-feb30.yaml", 1, 11, 8, "wrong-type", "not '2029-02-30'"),
    .contract("contract-feb30.yaml", 1, 11, 8, "wrong-type", "not '2029-02-30'", command: "generate"),
    .contract("contract-thousands.yaml", 1, 13, 20, "wrong-type", "must be a whole number written plainly, not '1,000'"),
    .contract("contract-root-list.yaml", 1, 2, 1, "wrong-type", "the contract file must be a map of keys and values, not a list"),
    .contract(
        "contract-list-not-map.yaml", 1, 4, 3, "wrong-type", "'contract' must be a map of keys and values, not a list",
        forbid: ["unknown key 'parameters'", "unknown key 'clauses'"]),
    HostileCase(name: "check with contract-bom-crlf.yaml") { _ in
        HostilePlan(
            arguments: ["check", "\(corpus)/contract-bom-crlf.yaml", goodReturn], status: 0,
            expect: [.text("\(goodReturn): return for contract BHCC-2026-HRS-014, period 2027-07-01 to 2027-09-30: compliant (0 error(s)")])
    },
    // Library folders
    .library(
        "library-truncated", 2, 8, 1, "yaml-syntax", "did not find expected ',' or ']'", note: (7, 13, "the '[' opened here")),
    .library("library-truncated", 2, 8, 1, "yaml-syntax", "did not find expected ',' or ']'", command: "check"),
    .library("library-duplicate-key", 2, 5, 3, "duplicate-key", "duplicate key 'id'", note: (3, 3, "'id' first appears here")),
    .library("library-invalid-utf8", 2, 4, 17, "invalid-encoding", "not valid UTF-8"),
    .library("library-tab-indent", 2, 4, 1, "tab-indent", "this line is indented with a tab"),
    .library("library-binary", 2, 1, 1, "invalid-encoding", "hidden control character here (byte 0x7F)"),
    .library("library-alias", 2, 6, 11, "alias-not-allowed", "a value cannot start with '*'"),
    .library("library-utf16", 2, 1, 1, "invalid-encoding", "UTF-16"),
    .library("library-empty-clause", 1, 1, 1, "empty-file", "the file is empty"),
    .library("library-list-not-map", 1, 2, 1, "wrong-type", "a clause file must be a map of keys and values, not a list"),
    HostileCase(name: "lint of a library with a BOM and CRLF line ends in every file") { folder in
        let library = try copyLibrary(into: folder)
        for relative in try relativeFiles(library) where relative.hasSuffix(".yaml") {
            let url = library.appendingPathComponent(relative)
            let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
            try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: url)
        }
        return HostilePlan(
            arguments: ["lint", "--library", library.path], status: 0,
            expect: [.text("\(library.path): library uk-da-horizontal 2.0.0: ", "; 0 defect(s), 0 unreadable file(s)")])
    },
    HostileCase(name: "lint --library given a file") { _ in
        HostilePlan(
            arguments: ["lint", "--library", housing], status: 2,
            expect: [.error(housing, 1, 1, "no-library", "Horizon cannot find its clause library")])
    },
    HostileCase(name: "lint of a library whose library.yaml is a folder") { folder in
        let library = folder.appendingPathComponent("library")
        try FileManager.default.createDirectory(at: library.appendingPathComponent("library.yaml"), withIntermediateDirectories: true)
        return HostilePlan(
            arguments: ["lint", "--library", library.path], status: 2,
            expect: [.error(library.path + "/library.yaml", 1, 1, "unreadable-file", "this is a folder, not a file")])
    },
    HostileCase(name: "lint of a library with a clause file 100,000 levels deep") { folder in
        let library = try copyLibrary(into: folder)
        let file = library.appendingPathComponent("clauses/basic/DA-ZZ-1.yaml")
        try write(String(repeating: "[", count: 100_000), to: file)
        return HostilePlan(
            arguments: ["lint", "--library", library.path], status: 2,
            expect: [.error(file.path, 1, 65, "too-deep", "nested more than 64 levels deep")], within: .seconds(5))
    },
    // Generated: too big, too deep, not a file
    HostileCase(name: "check of a 50 MB junk file ends within seconds: too-large") { folder in
        let path = folder.appendingPathComponent("junk.yaml").path
        try writeJunk(path, count: 50 << 20)
        return HostilePlan(
            arguments: ["check", housing, path], status: 2,
            expect: [
                .error(
                    path, 1, 1, "too-large", "the file is 52428800 bytes, more than the limit of 4194304 (raise it with --max-input-size)")
            ],
            within: .seconds(5))
    },
    HostileCase(name: "check of a return holding a 10 MB scalar: too-large") { folder in
        let url = folder.appendingPathComponent("scalar.yaml")
        try writePieces([("return:\n  contract: ", 1), ("x", 10 << 20), ("\n", 1)], to: url)
        let size = "return:\n  contract: ".utf8.count + (10 << 20) + 1
        return HostilePlan(
            arguments: ["check", housing, url.path], status: 2,
            expect: [.error(url.path, 1, 1, "too-large", "the file is \(size) bytes")], within: .seconds(5))
    },
    HostileCase(name: "check of /dev/zero, an endless device: not a regular file") { _ in
        HostilePlan(
            arguments: ["check", housing, "/dev/zero"], status: 2,
            expect: [.error("/dev/zero", 1, 1, "unreadable-file", "not a regular file")], within: .seconds(5))
    },
    HostileCase(name: "check of 100,000-deep '[' nesting in YAML: too-deep") { folder in
        let url = folder.appendingPathComponent("deep.yaml")
        try write(String(repeating: "[", count: 100_000), to: url)
        return HostilePlan(
            arguments: ["check", housing, url.path], status: 2,
            expect: [.error(url.path, 1, 65, "too-deep", "lists and maps are nested more than 64 levels deep")], within: .seconds(5))
    },
    HostileCase(name: "check of 100,000-deep '[' nesting in JSON: too-deep") { folder in
        let url = folder.appendingPathComponent("deep.json")
        try write(String(repeating: "[", count: 100_000), to: url)
        return HostilePlan(
            arguments: ["check", housing, url.path], status: 2,
            expect: [.error(url.path, 1, 65, "too-deep", "objects and arrays are nested more than 64 levels deep")], within: .seconds(5))
    },
    HostileCase(name: "check of 100,000-deep flow maps in YAML: too-deep") { folder in
        let url = folder.appendingPathComponent("deepmap.yaml")
        try write(String(repeating: "{a: ", count: 100_000), to: url)
        return HostilePlan(
            arguments: ["check", housing, url.path], status: 2,
            expect: [.error(url.path, 1, 257, "too-deep", "nested more than 64 levels deep")], within: .seconds(5))
    },
    HostileCase(name: "check of 100,000-deep objects in JSON: too-deep") { folder in
        let url = folder.appendingPathComponent("deepmap.json")
        try write(String(repeating: "{\"a\": ", count: 100_000), to: url)
        return HostilePlan(
            arguments: ["check", housing, url.path], status: 2,
            expect: [.error(url.path, 1, 385, "too-deep", "nested more than 64 levels deep")], within: .seconds(5))
    },
    HostileCase(name: "check of 2,000-deep block maps in YAML: too-deep at line 65") { folder in
        let url = folder.appendingPathComponent("deepblock.yaml")
        try writePieces((0..<2_000).map { (String(repeating: " ", count: $0) + "a:\n", 1) }, to: url)
        return HostilePlan(
            arguments: ["check", housing, url.path], status: 2,
            expect: [.error(url.path, 65, 65, "too-deep", "nested more than 64 levels deep")], within: .seconds(5))
    },
    HostileCase(name: "template of a contract 100,000 levels deep: too-deep") { folder in
        let url = folder.appendingPathComponent("deep-contract.yaml")
        try write("contract: " + String(repeating: "[", count: 100_000), to: url)
        return HostilePlan(
            arguments: ["template", url.path], status: 2,
            expect: [.error(url.path, 1, 74, "too-deep", "nested more than 64 levels deep")], within: .seconds(5))
    },
    HostileCase(
        name: "check of a minified (one-line) 160 KB JSON return ends within seconds",
        prepare: { folder in
            let url = folder.appendingPathComponent("minified.json")
            let good = try String(
                contentsOf: packageRoot.appendingPathComponent("Contracts/returns/hrs-2027-q2-good.json"), encoding: .utf8)
            let oneLine = good.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
            let padding = ", \"notes\": { \"padding\": [" + Array(repeating: "0", count: 80_000).joined(separator: ",") + "] } }"
            try write(String(oneLine.dropLast()) + padding, to: url)
            let column = oneLine.count + 13  // the key "padding", inside "notes"
            return HostilePlan(
                arguments: ["check", housing, url.path], status: 0,
                expect: [.warning(url.path, 1, column, "unknown-field", "unknown field 'notes.padding'")], within: .seconds(5))
        }),
    HostileCase(name: "check of a 5 MB return: too-large by default") { folder in
        let url = folder.appendingPathComponent("big.yaml")
        try writeBigReturn(to: url)
        return HostilePlan(
            arguments: ["check", housing, url.path], status: 2,
            expect: [.error(url.path, 1, 1, "too-large", "raise it with --max-input-size")])
    },
    HostileCase(name: "check of a 5 MB return with --max-input-size raised: read and compliant") { folder in
        let url = folder.appendingPathComponent("big.yaml")
        try writeBigReturn(to: url)
        return HostilePlan(
            arguments: ["check", housing, url.path, "--max-input-size", "6000000"], status: 0,
            expect: [.text("\(url.path): return for contract BHCC-2026-HRS-014", ": compliant (0 error(s), 0 warning(s)")])
    },
    HostileCase(name: "--max-input-size 0 is a usage error") { _ in
        HostilePlan(
            arguments: ["check", housing, goodReturn, "--max-input-size", "0"], status: 64,
            expect: [.text("", "--max-input-size must be a positive number of bytes")])
    },
    HostileCase(name: "check of a folder given as the document: unreadable-file") { _ in
        HostilePlan(
            arguments: ["check", housing, "Contracts/returns"], status: 2,
            expect: [.error("Contracts/returns", 1, 1, "unreadable-file", "this is a folder, not a file")])
    },
    HostileCase(name: "template of a folder given as the contract: unreadable-file") { _ in
        HostilePlan(
            arguments: ["template", "Contracts"], status: 2,
            expect: [.error("Contracts", 1, 1, "unreadable-file", "this is a folder, not a file")])
    },
    HostileCase(name: "check of a file that does not exist: unreadable-file") { folder in
        let path = folder.appendingPathComponent("missing.yaml").path
        return HostilePlan(
            arguments: ["check", housing, path], status: 2,
            expect: [.error(path, 1, 1, "unreadable-file", "cannot read the file: no such file")])
    },
    HostileCase(name: "check of a file without read permission") { folder in
        let url = folder.appendingPathComponent("locked.yaml")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(goodReturn), to: url)
        #expect(chmod(url.path, 0) == 0)
        if getuid() == 0 {
            // Root (as in CI) reads a file whatever its permissions: it is read and judged.
            return HostilePlan(
                arguments: ["check", housing, url.path], status: 0,
                expect: [.text("\(url.path): return for contract BHCC-2026-HRS-014", ": compliant (")])
        }
        return HostilePlan(
            arguments: ["check", housing, url.path], status: 2,
            expect: [.error(url.path, 1, 1, "unreadable-file", "cannot read the file: permission denied")])
    },
    HostileCase(
        name: "check of a FIFO given as the document ends with unreadable-file",
        prepare: { folder in
            let path = folder.appendingPathComponent("fifo.yaml").path
            #expect(mkfifo(path, 0o644) == 0)
            return HostilePlan(
                arguments: ["check", housing, path], status: 2,
                expect: [.error(path, 1, 1, "unreadable-file", "not a regular file")], within: .seconds(2))
        }),
    HostileCase(name: "check with an evidence folder that does not exist: no-evidence-folder") { folder in
        let path = folder.appendingPathComponent("no-such-folder").path
        return HostilePlan(
            arguments: ["check", housing, goodReturn, "--evidence", path], status: 2,
            expect: [.error(path, 1, 1, "no-evidence-folder", "the evidence folder does not exist or is not a folder")])
    },
    HostileCase(name: "check of a portfolio with one junk file among good documents") { _ in
        let junk = "\(corpus)/return-binary-junk.yaml"
        return HostilePlan(
            arguments: ["check", housing, goodReturn, junk, "Contracts/bids/hrs-bid-good.yaml"], status: 2,
            expect: [
                .error(junk, 1, 1, "invalid-encoding", "not valid UTF-8"),
                .text("\(goodReturn): return for contract BHCC-2026-HRS-014", ": compliant ("),
                .text("Contracts/bids/hrs-bid-good.yaml: bid for contract BHCC-2026-HRS-014: compliant ("),
                .text("3 document(s): 2 compliant, 0 non-compliant, 1 invalid"),
            ])
    },
    // Generating into an output folder
    HostileCase(name: "generate with one bad contract among good ones writes nothing") { folder in
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let bad = "\(corpus)/contract-feb30.yaml"
        return HostilePlan(
            arguments: ["generate", housing, bad, "Contracts/refuse-collection.yaml", "--output", out.path], status: 1,
            expect: [.error(bad, 11, 8, "wrong-type", "not '2029-02-30'"), .text("horizon: error: nothing written")],
            after: { _, run throws in
                let written = try FileManager.default.contentsOfDirectory(atPath: out.path)
                #expect(written.isEmpty, "the folder holds \(written)")
                #expect(!run.stdout.contains("wrote "))
            })
    },
    HostileCase(name: "generate over existing outputs replaces them whole") { folder in
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let names = ["schedule.md", "return.yaml", "return.csv", "bid.yaml", "manifest.json"].map { "BHCC-2026-HRS-014.\($0)" }
        for name in names { try write("stale\n", to: out.appendingPathComponent(name)) }
        try write("not an output\n", to: out.appendingPathComponent("notes.txt"))
        return HostilePlan(
            arguments: ["generate", housing, "--output", out.path], status: 0,
            expect: names.map { .text("wrote \(out.path)/\($0)") },
            after: { folder, _ throws in
                let fresh = folder.appendingPathComponent("fresh")
                let again = try runHorizon(["generate", housing, "--output", fresh.path], limit: .seconds(60))
                #expect(again.status == 0, "\(again)")
                for name in names {
                    let replaced = try Data(contentsOf: out.appendingPathComponent(name))
                    #expect(
                        replaced == (try Data(contentsOf: fresh.appendingPathComponent(name))), "\(name) was not replaced by the same bytes"
                    )
                    #expect(!String(decoding: replaced, as: UTF8.self).hasPrefix("stale"))
                }
                // No temporary file is left behind, and a file that is not an output is untouched.
                #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == (names + ["notes.txt"]).sorted())
                #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "not an output\n")
            })
    },
    HostileCase(name: "generate into the folder of a contract named like an output: output-is-input") { folder in
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let input = out.appendingPathComponent("BHCC-2026-HRS-014.return.yaml")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(housing), to: input)
        let before = try contents(input)
        return HostilePlan(
            arguments: ["generate", input.path, "--output", out.path], status: 2,
            expect: [.error(input.path, 1, 1, "output-is-input", "refusing to write over the input '\(input.path)'")],
            after: { _, _ throws in
                #expect(try contents(input) == before, "the input was changed")
                #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["BHCC-2026-HRS-014.return.yaml"])
            })
    },
    HostileCase(name: "generate where an output name is a hard link to the contract: output-is-input") { folder in
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let input = folder.appendingPathComponent("c.yaml")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(housing), to: input)
        let link = out.appendingPathComponent("BHCC-2026-HRS-014.schedule.md")
        try FileManager.default.linkItem(at: input, to: link)
        let before = try contents(input)
        return HostilePlan(
            arguments: ["generate", input.path, "--output", out.path], status: 2,
            expect: [.error(link.path, 1, 1, "output-is-input", "refusing to write over the input '\(input.path)'")],
            after: { _, _ throws in
                #expect(try contents(input) == before, "the input was changed")
                #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["BHCC-2026-HRS-014.schedule.md"])
            })
    },
    HostileCase(name: "template C --output C is refused and the contract is unchanged") { folder in
        let input = folder.appendingPathComponent("c.yaml")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(housing), to: input)
        let before = try contents(input)
        return HostilePlan(
            arguments: ["template", input.path, "--output", input.path], status: 2,
            expect: [.error(input.path, 1, 1, "output-is-input", "refusing to write over the input '\(input.path)'")],
            after: { _, _ throws in #expect(try contents(input) == before, "the contract was changed") })
    },
    HostileCase(name: "template --output through a symbolic link to the contract is refused") { folder in
        let input = folder.appendingPathComponent("c.yaml")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(housing), to: input)
        let link = folder.appendingPathComponent("template.yaml")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: input)
        let before = try contents(input)
        return HostilePlan(
            arguments: ["template", input.path, "--output", link.path], status: 2,
            expect: [.error(link.path, 1, 1, "output-is-input", "refusing to write over the input")],
            after: { _, _ throws in #expect(try contents(input) == before, "the contract was changed") })
    },
    HostileCase(name: "generate where one output slot is a folder writes nothing and leaves the old outputs") { folder in
        // The manifest is written last: before the all-or-nothing write, the four files before it
        // were replaced and the run then failed, leaving a mixed set.
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let old = out.appendingPathComponent("BHCC-2026-HRS-014.schedule.md")
        try write("last quarter's schedule\n", to: old)
        let blocker = out.appendingPathComponent("BHCC-2026-HRS-014.manifest.json")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: true)
        return HostilePlan(
            arguments: ["generate", housing, "--output", out.path], status: 2,
            expect: [
                .error(blocker.path, 1, 1, "unwritable-output", "the output path is a folder"), .text("horizon: error: nothing written"),
            ],
            forbid: ["wrote "],
            after: { _, _ throws in
                #expect(try String(contentsOf: old, encoding: .utf8) == "last quarter's schedule\n", "an old output was replaced")
                let left = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
                #expect(left == ["BHCC-2026-HRS-014.manifest.json", "BHCC-2026-HRS-014.schedule.md"], "\(left)")
            })
    },
    HostileCase(name: "generate --format docx with a control character in the contract: refused at the text, nothing written") { folder in
        // A YAML escape can put a character in a title that no Word document can hold; the
        // other formats write it escaped, the Word schedule refuses it before anything is written.
        let spec = try String(contentsOf: packageRoot.appendingPathComponent(housing), encoding: .utf8)
        let input = folder.appendingPathComponent("c.yaml")
        try write(
            spec.replacingOccurrences(
                of: "title: Housing-related support for young people", with: "title: \"Housing-related support\\x01 for young people\""),
            to: input)
        let out = folder.appendingPathComponent("out")
        return HostilePlan(
            arguments: ["generate", input.path, "--format", "docx", "--output", out.path], status: 1,
            expect: [.error(input.path, 7, 10, "xml-forbidden-character", "U+0001, which a Word document cannot hold")],
            after: { _, _ throws in #expect(!FileManager.default.fileExists(atPath: out.path), "an output folder was made") })
    },
    HostileCase(name: "generate --output naming a file, not a folder: unwritable-output") { folder in
        let file = folder.appendingPathComponent("a-file")
        try write("x\n", to: file)
        return HostilePlan(
            arguments: ["generate", housing, "--output", file.path], status: 2,
            expect: [.error(file.path, 1, 1, "unwritable-output", "the output path exists and is not a folder")],
            after: { _, _ throws in #expect(try String(contentsOf: file, encoding: .utf8) == "x\n") })
    },
]

// MARK: - The test

@Suite("Hostile inputs through the horizon binary")
struct HostileCLITests {
    @Test("each hostile input gives its exit status and its located message", arguments: cases)
    func hostile(_ item: HostileCase) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer {
            // Give back permissions taken away, then remove everything this case made.
            if let enumerator = FileManager.default.enumerator(atPath: folder.path) {
                while let relative = enumerator.nextObject() as? String { chmod(folder.appendingPathComponent(relative).path, 0o755) }
            }
            try? FileManager.default.removeItem(at: folder)
        }
        let plan = try item.prepare(folder)
        let run = try runHorizon(plan.arguments, limit: max(plan.within * 4, .seconds(5)))
        let lines = run.lines
        let check = {
            #expect(!run.timedOut, "the run was stopped after \(run.elapsed)")
            #expect(run.status == plan.status, "\(run)")
            #expect(run.elapsed < plan.within, "took \(run.elapsed)")
            for expected in plan.expect {
                #expect(lines.contains { expected.matches($0) }, "missing \(expected)\n\(run)")
            }
            if plan.strict {
                let errors = lines.filter { $0.contains(": error[") }
                let unexpected = errors.filter { line in
                    !plan.expect.contains { $0.isError && $0.matches(line) }
                }
                #expect(unexpected.count == 0, "unexpected errors: \(unexpected.prefix(5))\n\(run)")
            }
            for text in plan.forbid {
                #expect(!lines.contains { $0.contains(text) }, "'\(text)' should not be reported\n\(run)")
            }
            // Exit status 2 means an input error, printed in the compiler convention.
            if plan.status == 2 {
                #expect(lines.contains { $0.contains(": error[") }, "\(run)")
            }
            try plan.after?(folder, run)
        }
        if let issue = item.knownIssue {
            withKnownIssue(Comment(rawValue: issue)) { try check() }
        } else {
            try check()
        }
    }
}
