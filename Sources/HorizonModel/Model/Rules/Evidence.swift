/// `evidence`: the file a document names (the policy) must be in the evidence folder, inside
/// it, and match the SHA-256 the document gives. Without an evidence folder the rule is not
/// checked (its fields must still be given). Its findings have codes of their own, so its rules
/// take no `code`.
///
/// ```yaml
/// - kind: evidence
///   document: policy.document
///   digest: policy.sha256
/// ```
package struct Evidence: RuleKind {
    package static let name = "evidence"
    package static let fixedCodes: [String]? = ["evidence-missing", "evidence-outside-folder", "evidence-digest-mismatch"]
    package let document: FieldRef
    package let digest: FieldRef

    package static func read(_ keys: some RuleKeys) -> Evidence? {
        let document = keys.field("document")
        let digest = keys.field("digest")
        guard let document, let digest else { return nil }
        return Evidence(document: document, digest: digest)
    }

    package var inputs: [RuleInput] { [.field(document, types: [.path]), .field(digest, types: [.hex])] }

    package func describe(_ words: RuleWords) -> String {
        "the file named by \(document) is in the evidence folder and its SHA-256 equals \(digest)"
    }

    package func judge(_ context: inout some RuleContext) -> Outcome {
        guard let path = context.text(document), let expected = context.text(digest) else { return .unknown }
        guard let evidence = context.evidence else { return .notChecked }
        func error(_ code: String, at field: FieldRef, _ message: String) -> Outcome {
            context.report(.error, code, at: field, field: field, message)
            return .fail
        }
        if !EvidencePath.isContained(path) {
            return error(
                "evidence-outside-folder", at: document,
                "'\(document)' leaves the evidence folder (an absolute path or '..'); it was not read")
        }
        switch evidence.lookup(path) {
        case .found(let actual):
            if actual == expected { return .pass }
            return error(
                "evidence-digest-mismatch", at: digest,
                "the file named by '\(document)' has the SHA-256 \(actual), not the '\(digest)' given: if it is the right file, copy that into '\(digest)' (or run 'horizon evidence FILE'); if not, put the right file in the evidence folder"
            )
        case .missing:
            // "my-evidence/our-policy.pdf" written from where horizon runs, not within the folder.
            let hint =
                path.contains("/")
                ? ": give the file's name within the evidence folder (for a file my-evidence/our-policy.pdf checked with --evidence my-evidence, write our-policy.pdf)"
                : ": put the file in the folder given with --evidence, or correct the name"
            return error(
                "evidence-missing", at: document,
                "the file \(context.quoted(path)) named by '\(document)' is not in the evidence folder\(hint)")
        case .outside:
            return error(
                "evidence-outside-folder", at: document,
                "'\(document)' passes through a link, which is never followed: put the file itself in the evidence folder (it was not read)"
            )
        case .unreadable(let reason):
            return error("evidence-missing", at: document, "the file named by '\(document)' could not be read: \(reason)")
        }
    }
}

extension Sequence<Clause> {
    /// The fields that name the policy file and its SHA-256, from the first `evidence` rule of
    /// these clauses' return requirements (for filling them in: `horizon evidence`,
    /// `horizon template --evidence`).
    package var evidenceFields: (document: String, digest: String)? {
        for clause in self {
            for requirement in clause.requirements {
                for rule in requirement.rules {
                    if let evidence = rule.kind as? Evidence { return (evidence.document.id, evidence.digest.id) }
                }
            }
        }
        return nil
    }
}
