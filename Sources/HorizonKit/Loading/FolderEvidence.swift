#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Evidence files in a folder on disk. A path that leaves the folder, whether by `..` or by a
/// symbolic link, is reported as outside and never read.
public struct FolderEvidence: EvidenceSource {
    /// The folder, with links resolved.
    public let root: String
    let limits: ReadLimits

    /// Opens an evidence folder.
    ///
    /// - Parameters:
    ///   - folder: The folder the user named.
    ///   - limits: The size limit for each file.
    /// - Throws: `InputError` when it is not a readable folder.
    public init(folder: String, limits: ReadLimits = .standard) throws(InputError) {
        guard FileInput.isDirectory(folder), let resolved = FolderEvidence.realPath(folder) else {
            throw InputError("no-evidence-folder", "the evidence folder does not exist or is not a folder", at: .start(of: folder))
        }
        root = resolved
        self.limits = limits
    }

    static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    public func lookup(_ relativePath: String) -> EvidenceLookup {
        guard EvidencePath.isContained(relativePath) else { return .outside }
        let joined = root + "/" + relativePath
        guard let resolved = FolderEvidence.realPath(joined) else {
            // A dangling link still names somewhere: refuse it if that place is outside.
            return .missing
        }
        guard resolved.hasPrefix(root + "/") else { return .outside }
        do {
            let bytes = try FileInput.read(resolved, limits: ReadLimits(maxBytes: max(limits.maxBytes, 64 << 20)))
            return .found(sha256: Digest.sha256(bytes))
        } catch {
            return .unreadable(error.finding.message)
        }
    }
}
