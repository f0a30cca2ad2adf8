import Foundation
import Testing

/// The Word schedule opened by real readers (issue #14): LibreOffice converts each example's
/// `.docx` to text and PDF, and the text holds every clause number and title and every
/// cross-reference; python-docx, in a throwaway virtual environment, reads its paragraphs and
/// tables and finds them in the text and HTML schedules (`Tests/Office/read_docx.py`).
/// Where LibreOffice or PyPI is missing, the test says so and is skipped, never passed.
@Suite("Word schedule in real readers", .serialized)
struct DOCXOfficeTests {
    static let contracts = [
        "refuse-collection", "housing-related-support", "substance-misuse", "debt-and-welfare-advice", "specialist-domestic-abuse",
    ]

    /// `soffice` on the PATH, if any.
    static let soffice: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs a program, stopped after `limit` seconds.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], limit: Double = 180) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: timer)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The schedules of every example contract, in all formats, in a fresh folder.
    static func generate() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-docx-\(UUID().uuidString)")
        let paths = contracts.map { "Contracts/\($0).yaml" }
        let result = try horizon(arguments: ["generate"] + paths + ["--format", "all", "--output", folder.path])
        #expect(result.status == 0, "\(result)")
        return folder
    }

    @Test(
        "LibreOffice opens each schedule: the text holds every clause and cross-reference, and a PDF is made",
        .enabled(if: soffice != nil, "LibreOffice (soffice) is not installed: .ci/run installs libreoffice-writer-nogui from Debian"))
    func libreOffice() throws {
        let folder = try Self.generate()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".schedule.docx") }.sorted()
        #expect(files.count == Self.contracts.count)
        for file in files {
            // Each conversion has a profile of its own: concurrent calls on one profile hang.
            let profile = folder.appendingPathComponent("profile-\(file)")
            let out = folder.appendingPathComponent("lo")
            for target in ["txt:Text (encoded):UTF8", "pdf"] {
                let converted = try Self.run(
                    Self.soffice!,
                    [
                        "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", target, "--outdir", out.path,
                        folder.appendingPathComponent(file).path,
                    ])
                #expect(converted.status == 0, "\(file): \(converted.output)")
            }
            let stem = String(file.dropLast(".docx".count))
            let office = try String(contentsOf: out.appendingPathComponent(stem + ".txt"), encoding: .utf8)
            let pdf = try Data(contentsOf: out.appendingPathComponent(stem + ".pdf"))
            #expect(pdf.starts(with: Array("%PDF".utf8)) && pdf.count > 20_000, "\(file): \(pdf.count) bytes of PDF")
            // Horizon's own text schedule names every clause ("1.3 Staff told of the policy
            // [DA-POL-3 v2.0.0]") and every cross-reference ("clause 1.1").
            let schedule = try String(contentsOf: folder.appendingPathComponent(stem + ".txt"), encoding: .utf8)
            let flat = office.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            var clauses = 0
            for line in schedule.split(separator: "\n") {
                guard let match = line.wholeMatch(of: /(\d+\.\d+) (.+) \[([A-Z0-9-]+) v[0-9.]+\]/) else { continue }
                let (number, title) = (String(match.output.1), String(match.output.2))
                #expect(office.contains("\(number)\t\(title)") || flat.contains("\(number) \(title)"), "\(file): no '\(number) \(title)'")
                clauses += 1
            }
            #expect(clauses > 5, "\(file): only \(clauses) clauses found in the text schedule")
            let references = Set(
                schedule.split(whereSeparator: \.isWhitespace).joined(separator: " ").matches(of: /clause \d+\.\d+/).map {
                    String($0.output)
                })
            for reference in references {
                #expect(flat.contains(reference), "\(file): LibreOffice shows no '\(reference)'")
            }
        }
    }

    /// A virtual environment with python-docx, made for this run; `nil` when PyPI cannot be reached.
    static let venv = throwawayVenv(installing: "python-docx")

    /// A throwaway Python virtual environment in a temporary folder with one package from PyPI
    /// installed: `nil` when either step fails (no network, no venv module), and the tests that
    /// need it are skipped, saying why.
    static func throwawayVenv(installing package: String) -> URL? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-venv-\(package)-\(UUID().uuidString)")
        guard (try? run("/usr/bin/env", ["python3", "-m", "venv", folder.path]))?.status == 0,
            (try? run(folder.appendingPathComponent("bin/pip").path, ["install", "--quiet", package], limit: 300))?.status == 0
        else { return nil }
        return folder
    }

    @Test(
        "python-docx reads each schedule: its paragraphs are the text schedule's and its tables the HTML schedule's",
        .enabled("python-docx could not be installed from PyPI into a throwaway virtual environment") { venv != nil })
    func pythonDocx() throws {
        let folder = try Self.generate()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = packageRoot.appendingPathComponent("Tests/Office/read_docx.py").path
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".schedule.docx") }).sorted() {
            let stem = folder.appendingPathComponent(String(file.dropLast(".docx".count))).path
            let read = try Self.run(
                Self.venv!.appendingPathComponent("bin/python").path, [script, stem + ".docx", stem + ".txt", stem + ".html"])
            #expect(read.status == 0, "\(file): \(read.output)")
            #expect(read.output.contains("0 problem(s)"), "\(file): \(read.output)")
        }
    }
}
