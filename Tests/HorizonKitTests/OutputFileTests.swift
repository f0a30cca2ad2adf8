import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

#if canImport(Glibc)
    import Glibc
#endif

/// An output never replaces something that is not a regular file (issue #12, class 4): a
/// character device is written through and stays a device, a FIFO or a folder is refused at
/// once (never opened, so never waited on).
@Suite("Outputs that are not regular files")
struct OutputFileTests {
    static func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test func aCharacterDeviceIsWrittenThroughAndStaysADevice() throws {
        try withTemporaryDirectory { folder in
            // A null device of the test's own (major 1, minor 3, as /dev/null), so that a fault
            // could never replace the machine's /dev/null. Making it needs root, as CI and this
            // project's machines run.
            let path = folder.appendingPathComponent("null").path
            let made = mknod(path, S_IFCHR | 0o666, dev_t((1 << 8) | 3))  // makedev(1, 3)
            try #require(made == 0, "mknod needs root: \(String(cString: strerror(errno)))")
            try FileOutput.write("a schedule\n", to: path)
            #expect(Self.kind(path) == S_IFCHR, "the device was replaced by a file")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "null" }
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
    }

    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("fifo").path
            try #require(mkfifo(path, 0o644) == 0)
            let started = ContinuousClock.now
            #expect(throws: InputError.self) { try FileOutput.write("x", to: path) }
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(Self.kind(path) == S_IFIFO)
        }
    }

    @Test func aFolderIsRefused() throws {
        try withTemporaryDirectory { folder in
            do {
                try FileOutput.write("x", to: folder.path)
                Issue.record("writing over a folder was not refused")
            } catch let error as InputError {
                #expect(error.finding.code == "unwritable-output" && error.finding.message.contains("folder"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func aRegularFileIsReplacedWhole() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("out.txt").path
            try FileOutput.write("first", to: path)
            try FileOutput.write("second", to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
            #expect(Self.kind(path) == S_IFREG)
        }
    }

    /// `generate` writes all or nothing: a file that cannot be staged (here, its folder is
    /// missing) leaves every other destination as it was, and no temporary behind.
    @Test func aSetIsWrittenAllOrNothing() throws {
        try withTemporaryDirectory { folder in
            let kept = folder.appendingPathComponent("a.txt").path
            try FileOutput.write("old a", to: kept)
            let fresh = folder.appendingPathComponent("b.txt").path
            let impossible = folder.appendingPathComponent("missing/c.txt").path
            #expect(throws: InputError.self) {
                try FileOutput.writeAll([(kept, Array("new a".utf8)), (fresh, Array("b".utf8)), (impossible, Array("c".utf8))])
            }
            #expect(try String(contentsOfFile: kept, encoding: .utf8) == "old a")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.txt"])
            // The same set without the impossible file is written whole.
            try FileOutput.writeAll([(kept, Array("new a".utf8)), (fresh, Array("b".utf8))])
            #expect(try String(contentsOfFile: kept, encoding: .utf8) == "new a")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.txt", "b.txt"])
        }
    }

    /// A failure after some files were renamed into place puts back what each held: here the
    /// last destination is a device that cannot be opened for writing (a character device with
    /// no driver), so the failure comes after the renames.
    @Test func aFailureAfterTheRenamesPutsBackTheOldFiles() throws {
        try withTemporaryDirectory { folder in
            let kept = folder.appendingPathComponent("a.txt").path
            try FileOutput.write("old a", to: kept)
            let fresh = folder.appendingPathComponent("b.txt").path
            let device = folder.appendingPathComponent("nodriver").path
            let made = mknod(device, S_IFCHR | 0o666, dev_t((250 << 8) | 250))
            try #require(made == 0, "mknod needs root: \(String(cString: strerror(errno)))")
            #expect(throws: InputError.self) {
                try FileOutput.writeAll([(kept, Array("new a".utf8)), (fresh, Array("b".utf8)), (device, Array("c".utf8))])
            }
            #expect(try String(contentsOfFile: kept, encoding: .utf8) == "old a")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.txt", "nodriver"])
        }
    }
}
