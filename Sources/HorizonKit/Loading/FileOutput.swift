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
    /// - Throws: `InputError` when the temporary file cannot be written or renamed; the
    ///   destination is then untouched.
    package static func write(_ text: String, to path: String) throws(InputError) {
        // An output never replaces what is not a regular file: a character device such as
        // /dev/null is written through (renaming over it would put a file in its place), and a
        // FIFO, socket, block device or folder is refused rather than opened.
        var info = stat()
        if lstat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG, S_IFLNK: break
            case S_IFCHR:
                try writeThrough(text, to: path)
                return
            case S_IFDIR:
                throw InputError("unwritable-output", "the output path is a folder; give a file path", at: .start(of: path))
            default:
                throw InputError(
                    "unwritable-output", "the output path is not a regular file (a FIFO, socket or device); give a file path",
                    at: .start(of: path))
            }
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = ((directory.isEmpty ? "/" : directory + "/") + "." + name + ".tmp-XXXXXX").utf8CString
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw InputError("unwritable-output", "cannot write in the folder: \(FileInput.describe(errno))", at: .start(of: path))
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var failure: Int32 = 0
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                systemWrite(fd, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            written += result
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        fchmod(fd, 0o644)
        close(fd)
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw InputError("unwritable-output", "cannot write the file: \(FileInput.describe(failure))", at: .start(of: path))
        }
    }

    /// Writes to a character device as it stands (`/dev/null`, `/dev/stdout`).
    static func writeThrough(_ text: String, to path: String) throws(InputError) {
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else {
            throw InputError("unwritable-output", "cannot write to the device: \(FileInput.describe(errno))", at: .start(of: path))
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in systemWrite(fd, buffer.baseAddress! + written, buffer.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                throw InputError("unwritable-output", "cannot write to the device: \(FileInput.describe(errno))", at: .start(of: path))
            }
            written += result
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
