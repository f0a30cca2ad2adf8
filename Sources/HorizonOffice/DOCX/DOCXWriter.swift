package import HorizonKit
package import HorizonModel

/// The schedule as a Word document (`.docx`): the same document model the other renderers
/// walk, written as WordprocessingML parts and packed into a ZIP with fixed dates and a fixed
/// order of entries, so that the same inputs give the same bytes.
package enum DOCXWriter {
    /// Every part of the package, by its name in the ZIP, in the order written.
    ///
    /// - Parameters:
    ///   - document: The schedule.
    ///   - reference: The contract reference, for the header and the document properties.
    /// - Returns: Each part's name and XML.
    package static func parts(_ document: ScheduleDocument, reference: String) -> [(name: String, xml: String)] {
        [
            ("[Content_Types].xml", WordParts.contentTypes),
            ("_rels/.rels", WordParts.packageRelationships),
            ("docProps/core.xml", WordParts.coreProperties(title: document.title, reference: reference)),
            ("docProps/app.xml", WordParts.appProperties),
            ("word/document.xml", WordBody.render(document)),
            ("word/_rels/document.xml.rels", WordParts.documentRelationships),
            ("word/styles.xml", WordParts.styles),
            ("word/numbering.xml", WordParts.numbering),
            ("word/settings.xml", WordParts.settings),
            ("word/header1.xml", WordParts.header(reference: reference)),
            ("word/footer1.xml", WordParts.footer),
        ]
    }

    /// The `.docx` file's bytes.
    ///
    /// - Parameters:
    ///   - document: The schedule.
    ///   - reference: The contract reference.
    /// - Returns: The package.
    /// - Throws: `InputError` when the package cannot be assembled (it is built in memory).
    package static func render(_ document: ScheduleDocument, reference: String) throws(InputError) -> [UInt8] {
        try ZIPPackage.pack(parts(document, reference: reference).map { ($0.name, Array($0.xml.utf8)) })
    }
}
