/// A page of article text under `head`, long enough to be taken for an article.
public func page(head: String, paragraph: String = "The river rose through the night") -> String {
    let paragraphs = (1...4).map { "<p>\(paragraph), paragraph \($0), and the people of the town moved what they could to higher ground before the water reached the square.</p>" }
    return "<!DOCTYPE html>\n<html lang=\"en\"><head>\(head)</head>\n<body><article><h1>River rises</h1>\(paragraphs.joined())</article></body></html>\n"
}
