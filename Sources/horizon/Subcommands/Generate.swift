import ArgumentParser
import HorizonKit
import HorizonModel
import HorizonOffice

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write each contract's schedule, return and bid templates, and manifest.",
        discussion: """
            For each contract, writes into the output folder: REF.schedule.md (or .html, .txt), \
            REF.return.yaml, REF.return.csv, REF.bid.yaml and REF.manifest.json, where REF is the \
            contract reference. Every contract is validated first; if any has an error, nothing is written.
            """)

    @Argument(help: ArgumentHelp("Contract specification files.", valueName: "CONTRACT.yaml"))
    var contracts: [String]

    @Option(help: ArgumentHelp("The folder to write into.", valueName: "DIR"))
    var output: String = "out"

    @Option(
        help: "The schedule's format: markdown, html, text, docx (Word), or all; repeat it for several (one manifest covers them all).")
    var format: [Format] = [.markdown]

    @OptionGroup var options: LibraryOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html, text, docx, all
    }

    /// Whether the Word schedule is asked for.
    var wantsDOCX: Bool { format.contains(.docx) || format.contains(.all) }

    /// The schedule formats asked for, each once, in a fixed order.
    var schedules: [ScheduleFormat] {
        if format.contains(.all) { return ScheduleFormat.allCases }
        return ScheduleFormat.allCases.filter { candidate in format.contains { $0.rawValue == candidate.rawValue } }
    }

    func run() throws {
        let (library, libraryFiles) = try options.loadSoundWithFiles()
        var resolved: [(Contract, String)] = []
        var failed = false
        for path in contracts {
            guard let contract = try options.loadContract(path, library: library) else {
                failed = true
                continue
            }
            resolved.append((contract, Digest.sha256(try readBytes(path))))
        }
        // A Word document cannot hold some characters a YAML escape can write ("\x01"): such a
        // contract or library file is refused, at the text, before anything is written.
        if wantsDOCX && !failed {
            for path in contracts + libraryFiles.map(\.path) {
                guard let root = try? YAMLReader.parse(try readBytes(path), file: path, limits: options.limits),
                    let problem = XMLSafety.check(root)
                else { continue }
                Output.report(findings: [problem.finding])
                failed = true
            }
        }
        if failed {
            Output.error("nothing written: fix the contract errors above")
            throw ExitCode(1)
        }
        // Two contracts whose references give one file name ("A/1" and "A_1") would write over
        // each other: refused before anything is written.
        var stems: [String: String] = [:]
        for (contract, _) in resolved {
            let stem = safeName(contract.reference)
            if let other = stems[stem] {
                let same = other == contract.reference
                Output.error(
                    same
                        ? "two contracts have the reference '\(other)'; nothing written"
                        : "the references '\(other)' and '\(contract.reference)' both give the file name '\(stem)'; nothing written")
                throw ExitCode(1)
            }
            stems[stem] = contract.reference
        }
        // Assemble every file in memory first; only then write, each atomically.
        var plan: [(path: String, bytes: [UInt8])] = []
        for (contract, digest) in resolved {
            let stem = output + "/" + safeName(contract.reference)
            let document = ScheduleBuilder.build(contract, library: library)
            var files: [(path: String, bytes: [UInt8])] = schedules.map { schedule in
                ("\(stem).schedule.\(schedule.fileExtension)", Array(schedule.render(document).utf8))
            }
            if wantsDOCX {
                do {
                    files.append(("\(stem).schedule.docx", try DOCXWriter.render(document, reference: contract.reference)))
                } catch {
                    Output.report(inputErrors: [error])
                    throw ExitCode(2)
                }
            }
            files += [
                ("\(stem).return.yaml", Array(TemplateWriter.render(contract, library: library, kind: .return, format: .yaml).utf8)),
                ("\(stem).return.csv", Array(TemplateWriter.render(contract, library: library, kind: .return, format: .csv).utf8)),
                ("\(stem).bid.yaml", Array(TemplateWriter.render(contract, library: library, kind: .bid, format: .yaml).utf8)),
            ]
            let inputs = [(path: contract.file, sha256: digest)] + libraryFiles
            let outputs = files.map { (path: baseName($0.path), sha256: Digest.sha256($0.bytes)) }
            files.append(
                ("\(stem).manifest.json", Array(Manifest.json(contract, library: library, inputs: inputs, outputs: outputs).utf8)))
            plan += files
        }
        // A name the file system cannot hold is found now, not after the first files are written.
        if let long = plan.first(where: { baseName($0.path).utf8.count > 255 }) {
            Output.error("the file name '\(baseName(long.path))' is longer than 255 bytes: shorten the contract reference; nothing written")
            throw ExitCode(1)
        }
        do {
            try FileOutput.makeDirectory(output)
            let inputs = contracts + libraryFiles.map(\.path)
            for file in plan { try FileOutput.checkNotInput(file.path, inputs: inputs) }
            // All or nothing: if any file cannot be written, none is, and what was there stays.
            try FileOutput.writeAll(plan)
        } catch {
            Output.report(inputErrors: [error])
            Output.error("nothing written")
            throw ExitCode(2)
        }
        for file in plan { print("wrote \(file.path)") }
    }

    func readBytes(_ path: String) throws -> [UInt8] {
        do { return try FileInput.read(path, limits: options.limits) } catch {
            Output.report(inputErrors: [error])
            throw ExitCode(2)
        }
    }
}

/// A contract reference made safe as a file name.
func safeName(_ reference: String) -> String { ContractEvidence.subfolderName(reference) }

func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
