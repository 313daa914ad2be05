import Foundation
import Records
import Testing
@testable import Transform

/// The figure grammar against `Golden/figures/cases.tsv`: an input, and the figures it must give
/// (or `NONE`), written `kind value unit [raw]`.
@Suite("figure grammar")
struct FigureGrammarTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var line: Int
        var input: String
        var expected: String
        var testDescription: String { "line \(line): \(input)" }
    }

    static let casesFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/figures/cases.tsv").path

    static var cases: [Case] {
        guard let text = try? String(contentsOfFile: casesFile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { number, line in
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else { return Case(line: number + 1, input: String(line), expected: "(malformed line)") }
            return Case(line: number + 1, input: String(fields[0]), expected: String(fields[1]))
        }
    }

    static func render(_ figures: [Figure]) -> String {
        guard !figures.isEmpty else { return "NONE" }
        return figures.map { figure in
            let value = figure.valueMax.map { "\(figure.value)..\($0)" } ?? figure.value
            return "\(figure.kind.rawValue) \(value) \(figure.unit ?? "-") [\(figure.raw)]"
        }.joined(separator: " ; ")
    }

    @Test func thereAreEnoughGoldenCasesWithNegatives() {
        let cases = Self.cases
        #expect(cases.count >= 40)
        #expect(cases.filter { $0.expected == "NONE" }.count >= 20)
    }

    @Test(arguments: FigureGrammarTests.cases)
    func matchesGolden(_ golden: Case) {
        let figures = FigureGrammar.figures(title: "", body: golden.input)
        #expect(Self.render(figures) == golden.expected, "cases.tsv line \(golden.line)")
        for figure in figures {
            // The position points at the raw text, counted in Unicode scalars as PostgreSQL counts characters.
            let scalars = Array(golden.input.unicodeScalars)
            let rawCount = figure.raw.unicodeScalars.count
            guard let position = figure.position, position + rawCount <= scalars.count else {
                Issue.record("line \(golden.line): no position for \(figure.raw)")
                continue
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[position..<(position + rawCount)])
            #expect(String(view) == figure.raw)
        }
    }

    @Test func titleFiguresComeFirstWithoutPosition() {
        let figures = FigureGrammar.figures(title: "Meta斥资148亿美元", body: "占比49%，另有0.3%")
        #expect(figures.map(\.raw) == ["148亿美元", "49%", "0.3%"])
        #expect(figures.map(\.position) == [nil, 2, 8])
    }

    @Test func positionsCountScalarsNotGraphemesOrUTF16() {
        // 𠀀 is one scalar but two UTF-16 units; é written as e + U+0301 is one grapheme but two scalars.
        let figures = FigureGrammar.figures(title: "", body: "𠀀e\u{301}增长5%")
        #expect(figures.first?.position == 5)
    }

    @Test func valuesAreExactDecimals() {
        #expect(ExactDecimal(integer: "1", fraction: "8")!.shifted(by: 12).description == "1800000000000")
        #expect(ExactDecimal(integer: "14", fraction: "3")!.shifted(by: 9).description == "14300000000")
        #expect(ExactDecimal(integer: "5")!.shifted(by: -2).description == "0.05")
        #expect(ExactDecimal(integer: "0", fraction: "30")!.description == "0.3")
        #expect(ExactDecimal(integer: "007")!.description == "7")
        #expect(ExactDecimal(integer: "0")!.description == "0")
        #expect(ExactDecimal(integer: "1", fraction: "5")! < ExactDecimal(integer: "2")!)
        #expect(!(ExactDecimal(integer: "10")! < ExactDecimal(integer: "9", fraction: "99")!))
        #expect(ExactDecimal(integer: "1a") == nil)
    }

    @Test(arguments: [
        ("三千五百万", "35000000"), ("一亿三千万", "130000000"), ("一百零五", "105"), ("一万五", "15000"),
        ("两百五", "250"), ("十五", "15"), ("二十", "20"), ("十万", "100000"), ("百万", "1000000"), ("万", "10000"),
        ("一万亿", "1000000000000"), ("三十五点五", "35.5"), ("一点八万亿", "1800000000000"), ("零点五", "0.5"),
    ])
    func chineseNumerals(text: String, value: String) {
        let scalars = text.unicodeScalars.map { FigureText.fold($0.value) }
        let numeral = ChineseNumbers.numeral(scalars, at: 0)
        #expect(numeral?.value.description == value)
        #expect(numeral?.end == scalars.count)
    }

    @Test(arguments: ["二〇二四", "一二三"])
    func runsThatAreNotOneNumber(text: String) {
        #expect(ChineseNumbers.numeral(text.unicodeScalars.map(\.value), at: 0) == nil)
    }

    @Test func hugeNumbersStayExact() {
        let figures = FigureGrammar.figures(title: "", body: "规模达123456789012345678901234567890亿美元")
        #expect(figures.first?.value == "12345678901234567890123456789000000000")
    }

    @Test func sameInputSameFigures() {
        let body = String(repeating: "以148亿美元收购49%的股份，是同类职位的3-5倍。2024年发布GPT-4.5。", count: 50)
        let first = FigureGrammar.figures(title: "标题", body: body)
        #expect(first.count == 150)
        #expect(FigureGrammar.figures(title: "标题", body: body) == first)
    }
}
