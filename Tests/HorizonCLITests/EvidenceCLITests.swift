import Foundation
import Testing

/// The supplier never computes a SHA-256 by hand (issue #13): `horizon evidence FILE` prints the
/// return's lines for a policy file, and `horizon template --evidence DIR` fills them in from a
/// folder that holds the policy alone; the return so made passes the evidence check.
@Suite("Filling in the policy file's name and SHA-256")
struct EvidenceCLITests {
    static let contract = "Contracts/housing-related-support.yaml"
    static let policy = "hrs-da-workplace-policy-v2.txt"
    static let digest = "cf0ecb51a03482333ae01a229792bd41b2d8bce8820220868479b28b54a29d31"

    /// A folder holding the housing contract's policy file alone.
    static func withEvidence<T>(extra: [String] = [], _ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("Contracts/evidence/\(policy)"), to: folder.appendingPathComponent(policy))
        for name in extra { try Data("x\n".utf8).write(to: folder.appendingPathComponent(name)) }
        return try body(folder)
    }

    @Test func evidencePrintsTheLinesToCopy() throws {
        try Self.withEvidence { folder in
            let yaml = try horizon("evidence", folder.appendingPathComponent(Self.policy).path)
            #expect(yaml.status == 0, "\(yaml)")
            #expect(yaml.stdoutLines.suffix(3) == ["policy:", "  document: \(Self.policy)", "  sha256: \(Self.digest)"], "\(yaml)")
            let csv = try horizon("evidence", folder.appendingPathComponent(Self.policy).path, "--format", "csv")
            #expect(csv.stdoutLines == ["policy.document,\(Self.policy)", "policy.sha256,\(Self.digest)"], "\(csv)")
        }
    }

    @Test func aTemplateFilledFromTheFolderPassesTheEvidenceCheck() throws {
        try Self.withEvidence { folder in
            let template = try horizon("template", Self.contract, "--period", "6", "--evidence", folder.path)
            #expect(template.status == 0, "\(template)")
            #expect(
                template.stdoutLines.contains("  document: \(Self.policy)") && template.stdoutLines.contains("  sha256: \(Self.digest)"))
            // The good return with its two policy lines blanked, then filled in from the template.
            var good = try String(
                contentsOf: packageRoot.appendingPathComponent("Contracts/returns/hrs-2027-q2-good.yaml"), encoding: .utf8)
            good = good.replacingOccurrences(of: Self.digest, with: String(repeating: "0", count: 64))
            let filled = good.replacingOccurrences(of: String(repeating: "0", count: 64), with: Self.digest)
            let path = folder.appendingPathComponent("r.yaml")
            try Data(good.utf8).write(to: path)
            let wrong = try horizon("check", Self.contract, path.path, "--evidence", folder.path)
            #expect(wrong.status == 1 && wrong.stdout.contains("horizon evidence FILE"), "\(wrong)")
            try Data(filled.utf8).write(to: path)
            let right = try horizon("check", Self.contract, path.path, "--evidence", folder.path)
            #expect(right.status == 0, "\(right)")
        }
    }

    @Test("a folder with more than the policy, or nothing, is refused with what to do", arguments: [["notes.txt"], []])
    func aFolderThatIsNotThePolicyAlone(_ extra: [String]) throws {
        try Self.withEvidence(extra: extra) { folder in
            if extra.isEmpty { try FileManager.default.removeItem(at: folder.appendingPathComponent(Self.policy)) }
            let run = try horizon("template", Self.contract, "--evidence", folder.path)
            #expect(run.status == 2, "\(run)")
            #expect(
                run.stderr.contains(extra.isEmpty ? "holds no file" : "holds 2 files") && run.stderr.contains("horizon evidence FILE"),
                "\(run)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func aBidTakesNoEvidence() throws {
        try Self.withEvidence { folder in
            let run = try horizon("template", Self.contract, "--kind", "bid", "--evidence", folder.path)
            #expect(run.status == 64 && run.stderr.contains("--evidence applies to returns only"), "\(run)")
        }
    }

    /// Evidence per supplier (issue #16): one subfolder per contract reference, each with its own
    /// `policy.txt`, looked for first; a subfolder that is a link is never used.
    @Test func eachContractHasItsOwnSubfolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("horizon-evidence-per-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let evidence = root.appendingPathComponent("evidence")
        var returns: [String] = []
        for (reference, name) in [("BHCC-2026-HRS-014", "hrs-2027-q2-good"), ("WSCC-2026-SMS-007", "sms-2027-q1-good")] {
            let folder = evidence.appendingPathComponent(reference)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // The substance misuse supplier's subfolder is there but empty: its policy is in the
            // evidence folder itself, which is looked in next.
            let policy = (reference == "WSCC-2026-SMS-007" ? evidence : folder).appendingPathComponent("policy.txt")
            try Data("The workplace policy of the supplier of \(reference).\n".utf8).write(to: policy)
            let printed = try horizon("evidence", policy.path)
            let digest = try #require(printed.stdoutLines.last?.split(separator: " ").last.map(String.init))
            // The bundled return, naming policy.txt with this supplier's digest.
            var text = try String(contentsOf: packageRoot.appendingPathComponent("Contracts/returns/\(name).yaml"), encoding: .utf8)
            text = try text.replacing(Regex("document: [^\n]*"), with: "document: policy.txt")
            text = try text.replacing(Regex("sha256: [0-9a-f]{64}"), with: "sha256: \(digest)")
            let path = root.appendingPathComponent("\(name).yaml")
            try Data(text.utf8).write(to: path)
            returns.append(path.path)
        }
        let contracts = ["Contracts/housing-related-support.yaml", "Contracts/substance-misuse.yaml"]
        let both = try horizon(arguments: ["check"] + contracts + returns + ["--evidence", evidence.path])
        #expect(both.status == 0, "\(both)")
        #expect(!both.stdout.contains("error[evidence-") && both.stdout.contains("policy-evidence             met"), "\(both)")
        // The housing subfolder replaced by a link to a folder outside: never followed.
        let outside = root.appendingPathComponent("outside")
        try FileManager.default.moveItem(at: evidence.appendingPathComponent("BHCC-2026-HRS-014"), to: outside)
        try FileManager.default.createSymbolicLink(at: evidence.appendingPathComponent("BHCC-2026-HRS-014"), withDestinationURL: outside)
        let linked = try horizon(arguments: ["check"] + contracts + returns + ["--evidence", evidence.path])
        // The link is not followed: the folder's own policy.txt (the other supplier's) is read,
        // and does not match.
        #expect(linked.status == 1 && linked.stdout.contains("error[evidence-digest-mismatch]"), "\(linked)")
    }
}
