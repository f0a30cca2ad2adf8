import Foundation
import Testing

// MARK: - Running the built binary

/// What one run of the binary did.
struct Run: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)" }
    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}

/// Runs `horizon` with arguments, in the package root, and collects its output.
func horizon(_ arguments: String...) throws -> Run {
    try horizon(arguments: arguments)
}

/// Runs `horizon` with a list of arguments, in the package root, and collects its output.
func horizon(arguments: [String]) throws -> Run {
    let binary = try #require(horizonBinary, "no built 'horizon' executable found above \(Bundle.main.bundleURL.path)")
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-cli-\(UUID().uuidString)")
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
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Run(
        status: process.terminationStatus,
        stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// Runs `body` with a copy of the shipped library in a temporary folder.
func withLibraryCopy<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-cli-lib-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: shippedLibrary, to: folder)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

// MARK: - What the shipped library holds, read without HorizonKit

/// A clause file's id and tier, read with plain text matching (an oracle independent of the
/// YAML reader under test).
struct ClauseFile {
    var id: String
    var tier: String
    var area: String
    var number: Int
    var path: URL
    /// The tiers whose contracts do not hold the clause (`not_at: [..]`).
    var notAt: [String] = []
}

func shippedClauses() throws -> [ClauseFile] {
    let folder = shippedLibrary.appendingPathComponent("clauses")
    var result: [ClauseFile] = []
    for tierFolder in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
        let sub = folder.appendingPathComponent(tierFolder)
        for name in try FileManager.default.contentsOfDirectory(atPath: sub.path) where name.hasSuffix(".yaml") {
            let path = sub.appendingPathComponent(name)
            let text = try String(contentsOf: path, encoding: .utf8)
            func value(_ key: String) -> String? {
                text.split(separator: "\n").first { $0.hasPrefix("  \(key): ") }.map { String($0.dropFirst(key.count + 4)) }
            }
            let id = try #require(value("id"), "no id in \(path.path)")
            let parts = id.split(separator: "-")
            let notAt =
                value("not_at").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")) }
                .map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            result.append(
                ClauseFile(
                    id: id, tier: try #require(value("tier")), area: String(parts[1]), number: Int(parts[2]) ?? 0, path: path,
                    notAt: notAt))
        }
    }
    return result
}

/// The area ids of library.yaml, in order.
func shippedAreas() throws -> [String] {
    let text = try String(contentsOf: shippedLibrary.appendingPathComponent("library.yaml"), encoding: .utf8)
    let lines = text.split(separator: "\n")
    guard let start = lines.firstIndex(of: "areas:") else { return [] }
    var areas: [String] = []
    for line in lines[(start + 1)...] {
        guard line.hasPrefix("  - { id: ") else {
            if line.hasPrefix("#") || line.hasPrefix("  ") { continue }
            break
        }
        areas.append(String(line.dropFirst("  - { id: ".count).prefix { $0 != "," }))
    }
    return areas
}

/// The number of services in library.yaml.
func shippedServiceCount() throws -> Int {
    let text = try String(contentsOf: shippedLibrary.appendingPathComponent("library.yaml"), encoding: .utf8)
    return text.split(separator: "\n").filter { $0.hasPrefix("  - { id: ") && $0.contains(" tier: ") }.count
}

/// The ids `clauses --tier` should print: the tiers given, in schedule order (tier, area, number).
/// The clauses a listing shows, in schedule order: those of `tiers`, less those not held at
/// `heldAt` (the tier listed; nil when every clause is listed).
func expectedIDs(tiers: [String], heldAt: String? = nil) throws -> [String] {
    let areas = try shippedAreas()
    return try shippedClauses()
        .filter { tiers.contains($0.tier) && !(heldAt.map($0.notAt.contains) ?? false) }
        .sorted {
            (tiers.firstIndex(of: $0.tier)!, areas.firstIndex(of: $0.area) ?? .max, $0.number)
                < (tiers.firstIndex(of: $1.tier)!, areas.firstIndex(of: $1.area) ?? .max, $1.number)
        }
        .map(\.id)
}

// MARK: - Tests

@Suite("horizon command line")
struct CLITests {
    @Test("the built binary is found")
    func binaryFound() {
        #expect(horizonBinary != nil, "searched above \(Bundle.main.bundleURL.path) and \(CommandLine.arguments[0])")
    }

    // MARK: lint

    @Test("lint of the shipped library exits 0 with a summary")
    func lintShipped() throws {
        let run = try horizon("lint")
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.isEmpty, "\(run)")
        let clauses = try shippedClauses().count
        let services = try shippedServiceCount()
        #expect(
            run.stdoutLines == [
                "ClauseLibrary: library uk-da-horizontal 2.0.0: \(clauses) clauses, 3 tiers, \(services) services; 0 defect(s), 0 unreadable file(s)"
            ], "\(run)")
    }

    @Test("lint of an explicit --library path names that path")
    func lintExplicitLibrary() throws {
        let run = try horizon("lint", "--library", shippedLibrary.path)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("\(shippedLibrary.path): library uk-da-horizontal"), "\(run)")
    }

    @Test("lint of a library with a clause file copied exits 1 with duplicate-id and its note")
    func lintDuplicate() throws {
        try withLibraryCopy { library in
            let original = library.appendingPathComponent("clauses/basic/DA-POL-1.yaml")
            // A folder named after every tier folder, so that the copy is read second.
            let copyFolder = library.appendingPathComponent("clauses/zz-copy")
            try FileManager.default.createDirectory(at: copyFolder, withIntermediateDirectories: true)
            let copy = copyFolder.appendingPathComponent("DA-POL-1.yaml")
            try FileManager.default.copyItem(at: original, to: copy)
            let idLine =
                try #require(
                    try String(contentsOf: original, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                        .firstIndex { $0.hasPrefix("  id: DA-POL-1") }) + 1

            let run = try horizon("lint", "--library", library.path)
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr.isEmpty, "\(run)")
            let lines = run.stdoutLines
            let finding = "\(copy.path):\(idLine):7: error[duplicate-id] clause 'DA-POL-1' is defined twice"
            let index = try #require(lines.firstIndex(of: finding), "\(run)")
            #expect(
                lines.indices.contains(index + 1)
                    && lines[index + 1] == "\(original.path):\(idLine):7: note: 'DA-POL-1' is first defined here", "\(run)")
            // Its parameter is now declared twice too.
            #expect(
                lines.contains { $0.hasPrefix("\(copy.path):") && $0.contains("error[duplicate-id] parameter 'policy_deadline_days'") },
                "\(run)")
            let defects = lines.filter { $0.contains(": error[") }.count
            let summary = try #require(lines.last)
            #expect(summary.hasSuffix("; \(defects) defect(s), 0 unreadable file(s)"), "\(run)")
            #expect(summary.contains(": \(try shippedClauses().count + 1) clauses,"), "\(run)")
        }
    }

    @Test("lint of a library with broken YAML exits 2 with a located yaml-syntax error on stderr")
    func lintBrokenYAML() throws {
        try withLibraryCopy { library in
            let file = library.appendingPathComponent("clauses/basic/DA-POL-2.yaml")
            var text = try String(contentsOf: file, encoding: .utf8)
            if !text.hasSuffix("\n") { text += "\n" }
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            text += "foo: [bar\n"
            try text.write(to: file, atomically: true, encoding: .utf8)

            let run = try horizon("lint", "--library", library.path)
            #expect(run.status == 2, "\(run)")
            let lines = run.stderrLines
            #expect(
                lines.first
                    == "\(file.path):\(lineCount + 2):1: error[yaml-syntax] the '[' opened where the note points is not closed: check for a missing ',' between items or a missing ']' at the end [did not find expected ',' or ']']",
                "\(run)")
            #expect(lines.dropFirst().first == "\(file.path):\(lineCount + 1):6: note: the '[' opened here", "\(run)")
            #expect(!run.stdout.contains("yaml-syntax"), "input errors go to stderr only\n\(run)")
            #expect(run.stdout.contains("1 unreadable file(s)"), "\(run)")
        }
    }

    @Test("lint of a folder that does not exist exits 2")
    func lintMissingFolder() throws {
        let run = try horizon("lint", "--library", "/nonexistent")
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.hasPrefix("/nonexistent:1:1: error[no-library] "), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    @Test("lint with an unknown option is a usage error")
    func lintUnknownOption() throws {
        let run = try horizon("lint", "--bogus")
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("--bogus"), "\(run)")
    }

    // MARK: clauses

    @Test("clauses --tier basic lists exactly the basic clauses, in schedule order")
    func clausesBasic() throws {
        let run = try horizon("clauses", "--tier", "basic")
        #expect(run.status == 0, "\(run)")
        let ids = run.stdoutLines.map { String($0.prefix { $0 != " " }) }
        #expect(ids == (try expectedIDs(tiers: ["basic"], heldAt: "basic")), "\(run)")
        #expect(run.stdoutLines.allSatisfy { $0.contains(" basic ") }, "\(run)")
        #expect(run.stdout.contains("DA-POL-1") && run.stdout.contains("Domestic abuse workplace policy"), "\(run)")
    }

    @Test("clauses --tier targeted includes the basic clauses first")
    func clausesTargeted() throws {
        let run = try horizon("clauses", "--tier", "targeted")
        #expect(run.status == 0, "\(run)")
        let ids = run.stdoutLines.map { String($0.prefix { $0 != " " }) }
        #expect(ids == (try expectedIDs(tiers: ["basic", "targeted"], heldAt: "targeted")), "\(run)")
        // A clause a targeted contract does not hold (the optional awareness training) is not listed.
        #expect(!ids.contains("DA-TRN-3"), "\(run)")
        let specialist = Set(try shippedClauses().filter { $0.tier == "specialist" }.map(\.id))
        #expect(!specialist.isEmpty)
        #expect(specialist.isDisjoint(with: ids), "\(run)")
        #expect(ids.count > (try expectedIDs(tiers: ["basic"])).count)
    }

    @Test("clauses without --tier lists every clause")
    func clausesAll() throws {
        let run = try horizon("clauses")
        #expect(run.status == 0, "\(run)")
        let ids = run.stdoutLines.map { String($0.prefix { $0 != " " }) }
        #expect(ids == (try expectedIDs(tiers: ["basic", "targeted", "specialist"])), "\(run)")
    }

    @Test("clauses --tier with an unknown tier is a usage error naming the tiers")
    func clausesUnknownTier() throws {
        let run = try horizon("clauses", "--tier", "nope")
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(run.stderr.contains("unknown tier 'nope'; the tiers are basic, targeted, specialist"), "\(run)")
    }

    // MARK: explain

    @Test("explain DA-POL-1 shows text, parameters, guidance, basis and requirements")
    func explain() throws {
        let run = try horizon("explain", "DA-POL-1")
        #expect(run.status == 0, "\(run)")
        let lines = run.stdoutLines
        #expect(lines.first == "DA-POL-1 Domestic abuse workplace policy (version 2.0.0)", "\(run)")
        let text = run.stdout.squeezed
        let expected = [
            "Tier: basic; area: Workplace domestic abuse policy; library uk-da-horizontal 2.0.0",
            "Contract text",
            "1. The Supplier shall adopt a written Workplace Policy that applies to all Supplier Staff no later than {policy_deadline_days} days after the Commencement Date",
            "judged by: policy-adopted, bid-policy",
            "A core clause: a contract may not leave it out.",
            "Parameters",
            "policy_deadline_days: int, default 90 days, allowed 0 to 365",
            "Days after the commencement date by which the workplace policy must be adopted.",
            "Guidance for commissioners",
            "Every supplier, of any size and service, should have a written policy",
            "Basis",
            "- Domestic Abuse Act 2021, ss1-3 (definition of domestic abuse, of personally connected, and children as victims)",
            "Requirements",
            "policy-adopted (return): A written workplace policy is adopted within the deadline",
            "fields: policy.in_place, policy.adopted_on",
            "rule adopted_by: in a return, policy.in_place is true by {policy_deadline_days} days after the start",
            "bid-policy (bid): A policy is in place, or will be by the deadline",
        ]
        for fragment in expected {
            #expect(text.contains(fragment), "missing: \(fragment)\n\(run)")
        }
        // Sections in order.
        let order = ["Contract text", "Parameters", "Guidance for commissioners", "Basis", "Requirements"].map { heading in
            lines.firstIndex(of: heading) ?? -1
        }
        #expect(!order.contains(-1) && order == order.sorted(), "\(order)\n\(run)")
        #expect(run.stderr.isEmpty, "\(run)")
    }

    @Test("explain of an unknown clause exits 2")
    func explainUnknown() throws {
        let run = try horizon("explain", "DA-NOPE-9")
        #expect(run.status == 2, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(run.stderr.contains("no clause 'DA-NOPE-9' in library uk-da-horizontal 2.0.0"), "\(run)")
    }

    @Test("explain against a library with defects refuses it with exit 2")
    func explainDefectiveLibrary() throws {
        try withLibraryCopy { library in
            let copy = library.appendingPathComponent("clauses/zz-copy")
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: library.appendingPathComponent("clauses/basic/DA-POL-1.yaml"), to: copy.appendingPathComponent("DA-POL-1.yaml"))
            let run = try horizon("explain", "DA-POL-1", "--library", library.path)
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("defect(s); run 'horizon lint --library \(library.path)'"), "\(run)")
        }
    }

    // MARK: usage

    /// Every numeric option at its edges gives a usage error or works; none traps (issue #12,
    /// class 6: `--max-input-size` at Int.max overflowed).
    static let numericEdgeCases: [(option: [String], status: Int32)] = [
        (["--max-input-size", "9223372036854775807"], 64), (["--max-input-size", "1099511627777"], 64),
        (["--max-input-size", "0"], 64), (["--max-input-size", "-1"], 64), (["--max-input-size", "99999999999999999999"], 64),
        (["--max-input-size", "1099511627776"], 0), (["--jobs", "9223372036854775807"], 0), (["--jobs", "0"], 64),
        (["--jobs", "-9223372036854775808"], 64),
    ]

    @Test("numeric options at their edges", arguments: numericEdgeCases)
    func numericEdges(_ option: [String], _ status: Int32) throws {
        let run = try horizon(
            arguments: ["check", "Contracts/housing-related-support.yaml", "Contracts/returns/hrs-2027-q2-good.yaml"] + option)
        #expect(run.status == status, "\(option): \(run)")
        #expect(!run.stderr.contains("runtime failure"), "\(run)")
    }

    /// A contract with errors makes only its own documents unjudged, and the run exits 1 (a
    /// defective contract is 1 in every command); the other contract's documents are judged.
    @Test("check goes on past a defective contract and exits 1")
    func defectiveContract() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-cli-defective-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try String(contentsOf: packageRoot.appendingPathComponent("Contracts/housing-related-support.yaml"), encoding: .utf8)
        let broken = folder.appendingPathComponent("broken.yaml")
        try Data(spec.replacingOccurrences(of: "training_target_percent: 80", with: "training_target_percent: 150").utf8).write(to: broken)
        let run = try horizon(
            arguments: [
                "check", broken.path, "Contracts/refuse-collection.yaml", "Contracts/returns/hrs-2027-q2-good.yaml",
                "Contracts/returns/ref-2027-h1-good.yaml",
            ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("error[parameter-out-of-range]"), "\(run)")
        #expect(
            run.stderr.contains(
                "the contract file for BHCC-2026-HRS-014 (\(broken.path)) has errors (listed above), so no return or bid for it was checked"
            ), "\(run)")
        #expect(run.stdout.contains("error[contract-defective] not checked: the contract file for BHCC-2026-HRS-014"), "\(run)")
        #expect(run.stdout.contains("ref-2027-h1-good.yaml: return for contract ESCC-2026-REF-003"), "\(run)")
        #expect(run.stdout.contains("2 document(s): 1 compliant, 0 non-compliant, 1 invalid"), "\(run)")
    }

    /// Two references that give one file name, or a name too long for the file system, are
    /// refused before anything is written (issue #12, class 4).
    @Test(
        "generate refuses clashing or overlong file names before writing",
        arguments: [["A/1", "A_1"], [String(repeating: "X", count: 300)]])
    func generateFileNames(_ references: [String]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-cli-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try String(contentsOf: packageRoot.appendingPathComponent("Contracts/housing-related-support.yaml"), encoding: .utf8)
        var paths: [String] = []
        for (i, reference) in references.enumerated() {
            let url = folder.appendingPathComponent("c\(i).yaml")
            try Data(spec.replacingOccurrences(of: "reference: BHCC-2026-HRS-014", with: "reference: \"\(reference)\"").utf8).write(to: url)
            paths.append(url.path)
        }
        let output = folder.appendingPathComponent("out")
        let run = try horizon(arguments: ["generate"] + paths + ["--output", output.path])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("nothing written"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: output.path), "an output folder was made")
    }

    @Test("template refuses to write over a file of the library")
    func templateOverLibrary() throws {
        try withLibraryCopy { library in
            let fields = library.appendingPathComponent("fields.yaml")
            let before = try Data(contentsOf: fields)
            let run = try horizon(
                arguments: ["template", "Contracts/housing-related-support.yaml", "--library", library.path, "--output", fields.path])
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("output-is-input"), "\(run)")
            #expect(try Data(contentsOf: fields) == before)
        }
    }

    @Test("an unknown subcommand is a usage error")
    func unknownSubcommand() throws {
        let run = try horizon("frobnicate")
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("frobnicate"), "\(run)")
    }

    @Test("explain without a clause id is a usage error")
    func explainWithoutID() throws {
        let run = try horizon("explain")
        #expect(run.status == 64, "\(run)")
    }

    // MARK: check's command line

    /// A value to give each option of `check` that takes one, placed between documents.
    static let checkOptionValues = [
        "--evidence": "Contracts/evidence", "--format": "text", "--jobs": "2", "--library": "ClauseLibrary",
        "--max-input-size": "4194304", "--period-ending": "2027-12-31",
    ]

    @Test("every option of check that takes a value can stand between documents, which are checked in the order given")
    func checkOptionsBetweenDocuments() throws {
        // The options that take a value, as check's help lists them ("--jobs <N>").
        let help = try horizon("check", "--help")
        let words = help.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "[" || $0 == "]" }).map(String.init)
        var options: Set<String> = []
        for (word, next) in zip(words, words.dropFirst()) where word.hasPrefix("--") && next.hasPrefix("<") {
            options.insert(word)
        }
        #expect(
            options == Set(Self.checkOptionValues.keys),
            "check --help lists \(options.sorted()); give the test (and CheckArguments.valued) any new one")
        let good = "Contracts/returns/hrs-2027-q2-good.yaml"
        let late = "Contracts/returns/hrs-2027-q3-bad-late.yaml"
        var arguments = ["check", "Contracts/housing-related-support.yaml"]
        var documents: [String] = []
        for (index, option) in Self.checkOptionValues.keys.sorted().enumerated() {
            let document = index % 2 == 0 ? good : late
            documents.append(document)
            arguments += [document, option, Self.checkOptionValues[option]!]
        }
        let run = try horizon(arguments: arguments)
        let verdictLines = run.stdoutLines.filter { $0.hasPrefix("Contracts/returns/") && $0.contains(": return for contract ") }
        #expect(verdictLines.map { String($0.prefix { $0 != ":" }) } == documents, "\(run)")
        #expect(run.stdout.contains("\(documents.count) document(s)"), "\(run)")
    }

    @Test("check takes ten thousand documents on one command line at once")
    func checkManyDocuments() throws {
        // swift-argument-parser alone took 7 s (release) to 42 s (debug) for 10,000 arguments
        // before check took the documents out of its hands. The paths name no file, so that
        // each is settled at once (unreadable-file) and the run is the command line's cost;
        // the bound leaves room for a debug build on a busy machine.
        let count = 10_000
        let start = ContinuousClock.now
        let run = try horizon(
            arguments: ["check", "Contracts/housing-related-support.yaml"]
                + Array(repeating: "Contracts/returns/no-such-return.yaml", count: count) + ["--jobs", "2"])
        let elapsed = ContinuousClock.now - start
        #expect(run.status == 2, "\(run.stderr.suffix(300))")
        #expect(run.stdout.contains("\(count) document(s): 0 compliant, 0 non-compliant, \(count) invalid"), "\(run.stdout.suffix(300))")
        #expect(elapsed < .seconds(15), "10,000 documents took \(elapsed)")
    }
}

extension String {
    /// The text with every run of white space made one space, for matching wrapped output.
    var squeezed: String {
        split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
