package import HorizonModel

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Evidence files in a folder on disk. A path that leaves the folder, whether by `..` or by a
/// symbolic link, is reported as outside and never read.
package struct FolderEvidence: EvidenceSource {
    /// The folder, with links resolved.
    package let root: String
    let limits: ReadLimits

    /// Opens an evidence folder.
    ///
    /// - Parameters:
    ///   - folder: The folder the user named.
    ///   - limits: The size limit for each file.
    /// - Throws: `InputError` when it is not a readable folder.
    package init(folder: String, limits: ReadLimits = .standard) throws(InputError) {
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

    /// Whether a path that does not resolve is a link (or passes through one) to a place
    /// outside the folder.
    func danglingLinkLeaves(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return false }
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = readlink(path, &buffer, 4096)
        guard count > 0 else { return true }
        let target = buffer.withUnsafeBufferPointer { String(decoding: UnsafeRawBufferPointer($0).prefix(count), as: UTF8.self) }
        let slash = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let base = target.hasPrefix("/") ? "" : (FolderEvidence.realPath(slash) ?? slash) + "/"
        var parts: [Substring] = []
        for part in (base + target).split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        let normal = "/" + parts.joined(separator: "/")
        return !normal.hasPrefix(root + "/")
    }

    package func lookup(_ relativePath: String) -> EvidenceLookup {
        guard EvidencePath.isContained(relativePath) else { return .outside }
        let joined = root + "/" + relativePath
        guard let resolved = FolderEvidence.realPath(joined) else {
            // A dangling link still names somewhere: it is outside if that place is.
            return danglingLinkLeaves(joined) ? .outside : .missing
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
