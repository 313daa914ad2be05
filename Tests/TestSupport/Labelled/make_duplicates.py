#!/usr/bin/env python3
"""Writes duplicates.json beside this script: a labelled set for near-duplicate detection, generated
from phrase pools written for this project (no scraped text). Deterministic (fixed seed): rerun it
after changing the pools and commit both files.

Each group holds bodies that are copies of one story; every pair across groups is a non-copy.
Hard cases, on purpose:
  - long pages of one site on different subjects, under the same long boilerplate (negatives);
  - long English and Chinese stories of one genre, built from one pool of stock phrases (negatives);
  - short junk bodies that several different stories extracted to (negatives, identical text);
  - one story under two sites' boilerplate, with small edits (positives);
  - a Chinese story in Simplified and in Traditional characters (positives).
"""
import json
import os
import random

rng = random.Random(27)

# --- English: stock phrases of local news, shared by every story of the genre -----------------------
OPENERS = ["On {day}, ", "Earlier this week, ", "According to officials, ", "In a statement released on {day}, ",
           "After months of debate, ", "Speaking to reporters, ", "Late on {day}, ", "For the first time in {num} years, ",
           "As expected, ", "Despite objections, "]
SUBJECTS = ["the {org}", "a spokesperson for the {org}", "{person}, who chairs the {org},", "residents of {place}",
            "the mayor of {place}", "local business owners", "members of the {org}", "{person}",
            "a group of volunteers from {place}", "the regional director, {person},"]
VERBS = ["said that", "announced that", "warned that", "confirmed that", "argued that", "told the committee that",
         "insisted that", "suggested that", "reported that", "acknowledged that"]
CLAUSES = ["the {thing} would cost about {num} million dollars", "work on the {thing} would begin in {month}",
           "the {thing} had been delayed by {num} weeks", "more than {num} people had signed a petition about the {thing}",
           "the {thing} was expected to open by {month}", "the budget for the {thing} had risen by {num} percent",
           "a public hearing on the {thing} would be held in {place}", "the {org} would review the {thing} again",
           "the {thing} would serve roughly {num} households", "funding for the {thing} was still uncertain",
           "the {thing} needed approval from the {org}", "traffic near {place} would be diverted during the works"]
CLOSERS = [".", ", the newspaper was told.", ", adding that details would follow.", ", although no date was set.",
           ", a claim others disputed.", ", according to documents seen by reporters."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "April", "June", "August", "September", "October", "November"]

TOPICS = {
    "bridge": dict(things=["river bridge", "footbridge", "bridge repair", "toll plaza", "cycle lane on the bridge"],
                   orgs=["highways board", "transport department", "bridge trust"],
                   people=["Alan Whitcombe", "Priya Natarajan", "Gus Olafsson"],
                   places=["Eastbank", "Mill Street", "the old harbour"]),
    "school": dict(things=["new primary school", "school canteen", "science block", "playing field", "school bus route"],
                   orgs=["education committee", "parents' association", "school board"],
                   people=["Helen Moreau", "Tomasz Zielinski", "Ruth Abernathy"],
                   places=["Northgate", "Cedar Park", "the west estate"]),
    "library": dict(things=["central library", "mobile library", "reading room", "archive wing", "library cafe"],
                    orgs=["arts council", "friends of the library", "culture department"],
                    people=["Dmitri Volkov", "Agnes Oyelaran", "Colm Fitzgerald"],
                    places=["Market Square", "Harrow Lane", "the riverside"]),
    "hospital": dict(things=["emergency ward", "maternity unit", "hospital car park", "clinic extension", "ambulance station"],
                     orgs=["health trust", "patients' council", "nursing union"],
                     people=["Sana Qureshi", "Victor Lindqvist", "Maeve Donnelly"],
                     places=["Hillcrest", "the ring road", "St Anne's"]),
    "harbour": dict(things=["ferry terminal", "sea wall", "fish market", "marina expansion", "harbour dredging"],
                    orgs=["port authority", "fishermen's cooperative", "coastal agency"],
                    people=["Ines Carvalho", "Hamish Reid", "Lotte Jansen"],
                    places=["the north quay", "Saltmarsh", "Pier Road"]),
    "stadium": dict(things=["football stadium", "athletics track", "floodlights", "stadium roof", "fan zone"],
                    orgs=["sports council", "supporters' club", "leisure department"],
                    people=["Kwame Mensah", "Isabel Ferreira", "Owen Pritchard"],
                    places=["Riverside Park", "Bell Hill", "the showground"]),
}


def sentence(topic):
    t = TOPICS[topic]
    fill = lambda s: s.format(day=rng.choice(DAYS), month=rng.choice(MONTHS), num=rng.randint(2, 950),
                              org=rng.choice(t["orgs"]), person=rng.choice(t["people"]),
                              place=rng.choice(t["places"]), thing=rng.choice(t["things"]))
    text = fill(rng.choice(OPENERS)) + fill(rng.choice(SUBJECTS)) + " " + fill(rng.choice(VERBS)) + " " \
        + fill(rng.choice(CLAUSES)) + fill(rng.choice(CLOSERS))
    return text[0].upper() + text[1:]


def english_story(topic, characters):
    paragraphs, length = [], 0
    while length < characters:
        paragraph = " ".join(sentence(topic) for _ in range(rng.randint(3, 6)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 1
    return paragraphs


def boilerplate(site, words):
    """A site's navigation and footer: the same text on every page of the site."""
    local = random.Random(site)
    pool = ["subscribe", "newsletter", "sign in", "home", "news", "sport", "business", "opinion", "weather",
            "most read", "follow us", "share this article", "contact", "advertise", "terms of use", "privacy",
            "cookie settings", "accessibility", "our journalists", "corrections", "jobs", "events", "podcasts",
            "puzzles", "letters", "obituaries", "archive", "help", "app", "rss"]
    out = [f"{site} {local.choice(pool)}" if i % 9 == 0 else local.choice(pool) for i in range(words)]
    return " ".join(out).capitalize() + f". © 2026 {site}. All rights reserved."


def edited(paragraphs):
    """The same story as a second outlet runs it: one sentence reworded, one figure changed."""
    out = list(paragraphs)
    i = rng.randrange(len(out))
    out[i] = out[i].replace(" said that ", " stated that ", 1).replace(" percent", " per cent", 1)
    out.append("This article was updated with a correction.")
    return out


# --- Chinese: stock phrases of local news, and a Traditional rendering of their characters ---------
ZH_OPENERS = ["记者{n}日从有关部门获悉，", "据介绍，", "日前，", "{n}日上午，", "近年来，", "今年以来，", "业内人士指出，"]
ZH_SUBJECTS = ["{org}", "{org}负责人{person}", "{place}的居民", "{place}有关方面", "专家{person}", "多家企业"]
ZH_VERBS = ["表示，", "介绍说，", "透露，", "强调，", "认为，", "指出，"]
ZH_CLAUSES = ["{thing}项目总投资约{n}亿元", "{thing}预计将于{m}月底前完工", "{thing}已经吸引了{n}家企业参与",
              "{place}将新建{n}个{thing}", "今年{thing}的规模比去年扩大了{n}成", "{thing}的建设进度明显加快",
              "{org}将对{thing}开展专项检查", "下一步将继续推进{thing}工作", "{thing}带动了周边{n}个村的发展",
              "市民对{thing}的满意度达到{n}%"]
ZH_CLOSERS = ["。", "，相关工作正在有序进行。", "，具体方案将另行公布。", "，受到广泛关注。"]
ZH_TOPICS = {
    "地铁": dict(things=["地铁新线", "换乘站", "车辆段", "地铁票价改革"], orgs=["市交通委", "地铁集团"],
                 people=["王建国", "李晓红"], places=["城东新区", "高新区"]),
    "农业": dict(things=["高标准农田", "水稻种植", "农产品电商", "灌溉工程"], orgs=["农业农村局", "种粮合作社"],
                 people=["张德明", "刘春燕"], places=["城南镇", "河西村"]),
    "医疗": dict(things=["社区医院", "远程会诊", "医保结算", "健康体检"], orgs=["卫生健康委", "人民医院"],
                 people=["陈志强", "赵丽华"], places=["老城区", "开发区"]),
    "教育": dict(things=["新建学校", "课后服务", "校园食堂", "教师培训"], orgs=["教育局", "师范大学"],
                 people=["周文博", "孙美玲"], places=["滨江区", "北郊"]),
    "环保": dict(things=["污水处理厂", "垃圾分类", "湿地公园", "大气治理"], orgs=["生态环境局", "环保协会"],
                 people=["吴海涛", "郑雪梅"], places=["湖东街道", "工业园区"]),
}
TRADITIONAL = dict(zip(
    "记从关门获悉据绍负责专业问题际项总资约亿预计将于已经吸引参与规模比扩进显加对开展检查继续带动边个发满达"
    "为这们时长会说国业产铁线换乘车辆段票价改农标准田种电灌溉程粮社医疗远诊结该体检卫健区东镇许设东调环处厂圾"
    "类湿园气治协该园区务新师范训饭层热门书诸湾锋网络权实现员质论议讨众经济况报导广泛关组织现场传统资讯闻纪录备"
    "们丽华强涛梅龙凤红国汉东刘赵陈孙郑吴张杨黄马罗胡何郭丰乐叶许韩",
    "記從關門獲悉據紹負責專業問題際項總資約億預計將於已經吸引參與規模比擴進顯加對開展檢查繼續帶動邊個發滿達"
    "為這們時長會說國業產鐵線換乘車輛段票價改農標準田種電灌溉程糧社醫療遠診結該體檢衛健區東鎮許設東調環處廠圾"
    "類濕園氣治協該園區務新師範訓飯層熱門書諸灣鋒網絡權實現員質論議討眾經濟況報導廣泛關組織現場傳統資訊聞紀錄備"
    "們麗華強濤梅龍鳳紅國漢東劉趙陳孫鄭吳張楊黃馬羅胡何郭豐樂葉許韓"))
TRADITIONAL.update({"划": "劃", "级": "級", "营": "營", "运": "運", "级": "級", "态": "態", "垃": "垃", "织": "織",
                    "计": "計", "设": "設", "务": "務", "单": "單", "宽": "寬", "质": "質", "观": "觀", "众": "眾",
                    "兴": "興", "应": "應", "数": "數", "导": "導", "办": "辦", "录": "錄", "环": "環", "护": "護",
                    "户": "戶", "车": "車", "门": "門", "欢": "歡", "迎": "迎", "阅": "閱", "读": "讀", "览": "覽",
                    "联": "聯", "系": "系", "权": "權", "声": "聲", "明": "明", "广": "廣", "告": "告", "转": "轉",
                    "载": "載", "页": "頁", "热": "熱", "点": "點", "评": "評", "频": "頻", "讯": "訊", "闻": "聞"})


def zh_sentence(topic):
    t = ZH_TOPICS[topic]
    fill = lambda s: s.format(n=rng.randint(2, 98), m=rng.randint(1, 12), org=rng.choice(t["orgs"]),
                              person=rng.choice(t["people"]), place=rng.choice(t["places"]), thing=rng.choice(t["things"]))
    return fill(rng.choice(ZH_OPENERS)) + fill(rng.choice(ZH_SUBJECTS)) + fill(rng.choice(ZH_VERBS)) \
        + fill(rng.choice(ZH_CLAUSES)) + fill(rng.choice(ZH_CLOSERS))


def chinese_story(topic, characters):
    paragraphs, length = [], 0
    while length < characters:
        paragraph = "".join(zh_sentence(topic) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 1
    return paragraphs


def traditional(text):
    return "".join(TRADITIONAL.get(c, c) for c in text)


ZH_SITE_A = "首页 新闻 评论 热点 视频 图片 欢迎阅读本网新闻 转载请注明出处 联系我们 广告服务 版权声明 网站地图"
ZH_SITE_B = "返回首页 今日要闻 本地新闻 便民服务 关于我们 投稿邮箱 本站所有内容未经许可不得转载 举报电话"

groups = []


def group(name, *bodies):
    groups.append({"group": name, "copies": ["\n".join(body) if isinstance(body, list) else body for body in bodies]})


# English positives: one story under two sites' boilerplate, the second outlet's copy edited.
for index, (topic, length) in enumerate([("bridge", 3500), ("school", 12000), ("library", 32000), ("hospital", 6000)]):
    story = english_story(topic, length)
    header_a, header_b = boilerplate("Riverside Courier", 60), boilerplate("Valley Gazette", 60)
    group(f"en-copy-{index}", [header_a] + story + [header_a], [header_b] + edited(story) + [header_b], story)

# English negatives: long pages of one site, same boilerplate, same genre, different subjects.
for index, (topic, length) in enumerate([("bridge", 9000), ("school", 15000), ("library", 25000), ("hospital", 35000),
                                          ("harbour", 11000), ("stadium", 53000), ("harbour", 30000),
                                          ("stadium", 4000), ("bridge", 20000)]):
    header = boilerplate("Riverside Courier", 120)
    group(f"en-site-{index}", [header] + english_story(topic, length) + [header])

# Chinese positives: Simplified and Traditional, and under another site's boilerplate.
for index, (topic, length) in enumerate([("地铁", 1200), ("农业", 4000), ("医疗", 12000)]):
    story = chinese_story(topic, length)
    group(f"zh-copy-{index}", story, [traditional(p) for p in story], [ZH_SITE_A] + story + [ZH_SITE_B])

# Chinese negatives: one genre, one site's boilerplate, different stories.
for index, (topic, length) in enumerate([("地铁", 3000), ("农业", 8000), ("医疗", 3000), ("教育", 15000),
                                          ("环保", 6000), ("教育", 30000), ("环保", 1500)]):
    group(f"zh-site-{index}", [ZH_SITE_A] + chinese_story(topic, length) + [ZH_SITE_B])

# Short junk bodies: different stories whose extractor kept only one line (each its own group).
for index, junk in enumerate(["Please enable JavaScript to continue.", "Please enable JavaScript to continue.",
                              "Subscribe to read the full article.", "Subscribe to read the full article.",
                              "Loading... Loading... Loading... Loading... Loading... Loading...",
                              "本文暂不支持查看，请下载客户端阅读全文。", "本文暂不支持查看，请下载客户端阅读全文。",
                              "Cookies help us deliver our services. By using our services, you agree to our use of cookies. "
                              "Learn more. Accept all. Reject all. Manage settings."]):
    group(f"junk-{index}", junk)

out = {"_comment": "Generated by make_duplicates.py (phrase pools written for this project, seed 27): groups of "
                   "copies of one story; pairs across groups are not copies. Used by DuplicateDetectionTests.",
       "duplicates": groups}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "duplicates.json"), "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(len(groups), "groups,", sum(len(g["copies"]) for g in groups), "bodies")
