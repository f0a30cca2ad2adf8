import Foundation
import Testing

@testable import HorizonKit
@testable import HorizonModel

/// The YAML reader has one libyaml event walker and two builders: the tree (`YAMLReader.parse`,
/// for libraries and contracts, flattened by `DocumentFlattener` for JSON) and the document
/// read straight from events (`parseSupplierDocument`, the checker's hot path). Over every
/// YAML file the tests hold, both give the same document — the same fields, values, positions
/// and kind — or both refuse the file. The fuzz harness (`Scripts/fuzz yaml`) requires the same
/// of arbitrary bytes.
@Suite("YAML readers agree")
struct ReaderParityTests {
    static let files: [URL] = {
        let root = Fixtures.packageRoot
        let folders = [
            "Tests/HorizonKitTests/Fixtures/check", "Tests/HorizonKitTests/Fixtures/hostile", "Contracts/returns", "Contracts/bids",
            "Tests/Fuzz/regressions", "Tests/Fuzz/seeds",
        ]
        var found: [URL] = []
        for folder in folders {
            let url = root.appendingPathComponent(folder)
            guard let items = FileManager.default.enumerator(atPath: url.path) else { continue }
            for case let path as String in items where path.hasSuffix(".yaml") || !path.contains(".") {
                var isFolder: ObjCBool = false
                let file = url.appendingPathComponent(path)
                if FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), !isFolder.boolValue { found.append(file) }
            }
        }
        return found.sorted { $0.path < $1.path }
    }()

    @Test("there are files to compare")
    func filesFound() { #expect(Self.files.count > 150, "\(Self.files.count)") }

    @Test("the straight reader and the flattened tree give one document, or both refuse")
    func sameDocument() throws {
        var documents = 0
        for url in Self.files {
            let bytes = try [UInt8](Data(contentsOf: url))
            let name = url.lastPathComponent
            let direct = Result { () throws(InputError) in
                try YAMLReader.parseSupplierDocument(bytes, file: name, limits: .standard, sha256: "")
            }
            let viaTree = Result { () throws(InputError) in
                try DocumentFlattener.flatten(try YAMLReader.parse(bytes, file: name), file: name, sha256: "")
            }
            switch (direct, viaTree) {
            case (.success(let a), .success(let b)):
                documents += 1
                #expect(a.kind == b.kind && a.contents == b.contents && a.listTexts == b.listTexts, "\(url.path): the readers disagree")
            case (.failure, .failure):
                continue
            default:
                Issue.record("\(url.path): one reader accepts what the other refuses: \(direct) / \(viaTree)")
            }
        }
        #expect(documents > 100, "only \(documents) documents were read")
    }
}
