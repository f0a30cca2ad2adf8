internal import Foundation
package import HorizonModel

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Evidence files in a folder on disk. A path that leaves the folder by `..`, or passes through
/// a symbolic link (which is never followed, even to a place inside), is reported as outside and
/// never read.
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

    /// Opens the file component by component from the folder's own descriptor, refusing any
    /// link (`O_NOFOLLOW`): a rename or a swapped link between a check and the open can never
    /// lead outside, and a link gives the same answer whether or not its target exists.
    package func lookup(_ relativePath: String) -> EvidenceLookup {
        guard EvidencePath.isContained(relativePath) else { return .outside }
        var directory = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return .unreadable("the evidence folder cannot be opened: \(FileInput.describe(errno))") }
        let parts = relativePath.split(separator: "/").filter { $0 != "." }
        guard !parts.isEmpty else {
            close(directory)
            return .missing
        }
        for (index, part) in parts.enumerated() {
            let last = index == parts.count - 1
            // The last component: a file, opened without waiting on a FIFO; the others: folders.
            let flags = O_NOFOLLOW | O_CLOEXEC | (last ? O_RDONLY | O_NONBLOCK : O_RDONLY | O_DIRECTORY)
            let next = openat(directory, String(part), flags)
            let failure = errno
            if next < 0 {
                // Whether the component is a link, asked of the same folder.
                var info = stat()
                let isLink = fstatat(directory, String(part), &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
                close(directory)
                if isLink || failure == ELOOP { return .outside }
                if failure == ENOENT || failure == ENOTDIR { return .missing }
                return .unreadable("cannot read the file: \(FileInput.describe(failure))")
            }
            close(directory)
            directory = next
        }
        defer { close(directory) }
        do {
            let bytes = try FileInput.read(
                descriptor: directory, path: root + "/" + relativePath, limits: ReadLimits(maxBytes: max(limits.maxBytes, 64 << 20)))
            return .found(sha256: Digest.sha256(bytes))
        } catch {
            return .unreadable(error.finding.message)
        }
    }

    /// The one file at the top of the folder (hidden files aside), for filling in a template:
    /// the supplier keeps the policy there. Throws when there is none, or more than one.
    ///
    /// - Returns: The file's name and SHA-256.
    package func onlyFile() throws(InputError) -> (name: String, sha256: String) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { name in
            // A link counts as a file here, so that it is named as a link rather than passed over.
            var info = stat()
            let kind = lstat(root + "/" + name, &info) == 0 ? info.st_mode & S_IFMT : 0
            return !name.hasPrefix(".") && (kind == S_IFREG || kind == S_IFLNK)
        }.sorted()
        guard names.count == 1, let name = names.first else {
            let found = names.isEmpty ? "holds no file" : "holds \(names.count) files"
            throw InputError(
                "unreadable-file",
                "the evidence folder \(found); keep only the policy file there to fill in the template from it, or run 'horizon evidence FILE' for the file you name in the return",
                at: .start(of: root))
        }
        switch lookup(name) {
        case .found(let sha256): return (name, sha256)
        case .missing, .outside:
            throw InputError(
                "unreadable-file", "the policy file is a link, which is never followed: put the file itself there",
                at: .start(of: root + "/" + name))
        case .unreadable(let reason):
            throw InputError("unreadable-file", reason, at: .start(of: root + "/" + name))
        }
    }
}

/// The evidence of one contract in a portfolio's evidence folder (issue #16): the folder may
/// hold a subfolder per contract reference, so that two suppliers' `policy.pdf` never clash. A
/// return's policy file is looked for in its contract's subfolder first, then in the folder
/// itself. The subfolder's name is the reference made safe as a file name (letters, digits,
/// `-` and `_`; anything else `_`), so a reference holding `..` or `/` never leads out; and a
/// subfolder that is a link is never used.
package struct ContractEvidence: EvidenceSource {
    let folder: FolderEvidence
    let own: FolderEvidence?

    /// The evidence for a contract.
    ///
    /// - Parameters:
    ///   - folder: The run's evidence folder.
    ///   - reference: The contract's reference.
    package init(folder: FolderEvidence, reference: String) {
        self.folder = folder
        let path = folder.root + "/" + Self.subfolderName(reference)
        var info = stat()
        if lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            own = try? FolderEvidence(folder: path, limits: folder.limits)
        } else {
            own = nil
        }
    }

    /// A contract reference made safe as the name of a file or folder.
    package static func subfolderName(_ reference: String) -> String {
        String(
            reference.unicodeScalars.map { scalar -> Character in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
                    || scalar == "_" ? Character(scalar) : "_"
            })
    }

    package func lookup(_ relativePath: String) -> EvidenceLookup {
        if let own {
            let found = own.lookup(relativePath)
            if case .missing = found { return folder.lookup(relativePath) }
            return found
        }
        return folder.lookup(relativePath)
    }
}
