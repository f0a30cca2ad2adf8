/// The parts every Office package Horizon writes shares: the XML declaration, and the document
/// properties (title, subject, creator Horizon; no creation or modification time, so the same
/// inputs give the same bytes).
enum OfficeParts {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static func coreProperties(title: String, subject: String) -> String {
        declaration
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:title>\(XMLText.escape(title))</dc:title><dc:subject>\(XMLText.escape(subject))</dc:subject>"
            + "<dc:creator>Horizon</dc:creator></cp:coreProperties>"
    }

    static let appProperties =
        declaration + """
            <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Horizon</Application></Properties>
            """
}
