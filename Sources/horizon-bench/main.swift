// horizon-bench: how fast is `horizon check` next to libyaml's bare parse of the same files?
//
//   swift run -c release horizon-bench [--count N] [--rounds R] [--contract FILE] [--dir DIR] [--keep]
//
// Makes N synthetic returns for an example contract (most compliant, some with the common
// mistakes), then, in one process and for R rounds, times:
//   (a) libyaml alone: read every file and parse it at the event level, one core;
//   (b) the whole check of every file, as `horizon check` does it: read, parse, judge on every
//       core, and render the text report;
//   (c) one return end to end: load and lint the library, load the contract, check, render.
// It prints the median of each, the ratio (b)/(a), documents per second and peak memory.

import Foundation
import HorizonKit
import HorizonModel

struct Options {
    var count = 10_000
    var rounds = 5
    var contract = "Contracts/housing-related-support.yaml"
    var template = "Contracts/returns/hrs-2027-q2-good.yaml"
    /// Whole-process rounds (`horizon check` as a command against libyaml's parse as one); 0 for none.
    var processRounds = 3
    var library = "ClauseLibrary"
    var dir: String?
    var keep = false
    var workers = ProcessInfo.processInfo.activeProcessorCount
}

func parseOptions() -> Options {
    var options = Options()
    var args = CommandLine.arguments.dropFirst()
    while let arg = args.popFirst() {
        switch arg {
        case "--count": options.count = Int(args.popFirst() ?? "") ?? options.count
        case "--rounds": options.rounds = max(1, Int(args.popFirst() ?? "") ?? options.rounds)
        case "--contract": options.contract = args.popFirst() ?? options.contract
        case "--template": options.template = args.popFirst() ?? options.template
        case "--process-rounds": options.processRounds = args.popFirst().flatMap(Int.init) ?? options.processRounds
        case "--library": options.library = args.popFirst() ?? options.library
        case "--dir": options.dir = args.popFirst()
        case "--jobs": options.workers = max(1, Int(args.popFirst() ?? "") ?? options.workers)
        case "--keep": options.keep = true
        default:
            FileHandle.standardError.write(
                Data(
                    "usage: horizon-bench [--count N] [--rounds R] [--contract FILE] [--template FILE] [--library DIR] [--dir DIR] [--jobs N] [--process-rounds N] [--keep]\n"
                        .utf8
                ))
            exit(64)
        }
    }
    return options
}

/// A deterministic pseudo-random sequence (SplitMix64), so every run writes the same files.
struct Random {
    var state: UInt64
    mutating func next(_ range: ClosedRange<Int>) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return range.lowerBound + Int(z % UInt64(range.count))
    }
}

/// The portfolio's contracts: copies of the example under their own references, one for each
/// run of reporting periods, so that every return is for a distinct contract and period as in a
/// real quarter's portfolio.
func portfolioContracts(_ contract: Contract, count: Int) -> [Contract] {
    (0..<max(1, (count + contract.periods.count - 1) / contract.periods.count)).map { k in
        var copy = contract
        copy.reference = "\(contract.reference)-\(k)"
        return copy
    }
}

/// One synthetic return, made from the contract's good example return (`--template`): its
/// header for a portfolio contract and period, the staff figures varied, and about one in ten
/// with one of the common mistakes (`yes` for `true`, more staff told than work there). Made
/// from the example, it holds every field the library asks for, whatever its version.
func syntheticReturn(_ contracts: [Contract], template: String, index: Int, random: inout Random) -> String {
    let periods = contracts[0].periods.count
    let contract = contracts[index / periods]
    let period = contract.periods[index % periods]
    let headcount = random.next(40...400)
    let mistake = random.next(0...9)
    let informed = mistake == 1 ? headcount + 5 : headcount - random.next(0...headcount / 20)
    var lines: [String] = ["# Synthetic return \(index) for \(contract.reference)"]
    for line in template.split(separator: "\n", omittingEmptySubsequences: false) {
        var text = String(line)
        let trimmed = text.drop { $0 == " " }
        func header(_ key: String, _ value: String) -> Bool {
            guard trimmed.hasPrefix(key + ":") else { return false }
            text = String(text.prefix(text.count - trimmed.count)) + key + ": " + value
            return true
        }
        if trimmed.hasPrefix("#") { continue }
        if header("contract", contract.reference) || header("period_start", "\(period.start)") || header("period_end", "\(period.end)")
            || header("submitted_on", "\(period.end.adding(days: random.next(1...max(1, contract.returnDueDays))))")
        {
            lines.append(text)
            continue
        }
        if trimmed.hasPrefix("staff:") {
            text = text.replacingOccurrences(of: #"headcount: \d+"#, with: "headcount: \(headcount)", options: .regularExpression)
            text = text.replacingOccurrences(
                of: #"informed_of_policy: \d+"#, with: "informed_of_policy: \(informed)", options: .regularExpression)
        }
        if mistake == 0 && trimmed.hasPrefix("in_place: true") { text = text.replacingOccurrences(of: "true", with: "yes") }
        // Dates in the example that belong to its own period, moved to this one.
        for (key, date) in [
            ("adopted_on", contract.start.adding(days: 30)), ("last_reviewed_on", period.end.adding(months: -3)),
            ("oldest_training_on", period.end.adding(months: -6)), ("champions_in_post_on", contract.start.adding(days: 60)),
        ] {
            text = text.replacingOccurrences(of: key + #": \d{4}-\d{2}-\d{2}"#, with: "\(key): \(date)", options: .regularExpression)
        }
        lines.append(text)
    }
    return lines.joined(separator: "\n")
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Resets the kernel's high-water mark of resident memory (Linux), so that the peak of the
/// check alone can be read afterwards; false where that is not possible.
func resetPeakMemory() -> Bool {
    FileManager.default.isWritableFile(atPath: "/proc/self/clear_refs")
        && (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
}

/// The resident high-water mark (VmHWM) in MiB, from /proc/self/status.
func highWaterMiB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kib / 1024
}

/// CPU time of the whole process so far, every thread's, in seconds.
func processCPU() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("horizon-bench: \(message)\n".utf8))
    exit(2)
}

// `horizon-bench --parse-only FILE...`: libyaml's bare parse of the files as a process of its
// own, the baseline of the whole-process timing (d).
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "--parse-only" {
    var events = 0
    for path in CommandLine.arguments.dropFirst(2) {
        guard let bytes = try? FileInput.read(path) else { continue }
        events += YAMLReader.countEvents(bytes)
    }
    print(events)
    exit(0)
}

let options = parseOptions()
let clock = ContinuousClock()

// The library and the contract.
let load = LibraryLoader.load(from: options.library)
guard let library = load.library, load.inputErrors.isEmpty else { fail("cannot load the library in \(options.library)") }
guard let resolved = try? ContractLoader.load(options.contract, library: library), let contract = resolved.0 else {
    fail("cannot load the contract \(options.contract)")
}

// The portfolio, written to disk one file at a time.
let dir = options.dir ?? NSTemporaryDirectory() + "horizon-bench-\(options.count)"
try? FileManager.default.removeItem(atPath: dir)
try FileManager.default.createDirectory(atPath: dir + "/contracts", withIntermediateDirectories: true)
try FileManager.default.createDirectory(atPath: dir + "/returns", withIntermediateDirectories: true)
let contracts = portfolioContracts(contract, count: options.count)
// Checkers as `horizon check` makes them: contracts with the same clauses and values share
// their compiled rules.
let checkerCache = CheckerCache(library: library)
let checkers = contracts.map { checkerCache.checker(for: $0) }
guard let template = try? String(contentsOfFile: options.template, encoding: .utf8),
    let contractText = try? String(contentsOfFile: options.contract, encoding: .utf8)
else { fail("cannot read \(options.template) or \(options.contract)") }
// Each portfolio contract as a file, as a procurement team's folder of contracts holds them.
var contractPaths: [String] = []
for copy in contracts {
    let path = "\(dir)/contracts/\(copy.reference).yaml"
    let text = contractText.replacingOccurrences(of: "reference: \(contract.reference)", with: "reference: \(copy.reference)")
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    contractPaths.append(path)
}
var random = Random(state: 2026)
var paths: [String] = []
var totalBytes = 0
for index in 0..<options.count {
    let path = "\(dir)/returns/return-\(index).yaml"
    let text = syntheticReturn(contracts, template: template, index: index, random: &random)
    totalBytes += text.utf8.count
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    paths.append(path)
}
print(
    "portfolio: \(options.count) returns for \(contracts.count) contracts like \(contract.reference), \(totalBytes / 1024) KiB, in \(dir)")
print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; \(options.rounds) rounds; median reported")

var bare: [Double] = []
var check: [Double] = []
var bareCPU: [Double] = []
var checkCPU: [Double] = []
var single: [Double] = []
var verdicts = ""
var checkPeak: (before: Double, after: Double)?
for _ in 0..<options.rounds {
    // (a) libyaml alone.
    var events = 0
    var cpu = processCPU()
    bare.append(
        seconds(
            clock.measure {
                for path in paths {
                    guard let bytes = try? FileInput.read(path) else { continue }
                    events += YAMLReader.countEvents(bytes)
                }
            }))
    precondition(events > 0)
    bareCPU.append(processCPU() - cpu)

    // (b) the whole check, as `horizon check` runs it, the report rendered and discarded.
    let canReset = resetPeakMemory()
    let before = highWaterMiB()
    var reportBytes = 0
    var tracker = PortfolioTracker()
    cpu = processCPU()
    check.append(
        seconds(
            clock.measure {
                let run = PortfolioRun(checkers: checkers, workers: options.workers)
                let numbers = contract.numbers
                tracker = run.run(paths) { report in
                    ReportRenderer.text(report, numbers: numbers)
                } emit: { _, rendered in
                    reportBytes += rendered.utf8.count
                }
                reportBytes += ReportRenderer.summary(tracker).utf8.count
            }))
    checkCPU.append(processCPU() - cpu)
    verdicts = ReportRenderer.summary(tracker).split(separator: "\n").first.map(String.init) ?? ""
    if canReset, let before, let after = highWaterMiB() { checkPeak = (before, after) }

    // (c) one return end to end.
    single.append(
        seconds(
            clock.measure {
                let load = LibraryLoader.load(from: options.library)
                guard let library = load.library else { return }
                _ = Linter.lint(library)
                guard let contract = (try? ContractLoader.load(options.contract, library: library))?.0 else { return }
                let run = PortfolioRun(checkers: [Checker(contract: contract, library: library)])
                _ = run.run([paths[0]]) { report in _ = ReportRenderer.text(report, numbers: contract.numbers) }
            }))
}

let a = median(bare)
let b = median(check)
let c = median(single)
print(String(format: "(a) libyaml bare parse:        %8.3f s  (%.0f documents/s)", a, Double(options.count) / a))
print(String(format: "(b) horizon check, %d worker(s): %8.3f s  (%.0f documents/s)", options.workers, b, Double(options.count) / b))
print(String(format: "(c) one return end to end:     %8.2f ms", c * 1000))
let roundRatios = zip(check, bare).map { $0 / $1 }
print(
    String(
        format: "ratio (b)/(a): %.2f (of the medians); round by round %.2f to %.2f, median %.2f", b / a, roundRatios.min() ?? 0,
        roundRatios.max() ?? 0, median(roundRatios)))
print(
    String(
        format: "CPU time, all threads: (a) %.3f s, (b) %.3f s: (b) keeps %.2f cores busy", median(bareCPU), median(checkCPU),
        median(checkCPU) / b))
print(String(format: "peak memory: %.1f MiB for the whole process (portfolio generation included)", peakMemoryMiB()))
if let checkPeak {
    print(
        String(format: "peak memory of the check (b): %.1f MiB resident before it, %.1f MiB at its peak", checkPeak.before, checkPeak.after)
    )
}
print("verdicts: \(verdicts)")

// (d) Whole processes, as users run them: `horizon check` with every contract file and every
// return as arguments (text, then JSON, to /dev/null) against libyaml's bare parse of the same
// files in a process of its own, interleaved round by round.
if options.processRounds > 0 {
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    let horizon = me.deletingLastPathComponent().appendingPathComponent("horizon").path
    if !FileManager.default.isExecutableFile(atPath: horizon) {
        print("(d) whole processes: skipped, no horizon binary beside horizon-bench (build both: swift build -c release)")
    } else {
        func childrenCPU() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_CHILDREN.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        /// Runs a command with its output thrown away: wall and CPU seconds. Spawned and waited
        /// for directly: Foundation's `Process.waitUntilExit` polls a run loop, which rounded
        /// every process's time up to the next twentieth of a second or so.
        func run(_ executable: String, _ arguments: [String]) -> (wall: Double, cpu: Double) {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
            defer { for pointer in argv { free(pointer) } }
            var pid: pid_t = 0
            let cpu = childrenCPU()
            let start = clock.now
            let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
            if spawned != 0 { fail("cannot run \(executable): error \(spawned)") }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            return (seconds(clock.now - start), childrenCPU() - cpu)
        }
        let library = ["--library", options.library]
        var parse: [(wall: Double, cpu: Double)] = []
        var text: [(wall: Double, cpu: Double)] = []
        var json: [(wall: Double, cpu: Double)] = []
        var loading: [Double] = []
        for _ in 0..<options.processRounds {
            parse.append(run(me.path, ["--parse-only"] + contractPaths + paths))
            text.append(run(horizon, ["check"] + library + contractPaths + paths))
            json.append(run(horizon, ["check", "--format", "json"] + library + contractPaths + paths))
            // Contract loading: every contract and one return, less one contract and one return.
            let all = run(horizon, ["check"] + library + contractPaths + [paths[0]]).wall
            let one = run(horizon, ["check"] + library + [contractPaths[0], paths[0]]).wall
            loading.append((all - one) / Double(max(1, contractPaths.count - 1)))
        }
        let p = median(parse.map(\.wall))
        let t = median(text.map(\.wall))
        let j = median(json.map(\.wall))
        print(
            "(d) whole processes, \(contractPaths.count) contract files and \(paths.count) returns as arguments, \(options.processRounds) interleaved rounds:"
        )
        print(String(format: "    libyaml's bare parse of the same files:  %7.3f s wall, %7.3f s CPU", p, median(parse.map(\.cpu))))
        print(String(format: "    horizon check, text report:               %7.3f s wall, %7.3f s CPU", t, median(text.map(\.cpu))))
        print(String(format: "    horizon check --format json:              %7.3f s wall, %7.3f s CPU", j, median(json.map(\.cpu))))
        let textRatios = zip(text, parse).map { $0.wall / $1.wall }
        let jsonRatios = zip(json, parse).map { $0.wall / $1.wall }
        print(
            String(
                format: "    ratio to the bare parse: text %.2f (rounds %.2f to %.2f), JSON %.2f (rounds %.2f to %.2f); JSON/text %.2f",
                t / p, textRatios.min() ?? 0, textRatios.max() ?? 0, j / p, jsonRatios.min() ?? 0, jsonRatios.max() ?? 0, j / t))
        print(String(format: "    contract loading: %.0f µs a contract", median(loading) * 1e6))
    }
}

// Where the time goes, phase by phase, on one core (set HORIZON_BENCH_PHASES=1).
if ProcessInfo.processInfo.environment["HORIZON_BENCH_PHASES"] != nil {
    let router = PortfolioRun(checkers: checkers)
    var files: [[UInt8]] = []
    let read = seconds(clock.measure { files = paths.map { (try? FileInput.read($0)) ?? [] } })
    let events = seconds(clock.measure { for bytes in files { _ = YAMLReader.countEvents(bytes) } })
    let tree = seconds(clock.measure { for (i, bytes) in files.enumerated() { _ = try? YAMLReader.parse(bytes, file: paths[i]) } })
    var documents: [SupplierDocument] = []
    let parse = seconds(
        clock.measure {
            documents = files.enumerated().compactMap { try? DocumentReader.parse($1, file: paths[$0], table: library.fieldTable) }
        })
    var reports: [DocumentReport] = []
    let judge = seconds(
        clock.measure {
            reports = documents.map { router.checkers[$0.values["return.contract"]?.text ?? ""]!.check($0) }
        })
    let render = seconds(clock.measure { for report in reports { _ = ReportRenderer.text(report, numbers: contract.numbers) } })
    print(
        String(
            format:
                "phases (s): read %.3f, events %.3f (a tree, as for contracts, %.3f), reader into slots with digest %.3f, judge %.3f, render %.3f",
            read, events, tree, parse, judge, render))
}

if !options.keep { try? FileManager.default.removeItem(atPath: dir) }
