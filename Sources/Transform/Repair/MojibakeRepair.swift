import TextTools

/// Mojibake repair for one segment (a title or a paragraph): text that went through the wrong
/// decoder comes back. Latin-script mojibake first (`LatinMojibake`: UTF-8 read as windows-1252 and
/// its kin), then Chinese (`ChineseMojibake`: UTF-8 read as GBK or Big5, Big5 and GBK confused,
/// GBK read one byte off). Text that is not mojibake comes out unchanged.
public enum MojibakeRepair {
    public struct Outcome: Equatable, Sendable {
        public var text: String
        /// Something was repaired (`mojibake_repaired`).
        public var repaired: Bool
        /// Some characters could not be recovered and are now U+FFFD (`mojibake_unrepaired`).
        public var unrepaired: Bool
    }

    public static func repair(_ segment: String) -> Outcome {
        var outcome = Outcome(text: segment, repaired: false, unrepaired: false)
        guard segment.utf8.contains(where: { $0 >= 0x80 }) else { return outcome }
        var scalars = segment.scalarArray
        if let latin = LatinMojibake.repair(scalars) {
            scalars = latin.scalars
            outcome.repaired = true
            outcome.unrepaired = latin.lost
        }
        if let chinese = ChineseMojibake.repair(scalars) {
            scalars = chinese.scalars
            outcome.repaired = true
            outcome.unrepaired = outcome.unrepaired || chinese.lost
        }
        if outcome.repaired {
            outcome.text = String(scalars: scalars)
        }
        return outcome
    }
}
