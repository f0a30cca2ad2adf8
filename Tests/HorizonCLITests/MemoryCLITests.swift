import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The README promises that `horizon check` stays under 100 MB of memory for any input within the
// default `--max-input-size` (4 MiB). These are the inputs that cost the most per byte — as many
// keys, list items or CSV cells as the value limit allows, findings by the thousand, one scalar of
// the whole size — each a few bytes under 4 MiB, each checked by the built binary in a process of
// its own.
//
// How the peak is read: `ru_maxrss` from `wait4` will not do on Linux, because a process made by
// `posix_spawn` shares the test runner's memory until it runs `exec`, and `exec` records that
// memory's high-water mark as the child's — so the figure would be the test runner's. Instead the
// child's own high-water mark, `VmHWM` in `/proc/PID/status`, is read every half millisecond from
// the moment it is running `horizon` (its `comm` says so, which `exec` sets after replacing the
// memory) until it ends. `VmHWM` only rises, so the last reading is the peak up to half a
// millisecond before the end.

/// One `horizon` run: its exit status, its peak resident memory in KiB, and how many readings.
private func peakOfRun(_ arguments: [String]) throws -> (status: Int32, peakKiB: Int, readings: Int) {
    let binary = try #require(horizonBinary, "no built 'horizon' executable found above \(Bundle.main.bundleURL.path)")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([binary.path] + arguments).map { strdup($0) } + [nil]
    defer { for item in argv { free(item) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, binary.path, &actions, nil, argv, environ)
    try #require(spawned == 0, "posix_spawn failed: \(spawned)")
    var status: Int32 = 0
    var peak = 0
    var readings = 0
    while true {
        let ended = waitpid(pid, &status, WNOHANG)
        if ended == pid { break }
        if ended == -1 && errno != EINTR { break }
        let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
        if comm.hasPrefix("horizon"), let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kib = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        {
            peak = max(peak, kib)
            readings += 1
        }
        usleep(500)
    }
    let exited = (status & 0x7f) == 0
    try #require(exited, "horizon ended by signal \(status & 0x7f)")
    return ((status >> 8) & 0xff, peak, readings)
}

@Suite("Peak memory of horizon check on the costliest inputs")
struct MemoryCLITests {
    /// Each input is cut to just under 4 MiB, the default `--max-input-size`.
    static let size = 4 * 1024 * 1024 - 1024
    static let limitKiB = 100 * 1024

    /// The costliest inputs, by name, and what `check` must end with (0, 1 or 2).
    static func inputs(good: String) -> [(name: String, text: String, status: Int32)] {
        func fill(_ head: String, _ line: (Int) -> String, _ tail: String = "") -> String {
            var text = head
            var index = 0
            while true {
                let next = line(index)
                if text.utf8.count + next.utf8.count + tail.utf8.count > size { break }
                text += next
                index += 1
            }
            return text + tail
        }
        // 49,000 unknown top-level keys: a warning each, the report capped at 500 findings.
        // Each key padded so that the 49,000 fill the size (a line without padding is 28 bytes).
        let padding = String(repeating: "x", count: (size - good.utf8.count - 100) / 49_000 - 28)
        let topKeys = good + (0..<49_000).map { "unknown_top_field_\(String(format: "%05d", $0))_\(padding): 1\n" }.joined()
        // Keys in one unknown map up to the value limit and past it (too-many-nodes).
        let nestedKeys = fill(good + "extra:\n") { "  unknown_field_\($0): \($0)\n" }
        // One flow list of short items, past the value limit.
        let flow = fill(good + "junk: [", { _ in "1," }, "1]\n")
        // JSON: an object of keys past the value limit.
        let json = fill("{\"return\": {\"contract\": \"BHCC-2026-HRS-014\"}, \"x\": {", { "\"k\($0)\": \"v\", " }, "\"end\": 1}}")
        // CSV: rows of two cells, and one row of many cells, past the value limit.
        let rows = fill("field,value\nreturn.contract,BHCC-2026-HRS-014\n") { "unknown_\($0),\($0)\n" }
        let row = fill("field,value\nreturn.contract,BHCC-2026-HRS-014\n", { _ in "1," }, "1\n")
        // One scalar of the whole size: read, checked and never quoted whole.
        let scalar = good + "note: " + String(repeating: "a", count: size - good.utf8.count - 10) + "\n"
        return [
            ("top-keys.yaml", topKeys, 0), ("nested-keys.yaml", nestedKeys, 2), ("flow.yaml", flow, 2),
            ("keys.json", json, 2), ("rows.csv", rows, 2), ("row.csv", row, 2), ("scalar.yaml", scalar, 0),
        ]
    }

    @Test("every costly input just under 4 MiB is checked in under 100 MB, in text and JSON")
    func peakMemory() throws {
        let good = try String(contentsOf: packageRoot.appendingPathComponent("Contracts/returns/hrs-2027-q2-good.yaml"), encoding: .utf8)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-memory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let contract = packageRoot.appendingPathComponent("Contracts/housing-related-support.yaml").path
        let library = packageRoot.appendingPathComponent("ClauseLibrary").path
        for input in Self.inputs(good: good) {
            let file = folder.appendingPathComponent(input.name)
            try Data(input.text.utf8).write(to: file)
            #expect(
                input.text.utf8.count <= Self.size && input.text.utf8.count > Self.size - 300_000,
                "\(input.name) is \(input.text.utf8.count) bytes")
            for format in ["text", "json"] {
                let run = try peakOfRun(["check", contract, file.path, "--library", library, "--format", format])
                // A warning alone (top-keys, scalar) leaves the return compliant: exit 0.
                #expect(run.status == input.status, "\(input.name) \(format): exit \(run.status)")
                #expect(run.readings >= 10, "\(input.name) \(format): only \(run.readings) readings of the peak")
                #expect(run.peakKiB < Self.limitKiB, "\(input.name) \(format): peak \(run.peakKiB) KiB")
            }
        }
    }
}
