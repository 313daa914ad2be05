import Testing
@testable import Transform

@Suite("layout: hard wraps and punctuation width")
struct RepairLayoutTests {
    @Test func chineseLinesBrokenMidSentenceAreJoined() {
        let outcome = HardWraps.join(["科研環境的差異也是重要因素。在美國，科研機構和企業允許", "科學家長期專注于研究。"])
        #expect(outcome == HardWraps.Outcome(paragraphs: ["科研環境的差異也是重要因素。在美國，科研機構和企業允許科學家長期專注于研究。"], joins: 1))
    }

    @Test(arguments: [
        (["施工期间，部分公交线路将临时改道，市民可以通过官方应用查询，", "也可以拨打服务热线咨询。"], "施工期间，部分公交线路将临时改道，市民可以通过官方应用查询，也可以拨打服务热线咨询。"),
        (["改造工程预计明年春天开始，整个工期约为", "两年。"], "改造工程预计明年春天开始，整个工期约为两年。"),
        (["科学家们自20世纪90年代起就知道这些口哨，但这是他们第", "一次发现母海豚会这样做。"], "科学家们自20世纪90年代起就知道这些口哨，但这是他们第一次发现母海豚会这样做。"),
    ])
    func aLineEndingWithACommaOrAWordThatCannotEndASentenceIsJoined(lines: [String], joined: String) {
        #expect(HardWraps.join(lines).paragraphs == [joined])
    }

    @Test func englishLinesBrokenMidSentenceAreJoinedWithASpace() {
        let outcome = HardWraps.join(["The council said the renovation would begin next spring and", "take two years; a well-", "known firm will build it."])
        #expect(outcome.paragraphs == ["The council said the renovation would begin next spring and take two years; a well-known firm will build it."])
        #expect(outcome.joins == 2)
    }

    @Test(arguments: [
        ["第一段到此结束。", "第二段另起一行。"],
        ["改造期间的交通安排", "施工期间，部分公交线路将临时改道。"],
        ["根据计划，老城区将新增三处公园，包括", "", "另一段。"],
        ["市政府公布了三项措施，分别是：", "一、增加公交线路"],
        ["根据计划，老城区将新增三处公园和", "1. 第一项"],
        ["The renovation will take two years.", "the next line starts small but follows a full stop."],
        ["Short heading", "continues in lower case"],
        ["A Title In Capitals For The Story", "Body starts here."],
        ["公司有关人士表示，转让资产是为了补充现金流，加快脱困转型的速度", "处境艰难的集团，为了脱困再出新招。"],
        ["巨型蛋糕见证品牌八十五周年，业内人士云集祝贺", "展厅当天的首个活动是品牌的周年庆。"],
        ["克罗地亚购买的二手战斗机，图中的战斗机携带了空空导弹", "乌克兰方面声称，这些飞机经过了改装。"],
        ["事故发生后，相关部门立即展开调查。资料图片 本报记者 王某 摄", "昨日，记者再次来到现场。"],
        ["“打赢如今的战争靠的不是最好的武器，而是最好的叙述方式。”——美国白宫前顾问某某某", "近日有媒体报道称，马来西亚指责中方船只。"],
        ["他在采访中说，他并不担心这件事情。图／翻摄自社交媒体上的视频截图", "台湾媒体报道，这位女演员在推特上发言。"],
        ["据报道，事故发生在昨天下午，现场有大量群众围观，交通一度中断", "图为事故现场。"],
        ["（1）在指定号段注册的会员，在活动期间完成绑定并入金交易；", "（2）活动期间产生的手续费不少于1元。"],
        ["困难一：不愿继续加仓，但又有着必须往里买的任务；", "困难二：卖的时候不能让市场发现。"],
        ["附件1银行业金融机构严重违规行为", "附件2非银行支付机构严重违法违规行为"],
    ])
    func linesThatEndWhereAParagraphMayEndStay(lines: [String]) {
        #expect(HardWraps.join(lines).joins == 0)
    }

    @Test(arguments: [
        ("你敢信?這竟然是真的!", "你敢信？這竟然是真的！"),
        ("當時,deepseek模型橫空出世", "當時，deepseek模型橫空出世"),
        ("壓低至0.3%,這一水平", "壓低至0.3%，這一水平"),
        ("他表示:这是好事;但还不够", "他表示：这是好事；但还不够"),
        ("你好 , 世界", "你好，世界"),
        ("OpenAI,谷歌和微软", "OpenAI，谷歌和微软"),
        ("“青云计划”,在2025年", "“青云计划”，在2025年"),
        ("维修由市交通局负责.", "维修由市交通局负责。"),
        ("形成\"中西結合\"的體系", "形成“中西結合”的體系"),
    ])
    func punctuationInChineseBecomesFullWidth(text: String, expected: String) {
        #expect(PunctuationWidth.apply(text).text == expected)
    }

    @Test(arguments: [
        "The bridge, built in 1924, is long: repairs start soon; any questions?",
        "全长1,200米，早上7:30开始", "官网 https://example.org/a?id=12 上", "人口为3.5亿。", "GPT - 4.5 和 GPT-4",
        "他说\"AI\"很重要", "Meta, Google 和 OpenAI", "对中国 AI 人才", "他说……", "等等...",
        "资料图片 新京报记者 王嘉宁 摄", "截至北京时间19：:4", "编辑莱昂内尔.巴贝尔说", "中新网郑州3月30日电 从河南老家到郑州",
    ])
    func punctuationThatBelongsStays(text: String) {
        let outcome = PunctuationWidth.apply(text)
        #expect(outcome.text == text)
        #expect(!outcome.widened)
    }
}
