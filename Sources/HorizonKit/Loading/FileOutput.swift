package import HorizonModel

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Writing outputs atomically: each file goes to a temporary file in the destination folder,
/// is flushed to disk, and is renamed into place, so a crash or a full disk never leaves half a
/// file, and re-running replaces old outputs whole. No output may be written over an input.
package enum FileOutput {
    /// The identity of a file on disk, or `nil` if it does not exist.
    static func identity(_ path: String) -> (UInt64, UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Refuses to write when `destination` is one of `inputs` (the same file, however named).
    ///
    /// - Parameters:
    ///   - destination: The output path.
    ///   - inputs: The paths of every input of the run.
    /// - Throws: `InputError` naming the input.
    package static func checkNotInput(_ destination: String, inputs: [String]) throws(InputError) {
        guard let target = identity(destination) else { return }
        for input in inputs {
            if let other = identity(input), other == target {
                throw InputError("output-is-input", "refusing to write over the input '\(input)'", at: .start(of: destination))
            }
        }
    }

    /// Creates a folder and its parents if missing.
    ///
    /// - Parameter directory: The folder.
    /// - Throws: `InputError` when it cannot be made.
    package static func makeDirectory(_ directory: String) throws(InputError) {
        var path = ""
        for part in directory.split(separator: "/", omittingEmptySubsequences: false) {
            path += (path.isEmpty && !directory.hasPrefix("/") ? "" : (path == "/" ? "" : "/")) + part
            if path.isEmpty || path == "/" { path = directory.hasPrefix("/") ? "/" : path; continue }
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw InputError("unwritable-output", "cannot create the folder: \(FileInput.describe(errno))", at: .start(of: path))
            }
        }
        if !FileInput.isDirectory(directory) {
            throw InputError("unwritable-output", "the output path exists and is not a folder", at: .start(of: directory))
        }
    }

    /// Writes a file atomically.
    ///
    /// - Parameters:
    ///   - text: The contents.
    ///   - path: The destination.
    /// - Throws: `InputError` when the file cannot be written; the destination is then untouched.
    package static func write(_ text: String, to path: String) throws(InputError) {
        try writeAll([(path, Array(text.utf8))])
    }

    /// Writes a set of files all or nothing.
    ///
    /// Every destination is vetted first (a folder, FIFO, socket or block device is refused; a
    /// character device such as `/dev/null` is written through, never renamed over). Then every
    /// regular file is staged as a flushed temporary beside its destination; only when all are
    /// staged are they renamed into place, each existing destination first kept under a hard
    /// link so that a failed rename puts back what was there. A failure at any step leaves every
    /// destination as it was and no temporary behind.
    ///
    /// - Parameter files: Each destination and its bytes.
    /// - Throws: `InputError` located at the destination that failed.
    package static func writeAll(_ files: [(path: String, bytes: [UInt8])]) throws(InputError) {
        var devices: [(path: String, bytes: [UInt8])] = []
        var regular: [(path: String, bytes: [UInt8])] = []
        for file in files {
            if try isDevice(file.path) { devices.append(file) } else { regular.append(file) }
        }
        var staged: [(temporary: String, path: String, kept: String?)] = []
        func discard() {
            for entry in staged {
                unlink(entry.temporary)
                if let kept = entry.kept { unlink(kept) }
            }
        }
        do throws(InputError) {
            for file in regular {
                let temporary = try stage(file.bytes, beside: file.path)
                staged.append((temporary, file.path, nil))
                // Keep what the destination holds now, to put it back if a later step fails.
                var info = stat()
                if lstat(file.path, &info) == 0 {
                    let kept = temporary + ".kept"
                    if link(file.path, kept) != 0 {
                        throw InputError(
                            "unwritable-output", "cannot write in the folder: \(FileInput.describe(errno))", at: .start(of: file.path))
                    }
                    staged[staged.count - 1].kept = kept
                }
            }
        } catch {
            discard()
            throw error
        }
        var renamed = 0
        var failure: InputError?
        for entry in staged {
            if rename(entry.temporary, entry.path) != 0 {
                failure = InputError(
                    "unwritable-output", "cannot write the file: \(FileInput.describe(errno))", at: .start(of: entry.path))
                break
            }
            renamed += 1
        }
        if failure == nil {
            do throws(InputError) {
                for device in devices { try writeThrough(device.bytes, to: device.path) }
            } catch { failure = error }
        }
        if let failure {
            // Undo: every renamed destination gets back what it held, or is removed if it is new.
            for entry in staged[..<renamed] {
                if let kept = entry.kept { rename(kept, entry.path) } else { unlink(entry.path) }
            }
            discard()
            throw failure
        }
        for entry in staged { if let kept = entry.kept { unlink(kept) } }
        syncFolders(of: staged.map(\.path))
    }

    /// Whether a destination is a character device to write through; throws for what an output
    /// may never replace.
    private static func isDevice(_ path: String) throws(InputError) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFLNK: return false
        case S_IFCHR: return true
        case S_IFDIR:
            throw InputError("unwritable-output", "the output path is a folder; give a file path", at: .start(of: path))
        default:
            throw InputError(
                "unwritable-output", "the output path is not a regular file (a FIFO, socket or device); give a file path",
                at: .start(of: path))
        }
    }

    /// Writes `bytes` to a new, flushed temporary file in the destination's folder.
    ///
    /// - Returns: The temporary file's path.
    private static func stage(_ bytes: [UInt8], beside path: String) throws(InputError) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = ((directory.isEmpty ? "/" : directory + "/") + "." + name + ".tmp-XXXXXX").utf8CString
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw InputError("unwritable-output", "cannot write in the folder: \(FileInput.describe(errno))", at: .start(of: path))
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var failure = writeFully(fd, bytes)
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        fchmod(fd, 0o644)
        close(fd)
        if failure != 0 {
            unlink(temporary)
            throw InputError("unwritable-output", "cannot write the file: \(FileInput.describe(failure))", at: .start(of: path))
        }
        return temporary
    }

    /// Flushes each folder that received a rename, so the new names survive a crash.
    private static func syncFolders(of paths: [String]) {
        var done: Set<String> = []
        for path in paths {
            let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
            guard done.insert(directory).inserted else { continue }
            let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY)
            if fd >= 0 {
                fsync(fd)
                close(fd)
            }
        }
    }

    /// Writes every byte, retrying on interruption; returns 0 or the `errno` that stopped it.
    private static func writeFully(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in systemWrite(fd, buffer.baseAddress! + written, buffer.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += result
        }
        return 0
    }

    /// Writes to a character device as it stands (`/dev/null`, `/dev/stdout`).
    static func writeThrough(_ bytes: [UInt8], to path: String) throws(InputError) {
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else {
            throw InputError("unwritable-output", "cannot write to the device: \(FileInput.describe(errno))", at: .start(of: path))
        }
        defer { close(fd) }
        let failure = writeFully(fd, bytes)
        if failure != 0 {
            throw InputError("unwritable-output", "cannot write to the device: \(FileInput.describe(failure))", at: .start(of: path))
        }
    }

    private static func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(fd, buffer, count)
        #else
            Darwin.write(fd, buffer, count)
        #endif
    }
}
