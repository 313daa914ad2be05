import Foundation
import Testing
@testable import Transform

@Suite("boilerplate rules")
struct RepairBoilerplateTests {
    static let body = ["据统计，上月销量同比增长三成。", "分析人士认为，充电设施是重要原因。"]

    @Test func theDefaultRulesLoadFromTheConfigFile() throws {
        #expect(BoilerplateRules.defaultLoadError == nil)
        let path = BoilerplateRules.defaultPath()
        #expect(path.hasSuffix("config/boilerplate.json"))
        let rules = try BoilerplateRules.load(path: path)
        #expect(rules.rules.count == BoilerplateRules.default.rules.count)
        #expect(rules.rules.contains { $0.source == "netease-hao" })
    }

    @Test(arguments: [
        "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。",
        "特別聲明：以上內容（如有圖片或視頻亦包括在內）為自媒體平臺“網易號”用戶上傳並發布，本平臺僅提供信息存儲服務。",
        "Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of NetEase Hao, which is a social media platform and only provides information storage services.",
    ])
    func theNeteaseDisclaimerGoesAndProvesTheSource(disclaimer: String) {
        let outcome = BoilerplateRules.default.apply(Self.body + [disclaimer])
        #expect(outcome.paragraphs.filter { !$0.isEmpty } == Self.body)
        #expect(outcome.source == "netease-hao")
    }

    @Test func theDisclaimerInTheMiddleOfALongArticleIsNotBoilerplate() {
        let disclaimer = "特别声明：以上内容为自媒体平台“网易号”用户上传并发布。"
        let paragraphs = [disclaimer] + Array(repeating: "正文段落。", count: 8)
        let outcome = BoilerplateRules.default.apply(paragraphs)
        #expect(outcome.paragraphs == paragraphs)
        #expect(outcome.source == nil)
    }

    @Test func sohusBackLinkCutsTheRestAndTheEditorGoesToMetadata() {
        let outcome = BoilerplateRules.default.apply(Self.body + ["（责任编辑：李明）", "返回搜狐，查看更多", "推荐阅读：另一篇文章"])
        #expect(outcome.paragraphs.filter { !$0.isEmpty } == Self.body)
        #expect(outcome.source == "sohu")
        #expect(outcome.metadata["editor"] == "李明")
    }

    @Test func originalTitleAndSourceCreditGoToMetadata() {
        let outcome = BoilerplateRules.default.apply(["原标题：春季招聘会今日举行", "本次招聘会共有三百家企业参加。（来源：本地日报）"] + Self.body)
        #expect(outcome.paragraphs.filter { !$0.isEmpty } == ["本次招聘会共有三百家企业参加。"] + Self.body)
        #expect(outcome.metadata == ["originalTitle": "春季招聘会今日举行", "credit": "本地日报"])
        #expect(outcome.source == nil)
    }

    @Test(arguments: ["点击上方蓝字关注我们", "▲点击上方“城市周末”关注我们", "戳蓝字关注"])
    func wechatFollowPromptsGo(prompt: String) {
        let outcome = BoilerplateRules.default.apply([prompt] + Self.body + ["长按识别二维码，关注我们", "分享、点赞、在看"])
        #expect(outcome.paragraphs.filter { !$0.isEmpty } == Self.body)
    }

    @Test func aRemovedLineLeavesABlankSoTheTextAroundItIsNotJoined() {
        let outcome = BoilerplateRules.default.apply(["第一行", "原标题：某某", "第二行"])
        #expect(outcome.paragraphs == ["第一行", "", "第二行"])
    }

    @Test func ordinaryTextIsNotBoilerplate() {
        let paragraphs = ["他点击上方的按钮，屏幕上出现了一行蓝字，写着欢迎关注我们的新产品，然后又过了很久才消失。",
                          "责任编辑这个职位在报社里很重要。", "The notice above the door was old."]
        #expect(BoilerplateRules.default.apply(paragraphs).paragraphs == paragraphs)
    }

    @Test func explicitRulesCanBeGiven() throws {
        let rules = try BoilerplateRules.parse(Data("""
            {"rules": [{"name": "footer", "contains": "All rights reserved", "where": "last:1", "remove": "paragraph", "source": "example"}]}
            """.utf8))
        let outcome = rules.apply(["Text.", "© 2025 Example. All rights reserved."])
        #expect(outcome.paragraphs == ["Text.", ""])
        #expect(outcome.source == "example")
        let repaired = TextRepair(boilerplate: rules).repair(title: "T", body: "Text.\n© 2025 Example. All rights reserved.")
        #expect(repaired.paragraphs == ["Text."])
        #expect(repaired.sourceCode == "example")
        #expect(repaired.defects.contains("boilerplate"))
    }

    @Test(arguments: [
        #"{"rules": [{"name": "x", "pattern": "("}]}"#,
        #"{"rules": [{"name": "x"}]}"#,
        #"{"rules": [{"name": "x", "contains": "a", "pattern": "a"}]}"#,
        #"{"rules": [{"name": "x", "contains": "a", "where": "middle"}]}"#,
        #"{"rules": [{"name": "x", "contains": "a", "remove": "all"}]}"#,
        #"{"rules": [{"name": "x", "contains": "a", "colour": "red"}]}"#,
        #"{"rules": [{"name": "x", "contains": "a", "metadata": "editor"}]}"#,
        #"{"rules": {}}"#,
        #"not json"#,
    ])
    func badRuleFilesAreErrorsThatSayWhy(json: String) {
        #expect(throws: BoilerplateRules.LoadError.self) { try BoilerplateRules.parse(Data(json.utf8)) }
    }

    // MARK: - Needles: the pre-check that spares most paragraphs the OpenCC fold

    static func needles(_ pattern: String) throws -> String {
        String(String.UnicodeScalarView(BoilerplateRules.Rule.needles(of: try NSRegularExpression(pattern: pattern))))
    }

    @Test func needlesAreTheASCIIPunctuationAndDigitsEveryMatchHas() throws {
        #expect(try Self.needles(#"^[(]?\s*原标题\s*[:]\s*(.+?)\s*[)]?$"#) == ":")
        #expect(try Self.needles(#"[(]\s*来源\s*[:]\s*([^()]{1,30}?)\s*[)]"#) == "(:)")
        #expect(try Self.needles(#"\d+-\(x\)?,{1,2};{0,2}\p{L}#"#) == "-(,#")
        #expect(try Self.needles(NSRegularExpression.escapedPattern(for: "© 2025. All rights reserved.")) == "205.")
        // Nothing is promised by alternatives, optional atoms, classes of more than one, groups, options.
        for pattern in [#"a:|b:"#, #"(?i)x:"#, #"x[:;]"#, #"[^:]"#, #":?"#, #":*"#, #":{0,2}"#, #"(:)"#, #"\Qa:\E"#,
                        #"x\x3A"#, #"x\uFF1A1"#, #"\012"#, #"\N{COLON}"#, #"[[:space:]]x"#, #"[a-z&&[^x]]:"#,
                        #"(?<n>a)\k<n>"#] {
            #expect(try Self.needles(pattern) == "", "\(pattern)")
        }
        let commented = try NSRegularExpression(pattern: "x # :", options: [.caseInsensitive, .allowCommentsAndWhitespace])
        #expect(BoilerplateRules.Rule.needles(of: commented).isEmpty)
    }

    @Test func fullWidthFormsCountAsTheirASCIITwins() {
        let present = BoilerplateRules.asciiPresent("原標題：春季（三）")
        let rule = BoilerplateRules.default.rules.first { $0.name == "source-credit" }!
        #expect(rule.mayMatch(present: present))
        #expect(!rule.mayMatch(present: BoilerplateRules.asciiPresent("來源：新華社")))
    }

    /// The pre-check only spares work: with every needle taken away, the rules do the same.
    @Test func theDefaultRulesDoTheSameWithoutTheirNeedles() {
        var bare = BoilerplateRules.default
        #expect(bare.rules.contains { !$0.needles.isEmpty })
        for index in bare.rules.indices { bare.rules[index].needles = [] }
        let bodies: [[String]] = [
            ["原標題：春季招聘會今日舉行", "本次招聘會共有三百家企業參加。（來源：本地日報）", "（責任編輯：李明）"],
            ["（原标题：某某）", "正文", "返回搜狐，查看更多", "尾巴"],
            ["原標題 春季招聘會", "特別聲明：以上內容為自媒體平臺“網易號”用戶上傳並發布。", "Notice: The content above is by NetEase Hao."],
            ["點擊上方藍字關注我們", "內文：說明（一）", "長按識別二維碼，關注我們", "（來源 新華社）", "責任編輯：王五"],
        ]
        for body in bodies {
            #expect(BoilerplateRules.default.apply(body) == bare.apply(body))
            #expect(!BoilerplateRules.default.apply(body).matched.isEmpty)
        }
    }
}
