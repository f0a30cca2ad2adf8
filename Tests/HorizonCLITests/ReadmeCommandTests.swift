import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// The README can no longer drift (issue #13): every command it shows is run as written, in a
// scratch folder holding copies of the clause library and the contracts, with `horizon` on the
// PATH as the built binary (nothing is installed outside the scratch folder). Each output excerpt
// the README shows under a command must match what the command prints, allowing `…` elisions.
//
// How the README is read:
// - A fenced block with no language is a session: a line that starts with a command
//   (`horizon`, `bash`, `swift`, `mkdir`, or an environment assignment before one) is run with bash; the
//   lines after it, up to the next command, are an excerpt of what it prints (stdout and stderr
//   together). A line that is `…` alone skips any number of lines; `…` inside a line stands for
//   any text. An excerpt that does not start (end) with `…` must match the first (last) line.
// - A command's trailing comment may say `exit status N`; otherwise it must exit 0.
// - A block marked `synopsis` is the commands table: each line must list exactly the options
//   that `horizon SUBCOMMAND --help` lists.
// - Blocks marked `yaml`, `json` or `text` are examples of files or layouts, not run.
// Commands are run in order, one session for the whole README, so a template written by one
// command is there for the next.

/// Commands that cannot run inside a test, with the reason; the test prints them.
let readmeSkips: [String: String] = [
    "bash Scripts/example": "builds horizon for release and links it onto the PATH (minutes); .ci/run runs it after the tests",
    "bash .ci/run": "the CI script runs this test; it cannot run itself",
    "swift build": "the test runs inside a build of this package",
    "swift test": "the test runs inside swift test",
    "RECORD_SNAPSHOTS=1 swift test": "re-records the golden files of the source tree; it fails on purpose",
    "swift format -i -r Sources Tests Package.swift": "rewrites the source tree; .ci/run runs swift format lint --strict",
    "bash Scripts/mutate": "mutation testing takes about 40 minutes",
    "bash Scripts/fuzz 600": "a fuzzing run of 30 minutes",
    "swift run -c release horizon-bench": "the benchmark builds for release and runs for minutes",
    "HORIZON_BENCH_PHASES=1 swift run -c release horizon-bench --count 2000": "the benchmark builds for release and runs for minutes",
    "bash Scripts/bench-compare": "needs yamale and check-jsonschema from PyPI (network) and minutes",
]

/// What the scratch folder needs before a command, standing for what a user does by hand.
let readmePreparations: [String: (what: String, prepare: @Sendable (URL) throws -> Void)] = [
    "horizon template Contracts/housing-related-support.yaml --period 6 --evidence my-evidence/ --format xlsx --output my-return.xlsx": (
        "the supplier has copied the policy file into my-evidence/ (the bundled policy, as our-policy.pdf)",
        { scratch in
            let evidence = scratch.appendingPathComponent("my-evidence")
            try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: scratch.appendingPathComponent("Contracts/evidence/hrs-da-workplace-policy-v2.txt"),
                to: evidence.appendingPathComponent("our-policy.pdf"))
        }
    ),
    "horizon check Contracts/housing-related-support.yaml my-return.xlsx --evidence my-evidence/": (
        "the supplier has filled in my-return.xlsx in a spreadsheet (the bundled good workbook for period 6) and my-return.yaml (the bundled good return), which name the policy by its own file name",
        { scratch in
            let manager = FileManager.default
            for name in ["xlsx", "yaml"] {
                let target = scratch.appendingPathComponent("my-return.\(name)")
                try? manager.removeItem(at: target)
                try manager.copyItem(at: scratch.appendingPathComponent("Contracts/returns/hrs-2027-q2-good.\(name)"), to: target)
            }
            let evidence = scratch.appendingPathComponent("my-evidence")
            try manager.moveItem(
                at: evidence.appendingPathComponent("our-policy.pdf"), to: evidence.appendingPathComponent("hrs-da-workplace-policy-v2.txt")
            )
        }
    ),
]

/// One fenced block of the README.
struct ReadmeBlock {
    var language: String
    /// The README line of each of the block's lines, with the fence's indentation removed.
    var lines: [(number: Int, text: String)]
}

/// One command of a session block and the excerpt shown under it.
struct ReadmeCommand {
    var line: Int
    var command: String
    var comment: String
    var excerpt: [String]

    /// The exit status the comment gives ("exit status 1"), else 0.
    var status: Int32 {
        guard let range = comment.range(of: "exit status ") else { return 0 }
        return Int32(comment[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }
}

enum Readme {
    static func blocks(_ text: String) -> [ReadmeBlock] {
        var blocks: [ReadmeBlock] = []
        var open: (indent: Int, block: ReadmeBlock)?
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if body.hasPrefix("```") {
                if let current = open {
                    blocks.append(current.block)
                    open = nil
                } else {
                    open = (indent, ReadmeBlock(language: String(body.dropFirst(3)).trimmingCharacters(in: .whitespaces), lines: []))
                }
                continue
            }
            if var current = open {
                current.block.lines.append((index + 1, String(line.dropFirst(min(indent, current.indent)))))
                open = current
            }
        }
        return blocks
    }

    /// Whether a line of a session block is a command.
    static func isCommand(_ line: String) -> Bool {
        var words = line.split(separator: " ").map(String.init)
        while let first = words.first, first.contains("="), !first.hasPrefix("-") { words.removeFirst() }
        return ["horizon", "bash", "swift", "mkdir"].contains(words.first ?? "")
    }

    /// The commands of a session block, each with its excerpt.
    static func commands(_ block: ReadmeBlock) -> [ReadmeCommand] {
        var commands: [ReadmeCommand] = []
        for (number, text) in block.lines {
            if isCommand(text) {
                // A comment starts at " #" (every README command writes it after spaces).
                let parts = text.components(separatedBy: " #")
                commands.append(
                    ReadmeCommand(
                        line: number, command: parts[0].trimmingCharacters(in: .whitespaces),
                        comment: parts.dropFirst().joined(separator: " #"), excerpt: []))
            } else if !commands.isEmpty {
                commands[commands.count - 1].excerpt.append(text)
            }
        }
        for index in commands.indices {
            while commands[index].excerpt.last?.trimmingCharacters(in: .whitespaces).isEmpty == true {
                commands[index].excerpt.removeLast()
            }
        }
        return commands
    }

    /// Whether `output` matches an excerpt: lines in order; a `…` line skips any number of lines;
    /// `…` inside a line stands for any text; trailing spaces do not count.
    static func matches(_ excerpt: [String], _ output: [String]) -> Bool {
        func trim(_ text: String) -> String {
            var text = text
            while text.last == " " { text.removeLast() }
            return text
        }
        let pattern = excerpt.map(trim)
        let lines = output.map(trim)
        func lineMatches(_ pattern: String, _ line: String) -> Bool {
            let pieces = pattern.components(separatedBy: "…")
            if pieces.count == 1 { return pattern == line }
            guard line.hasPrefix(pieces[0]), line.hasSuffix(pieces[pieces.count - 1]) else { return false }
            var rest = line.dropFirst(pieces[0].count).dropLast(pieces[pieces.count - 1].count)
            for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
                guard let found = rest.range(of: piece) else { return false }
                rest = rest[found.upperBound...]
            }
            return pieces[0].count + pieces[pieces.count - 1].count <= line.count
        }
        // Memoised: whether pattern[p...] matches lines[l...].
        var memo: [Int: Bool] = [:]
        func match(_ p: Int, _ l: Int) -> Bool {
            let key = p * (lines.count + 1) + l
            if let known = memo[key] { return known }
            let result: Bool
            if p == pattern.count {
                result = l == lines.count
            } else if pattern[p].trimmingCharacters(in: .whitespaces) == "…" {
                result = (l...lines.count).contains { match(p + 1, $0) }
            } else {
                result = l < lines.count && lineMatches(pattern[p], lines[l]) && match(p + 1, l + 1)
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }
}

@Suite("The README's commands work as written", .serialized)
struct ReadmeCommandTests {
    static let readme = (try? String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// A scratch folder as a user's clone looks after the README's set-up: the library and the
    /// contracts, and `horizon` on the PATH (a link to the built binary, in the folder).
    static func scratch() throws -> URL {
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("horizon-readme-\(UUID().uuidString)")
        try manager.createDirectory(at: folder.appendingPathComponent("bin"), withIntermediateDirectories: true)
        for name in ["ClauseLibrary", "Contracts"] {
            try manager.copyItem(at: packageRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let binary = try #require(horizonBinary, "the horizon executable was not built")
        try manager.createSymbolicLink(at: folder.appendingPathComponent("bin/horizon"), withDestinationURL: binary)
        return folder
    }

    /// Runs a command line with bash in `folder`, stdout and stderr as one stream, stopped
    /// after 60 seconds.
    static func run(_ command: String, in folder: URL) throws -> (status: Int32, output: [String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "exec 2>&1; " + command]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = folder.appendingPathComponent("bin").path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["COLUMNS"] = "100"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: timer)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return (process.terminationStatus, lines)
    }

    @Test("every command the README shows runs as written and prints what the README shows")
    func everyCommand() throws {
        let blocks = Readme.blocks(Self.readme).filter { $0.language.isEmpty }
        // A block with no language shows a session: an excerpt with no command above it could
        // never be checked, so it must say what it is instead (`text`, `yaml`, `json`).
        for block in blocks where Readme.commands(block).isEmpty || !Readme.isCommand(block.lines.first?.text ?? "") {
            Issue.record("README line \(block.lines.first?.number ?? 0): a block with no language must start with a command")
        }
        let commands = blocks.flatMap(Readme.commands)
        #expect(commands.count >= 20, "too few commands found: the README's blocks were not read")
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var ran = 0
        for command in commands {
            if let reason = readmeSkips[command.command] {
                print("README line \(command.line): not run: \(command.command) — \(reason)")
                continue
            }
            if let preparation = readmePreparations[command.command] {
                print("README line \(command.line): before it, \(preparation.what)")
                try preparation.prepare(folder)
            }
            let result = try Self.run(command.command, in: folder)
            ran += 1
            let shown = result.output.prefix(40).joined(separator: "\n")
            #expect(
                result.status == command.status,
                "README line \(command.line): '\(command.command)' exited \(result.status), the README says \(command.status)\n\(shown)")
            if !command.excerpt.isEmpty {
                let matched = Readme.matches(command.excerpt, result.output)
                #expect(
                    matched,
                    "README line \(command.line): the output of '\(command.command)' does not match the excerpt under it\n--- excerpt\n\(command.excerpt.joined(separator: "\n"))\n--- output\n\(result.output.joined(separator: "\n"))"
                )
            }
        }
        // Every skip and preparation is still a README command (none is left over from an edit).
        let written = Set(commands.map(\.command))
        #expect(Set(readmeSkips.keys).subtracting(written).sorted() == [], "skips for commands the README no longer shows")
        #expect(Set(readmePreparations.keys).subtracting(written).sorted() == [], "preparations for commands the README no longer shows")
        #expect(ran >= 15, "only \(ran) commands ran")
    }

    @Test("the commands table lists exactly the options each command has")
    func synopsis() throws {
        let blocks = Readme.blocks(Self.readme).filter { $0.language == "synopsis" }
        #expect(blocks.count == 1, "the README has one commands table, in a block marked synopsis")
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var subcommands: Set<String> = []
        for (number, line) in blocks.flatMap(\.lines) where line.hasPrefix("horizon ") {
            let words = line.split(separator: " ").map(String.init)
            let subcommand = words[1]
            subcommands.insert(subcommand)
            let help = try Self.run("horizon \(subcommand) --help", in: folder)
            func options(_ text: String) -> Set<String> {
                var found: Set<String> = []
                var rest = Substring(text)
                while let range = rest.range(of: "--") {
                    let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
                    if !name.isEmpty { found.insert("--" + name) }
                    rest = rest[range.upperBound...]
                }
                return found
            }
            // The help's options, less those every command has (the README says so under the table).
            let helpText = help.output.drop { !$0.hasPrefix("OPTIONS:") }.joined(separator: "\n")
            let helpOptions = options(helpText).subtracting(["--help", "--version", "--max-input-size"])
            #expect(
                options(line) == helpOptions,
                "README line \(number): '\(subcommand)' lists \(options(line).sorted()); --help lists \(helpOptions.sorted())")
            // An option shown with its values (`--format markdown|html|text|all`) lists them all.
            for word in words where word.contains("|") {
                let option = words[words.firstIndex(of: word)! - 1].trimmingCharacters(in: CharacterSet(charactersIn: "["))
                let shown = Set(word.trimmingCharacters(in: CharacterSet(charactersIn: "].")).split(separator: "|").map(String.init))
                #expect(shown == Self.values(of: option, in: help.output), "README line \(number): \(option) shows \(shown.sorted())")
            }
        }
        #expect(Self.readme.contains("Every command also takes `--max-input-size BYTES`"))
        let all = try Self.run("horizon --help", in: folder)
        // Each subcommand's line starts with two spaces and its name; a wrapped description
        // is indented further.
        let listed = all.output.drop { !$0.hasPrefix("SUBCOMMANDS:") }.dropFirst().prefix { !$0.isEmpty }.compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            let word = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init)
            return word == "help" ? nil : word
        }
        #expect(Set(listed) == subcommands, "horizon --help lists \(listed.sorted()); the table \(subcommands.sorted())")
    }

    /// The values `--help` gives for an option: "(values: markdown, html, text, all; default: …)".
    static func values(of option: String, in help: [String]) -> Set<String> {
        guard let start = help.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(option + " ") }) else { return [] }
        var entry = help[start]
        for line in help[(start + 1)...] {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("-") { break }
            entry += " " + line.trimmingCharacters(in: .whitespaces)
        }
        guard let range = entry.range(of: "(values: ") else { return [] }
        let list = entry[range.upperBound...].prefix { $0 != ";" && $0 != ")" }
        return Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    @Test("the excerpt matcher: elisions, in-line wildcards, and a line out of place")
    func matcher() {
        let output = ["a", "b: 1", "c", "d"]
        #expect(Readme.matches(["a", "…", "d"], output))
        #expect(Readme.matches(["…", "b: …", "c", "…"], output))
        #expect(!Readme.matches(["a", "c", "…"], output), "a line skipped without an elision")
        #expect(!Readme.matches(["…", "c"], output), "the excerpt's last line must be the output's last")
        #expect(!Readme.matches(["…", "b: 2", "…"], output))
        #expect(Readme.matches(["a", "…"], output) && !Readme.matches(["b: 1", "…"], output))
    }
}
