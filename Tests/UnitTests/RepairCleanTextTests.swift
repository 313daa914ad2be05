import Foundation
import Testing
@testable import Transform

/// Every repair over clean text: nothing may change, and nothing may be flagged.
@Suite("repairs leave clean text alone")
struct RepairCleanTextTests {
    static let chinese = [
        "报告显示，一季度人民币贷款增加9.5万亿元，同比多增1,200亿元。",
        "业内人士认为，“稳增长”仍是全年政策的主线；在此背景下，降准的可能性依然存在。",
        "犇犇说，他在书法展上看到了许多罕见的字，比如“齉”和“靐”，还有“龘”。",
        "據報道，臺北市政府今天宣布新的交通政策，公車票價將從下個月起調整。",
        "华为的“天才少年”计划面向全球招募人才（2024年起），由王(Wang)博士负责；麻省理工学院(MIT)也参与其中。",
        "東京の会社と香港的公司也參加了這次會議，會議討論了《人工智能(AI)治理框架》。",
        "他问：“你今天去哪儿了？”她回答：“去图书馆了！”",
        "GPT-4.5 的参数规模是多少？业内估计为1.8万亿。",
    ]
    static let english = [
        "The café association said on Tuesday that 80% of its members support the change.",
        "“It’s a sensible step — and long overdue,” said Anna Müller, who runs a café in Zürich.",
        "Prices (in CHF) will not rise: a coffee still costs 4.50, according to the São Paulo-born owner.",
        "Naïve readers may wonder why the Ångström-scale debate matters; AT&T and R&D budgets were not affected.",
        "NESTLÉ® and IKEA’s AHÅ™ sofa; 5×£35; (-1/2)! = √π; résumé, façade, Øresund, Ærø.",
        "Q&A: Is x<y>z a tag? No — and neither is a < b.",
    ]

    @Test(arguments: RepairCleanTextTests.chinese + RepairCleanTextTests.english)
    func everyRepairLeavesACleanParagraphAlone(paragraph: String) {
        #expect(MojibakeRepair.repair(paragraph).text == paragraph)
        #expect(Remnants.strip(paragraph).text == paragraph)
        #expect(RubyPinyin.strip(paragraph).text == paragraph)
        #expect(PunctuationWidth.apply(paragraph).text == paragraph)
        #expect(HardWraps.join([paragraph]).paragraphs == [paragraph])
        let repaired = TextRepair().repair(title: "标题 Title", body: paragraph)
        #expect(repaired.paragraphs == [paragraph])
        #expect(repaired.defects.isEmpty)
    }

    @Test func aWholeCleanArticleComesOutAsItWentIn() {
        let body = (Self.chinese + Self.english).joined(separator: "\n")
        let repaired = TextRepair().repair(title: "央行发布一季度报告", body: body)
        #expect(repaired.paragraphs == Self.chinese + Self.english)
        #expect(repaired.defects.isEmpty)
        #expect(repaired.sourceCode == nil)
    }

    @Test func repairIsDeterministicAcrossThreads() async {
        let seedLike = try? String(contentsOfFile: RepairGoldenTests.folder + "/seed-like.input.txt", encoding: .utf8)
        let text = seedLike ?? "你敢信?這竟然是真的!"
        let (title, body) = TextLayout.splitTitle(text)
        let expected = TextRepair().repair(title: title, body: body)
        let results = await withTaskGroup(of: TextRepair.Result.self) { group in
            for _ in 0..<8 { group.addTask { TextRepair().repair(title: title, body: body) } }
            var all: [TextRepair.Result] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
        #expect(expected.defects.contains("ruby_pinyin"))
    }
}
