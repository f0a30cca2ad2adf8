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
        case "--library": options.library = args.popFirst() ?? options.library
        case "--dir": options.dir = args.popFirst()
        case "--jobs": options.workers = max(1, Int(args.popFirst() ?? "") ?? options.workers)
        case "--keep": options.keep = true
        default:
            FileHandle.standardError.write(
                Data(
                    "usage: horizon-bench [--count N] [--rounds R] [--contract FILE] [--library DIR] [--dir DIR] [--jobs N] [--keep]\n".utf8
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

/// One synthetic return; about one in ten has a mistake.
func syntheticReturn(_ contracts: [Contract], index: Int, random: inout Random) -> String {
    let periods = contracts[0].periods.count
    let contract = contracts[index / periods]
    let period = contract.periods[index % periods]
    let headcount = random.next(20...400)
    let inScope = random.next(headcount / 2...headcount)
    let trained = random.next(inScope * 8 / 10...inScope)
    let disclosures = random.next(5...60)
    let mistake = random.next(0...9) == 0
    return """
        # Synthetic return \(index) for \(contract.reference)
        return:
          contract: \(contract.reference)
          supplier: \(contract.supplier)
          period_start: \(period.start)
          period_end: \(period.end)
          submitted_on: \(period.end.adding(days: random.next(1...contract.returnDueDays)))
          prepared_by_role: Contracts manager
        policy:
          in_place: \(mistake ? "yes" : "true")
          adopted_on: \(contract.start.adding(days: 30))
          covers:
            definition_and_scope: "section 2"
            named_lead: "section 3"
            disclosure_route: "section 4"
            confidentiality: "section 5"
            safety_at_work: "section 6"
            leave_and_flexibility: "section 7"
            signposting: "section 8"
            perpetrator_response: "section 9"
            record_keeping: "section 10"
            review_cycle: "section 11"
          document: policy-\(index % 50).pdf
          sha256: \(String(repeating: "ab", count: 32))
          lead_role: Head of people
          last_reviewed_on: \(period.end.adding(months: -3))
        staff:
          headcount: \(headcount)
          informed_of_policy: \(mistake ? headcount + 5 : headcount - random.next(0...3))
          disclosures: \(random.next(0...9))
          perpetrator_responses: \(random.next(0...2))
        returns:
          aggregate_only: true
        training:
          staff_in_scope: \(inScope)
          trained: \(trained)
          champions: \(random.next(2...6))
        ask_and_act:
          enquiries: \(random.next(50...900))
          disclosures: \(disclosures)
          referrals_specialist: \(random.next(0...disclosures))
          referrals_marac: \(random.next(0...disclosures / 3))
        perpetrator:
          referrals: \(random.next(0...8))
        pathway:
          meetings_held: 3
          meetings_attended: \(random.next(2...3))
        data:
          sharing_agreement: true

        """
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
try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
let contracts = portfolioContracts(contract, count: options.count)
let checkers = contracts.map { Checker(contract: $0, library: library) }
var random = Random(state: 2026)
var paths: [String] = []
var totalBytes = 0
for index in 0..<options.count {
    let path = "\(dir)/return-\(index).yaml"
    let text = syntheticReturn(contracts, index: index, random: &random)
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
    verdicts = ReportRenderer.summary(tracker).trimmingCharacters(in: .newlines)
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
