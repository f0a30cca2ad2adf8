import Foundation

// Shared by the command-line suites: where the package and the built binary are.

/// The package root (the folder holding `Package.swift`).
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped clause library.
let shippedLibrary = packageRoot.appendingPathComponent("ClauseLibrary")

/// The built `horizon` executable: the first folder, walking up from the test bundle (or the
/// test runner), that holds an executable file named `horizon`.
let horizonBinary: URL? = {
    let manager = FileManager.default
    var starts = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
    if let executable = Bundle.main.executableURL { starts.append(executable.deletingLastPathComponent()) }
    for start in starts {
        var folder = start.standardizedFileURL
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("horizon")
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                manager.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
    }
    return nil
}()
