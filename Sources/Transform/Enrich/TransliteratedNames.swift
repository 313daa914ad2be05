/// Foreign person names written in Chinese transliteration with a middle dot between their parts
/// (亚历山大·王, 马克·陈, 萨姆·奥尔特曼), found without a list: each part is a run of the
/// characters Xinhua's transliteration tables use, and the last part may instead be one common
/// Chinese surname (the family name of a Chinese-American: 王, 陈). Reported as `person`
/// candidates; names in the curated list are matched there first.
///
/// Works on search-form scalars in which every name separator is already `·` (see
/// `EntityMatcher.prepare`).
enum TransliteratedNames {
    static let separator: UInt32 = 0xB7

    /// Characters of Chinese transliterations of foreign names.
    static let characters: Set<UInt32> = scalars("""
        阿埃艾爱安昂奥巴拜班邦保鲍贝比彼毕宾波伯勃博布查柴彻茨达戴丹道德登迪蒂丁东杜敦顿多厄恩尔法凡范菲费芬冯\
        弗伏福盖甘冈戈哥格根贡古圭哈海汉豪赫亨胡华怀惠霍基吉加嘉贾杰金卡凯坎康考柯科克肯库夸奎昆拉莱赖兰朗劳勒\
        雷蕾黎里理利莉丽历列林琳隆卢鲁路露伦罗洛吕马玛迈麦曼梅蒙米密明莫默姆穆纳娜奈南内尼妮涅纽努诺欧帕潘庞佩\
        彭皮珀普奇齐乔切钦琴琼丘瑞萨塞赛桑瑟森沙莎山尚绍舍什施史舒斯松苏索塔泰坦汤唐特滕廷图托瓦万旺威韦维温文\
        翁沃乌伍西希锡夏谢辛欣休修雅亚扬耶伊依因英尤约泽扎詹珍朱祖兹佐茜芭芙丝黛娅薇翠珊莲夫翰逊娃大哲罕肖朔\
        缇萝汀琪碧弥缪
        """)

    /// Common Chinese surnames that may stand alone as the last part (亚历山大·王).
    static let surnames: Set<UInt32> = scalars("""
        王陈李张刘杨黄赵吴周徐孙朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜\
        崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵钱严武戴莫孔汤常温康施牛樊葛邢齐\
        易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿焦俞柳祝包宁舒阮柯纪梅童凌毕裴霍涂苗谷盛翁骆蓝辛靳柴鲍喻蒲滕饶艾尤\
        穆卓缪简窦岑费冷晏卫柏瞿佟闵邬卞姬栾隋刁荣巫寇桑甄虞敖巩佘邝
        """)

    /// Words ending in a transliteration character that come before a name and are not part of it
    /// (总理, 经理, 丈夫).
    static let wordsBefore: [[UInt32]] = ["总理", "经理", "助理", "代理", "协理", "管理", "处理", "治理", "丈夫", "姐夫", "妹夫", "老大"]
        .map { Array($0.unicodeScalars.map(\.value)) }

    /// Pairs (last character of a name, next character) that are a word after the name, not part
    /// of it: 马斯克特别…, 奥尔特曼加入…, 库克希望….
    static let wordsAfter: Set<UInt64> = Set([
        "特别", "特意", "特地", "加入", "加盟", "加大", "加强", "达成", "达到", "多次", "多年", "多家", "明确", "明年",
        "明天", "安排", "利用", "因为", "因此", "希望", "坦言", "坦承", "都是", "也是",
    ].map { word -> UInt64 in
        let scalars = Array(word.unicodeScalars.map(\.value))
        return UInt64(scalars[0]) << 32 | UInt64(scalars[1])
    })

    static let longestPart = 7
    static let mostParts = 4

    /// Each occurrence of a transliterated name in `text`, skipping scalars already `covered` by
    /// a curated alias.
    static func find(in text: [UInt32], covered: [Bool]) -> [String] {
        var names: [String] = []
        var index = 0
        while index < text.count {
            guard text[index] == separator, !covered[index], let (start, end) = name(around: index, in: text, covered: covered) else {
                index += 1
                continue
            }
            names.append(String(scalars: text[start..<end].map { Unicode.Scalar($0)! }))
            index = end
        }
        return names
    }

    /// The span of the name whose first separator is at `dot`, if there is one.
    private static func name(around dot: Int, in text: [UInt32], covered: [Bool]) -> (Int, Int)? {
        func usable(_ position: Int) -> Bool { position >= 0 && position < text.count && !covered[position] }

        // The first part: the run of transliteration characters before the dot.
        var start = dot
        while start > 0, usable(start - 1), characters.contains(text[start - 1]) {
            start -= 1
            if dot - start > longestPart { return nil }
        }
        var cut = start   // after a word that ends inside the run (总理|马克·…)
        for last in start..<dot {
            for word in wordsBefore where last + 1 >= word.count && text[(last + 1 - word.count)...last].elementsEqual(word) {
                cut = last + 1
            }
        }
        start = cut
        guard dot - start >= 1 else { return nil }

        // The other parts, each after a dot.
        var end = dot
        var lastDot = dot
        var parts = 1
        var letters = dot - start
        while end < text.count, text[end] == separator, parts < mostParts, usable(end + 1) {
            var partEnd = end + 1
            if characters.contains(text[partEnd]) {
                while usable(partEnd), characters.contains(text[partEnd]) {
                    partEnd += 1
                    if partEnd - end - 1 > longestPart { return nil }
                }
            } else if surnames.contains(text[partEnd]) {
                partEnd += 1
            } else {
                break
            }
            letters += partEnd - end - 1
            parts += 1
            lastDot = end
            end = partEnd
        }
        guard parts >= 2 else { return nil }
        // A word that starts on the last character of the name (马斯克特别 → 马斯克).
        if end < text.count, end - 2 > lastDot, wordsAfter.contains(UInt64(text[end - 1]) << 32 | UInt64(text[end])) {
            end -= 1
            letters -= 1
        }
        guard letters >= 3 else { return nil }
        return (start, end)
    }

    private static func scalars(_ text: String) -> Set<UInt32> {
        Set(text.unicodeScalars.map(\.value).filter { $0 > 0x7F })
    }
}
