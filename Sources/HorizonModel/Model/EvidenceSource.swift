/// What looking up an evidence file found.
package enum EvidenceLookup: Sendable, Hashable {
    /// The file exists inside the evidence folder; its SHA-256.
    case found(sha256: String)
    /// No such file in the folder.
    case missing
    /// The path, once links are followed, leaves the folder; the file was not read.
    case outside
    /// It exists but could not be read (the reason).
    case unreadable(String)
}

/// Where the checker finds evidence files. The checker itself does no I/O: the command line
/// passes a folder-backed source, tests pass a dictionary.
package protocol EvidenceSource: Sendable {
    /// Looks up a file by the relative path a document gives.
    ///
    /// - Parameter relativePath: A path that has already been checked to be relative and free
    ///   of `..` components.
    /// - Returns: What was found.
    func lookup(_ relativePath: String) -> EvidenceLookup
}

/// Checks on evidence paths that need no file system.
package enum EvidencePath {
    /// True for a relative path with no `..` component (and no NUL or backslash tricks).
    package static func isContained(_ path: String) -> Bool {
        if path.isEmpty || path.hasPrefix("/") || path.hasPrefix("~") || path.contains("\0") || path.contains("\\") { return false }
        if path.count >= 2 && path.dropFirst().first == ":" { return false }
        return !path.split(separator: "/").contains("..")
    }
}
