import CLibXML2

/// A page parsed by libxml2's HTML parser (the parser lxml and trafilatura use), read-only; `PageTree`
/// walks it.
/// The text given is already decoded: the parser is told UTF-8, so a `<meta charset>` that lies
/// cannot make it decode the page again.
public final class HTMLDocument {
    let document: htmlDocPtr

    /// `dropScriptBodies`: parse without the contents of script and style elements (JSON-LD kept),
    /// which are no page text (`ScriptBodies`); tests compare with the whole page.
    public init?(html: String, dropScriptBodies: Bool = true) {
        var bytes = dropScriptBodies ? ScriptBodies.dropped(from: Array(html.utf8)) : Array(html.utf8)
        guard !bytes.isEmpty else { return nil }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)
        let parsed = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
            }
        }
        guard let parsed else { return nil }
        document = parsed
    }

    deinit {
        xmlFreeDoc(document)
    }
}

