package import HorizonModel

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Reading input files: size checked before a byte is read, and every failure a located
/// `InputError` rather than a crash.
package enum FileInput {
    /// Reads a whole file.
    ///
    /// - Parameters:
    ///   - path: The path as the user gave it (also used in locations).
    ///   - limits: The size limit.
    /// - Returns: The file's bytes.
    /// - Throws: `InputError` when the file is missing, a directory, unreadable or too large.
    package static func read(_ path: String, limits: ReadLimits = .standard) throws(InputError) -> [UInt8] {
        let here = SourceLocation.start(of: path)
        // O_NONBLOCK: opening a FIFO must not wait for a writer; anything but a regular file is
        // then refused below.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            throw InputError("unreadable-file", "cannot read the file: \(describe(errno))", at: here)
        }
        defer { close(fd) }
        return try read(descriptor: fd, path: path, limits: limits)
    }

    /// Reads a whole file already opened (the caller closes it).
    ///
    /// - Parameters:
    ///   - fd: The open file.
    ///   - path: Its name, for locations.
    ///   - limits: The size limit.
    /// - Returns: The file's bytes.
    /// - Throws: `InputError` when it is a directory, not a regular file, unreadable or too large.
    package static func read(descriptor fd: Int32, path: String, limits: ReadLimits = .standard) throws(InputError) -> [UInt8] {
        let here = SourceLocation.start(of: path)
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw InputError("unreadable-file", "cannot read the file: \(describe(errno))", at: here)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw InputError("unreadable-file", "this is a folder, not a file", at: here)
        }
        if (info.st_mode & S_IFMT) != S_IFREG {
            throw InputError("unreadable-file", "this is not a regular file (a pipe, device or socket)", at: here)
        }
        let size = Int(info.st_size)
        try TextChecks.checkSize(size, file: path, limits: limits)
        // Read up to one byte past the limit, in case the file grew or is not a regular file.
        let cap = limits.maxBytes == Int.max ? Int.max : limits.maxBytes + 1
        var bytes = [UInt8](repeating: 0, count: min(max(size, 4096), cap))
        var count = 0
        while true {
            if count == bytes.count {
                if bytes.count >= cap { break }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: min(bytes.count, cap - bytes.count)))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw InputError("unreadable-file", "cannot read the file: \(describe(errno))", at: here)
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        try TextChecks.checkSize(bytes.count, file: path, limits: limits)
        return bytes
    }

    /// Whether anything is at a path (a link is looked through).
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether a path names a regular file that holds something (links followed).
    package static func isNonEmptyRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0
    }

    /// Whether a path names a directory.
    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The `.yaml` files below a directory, as paths joined to `directory`, sorted.
    ///
    /// - Parameter directory: The folder to search.
    /// - Returns: The paths, sorted so that loading order never depends on the file system.
    package static func yamlFiles(under directory: String) -> [String] {
        var result: [String] = []
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        for name in names.sorted() {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFLNK && isDirectory(path) {
                continue  // a linked folder is not followed: it could loop, or lead outside the library
            }
            if isDirectory(path) {
                result.append(contentsOf: yamlFiles(under: path))
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                result.append(path)
            }
        }
        return result
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, buffer, count)
        #else
            Darwin.read(fd, buffer, count)
        #endif
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES: "permission denied"
        case EISDIR: "this is a folder, not a file"
        default: String(cString: strerror(code))
        }
    }
}
