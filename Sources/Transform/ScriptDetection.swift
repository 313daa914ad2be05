/// Language and script of a text from the letters it holds.
public enum ScriptDetection {
    public struct Result: Equatable, Sendable {
        public var lang: String
        public var script: String?
    }

    /// `zh`/`Hani` when Han characters make up at least a fifth of the letters, `en`/`Latn` when
    /// Latin letters dominate, `und` otherwise. (Telling Simplified from Traditional needs OpenCC.)
    public static func detect(_ text: String) -> Result {
        var han = 0, latin = 0, other = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0xF900...0xFAFF: han += 1
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            default:
                if scalar.properties.isAlphabetic { other += 1 }
            }
        }
        let letters = han + latin + other
        guard letters > 0 else { return Result(lang: "und", script: nil) }
        if han * 5 >= letters { return Result(lang: "zh", script: "Hani") }
        if latin * 2 > letters { return Result(lang: "en", script: "Latn") }
        return Result(lang: "und", script: nil)
    }
}
