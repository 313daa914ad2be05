#!/usr/bin/env python3
"""Writes a JSON Lines feed as a crawler exports one (Scrapy's feed export, say) for
scripts/reliability and the streaming measurement: English and Chinese news records, one line
that is not JSON, and optionally one record larger than the per-record limit. Deterministic.

Usage: make_feed.py FILE --records N [--body-bytes B] [--huge-mb M]
"""
import argparse, json, random

parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--records", type=int, required=True)
parser.add_argument("--body-bytes", type=int, default=3000)
parser.add_argument("--huge-mb", type=int, default=0, help="one record of this many MB, halfway through")
args = parser.parse_args()

rng = random.Random(5)
english = ("council budget market city report school hospital river bridge election court farmers "
           "prices energy rail museum police weather harbour festival university").split()
chinese = "工程师在北京开会讨论人工智能的发展与未来的机会市场价格学校医院河流桥梁选举法院农民能源铁路博物馆警察天气港口节日大学"

with open(args.file, "w", encoding="utf-8") as out:
    for n in range(1, args.records + 1):
        if n == 7:
            out.write('{"url": "https://news.example.com/broken/7", "title": \n')
            continue
        if args.huge_mb and n == args.records // 2:
            body = "x" * (args.huge_mb << 20)
            out.write(json.dumps({"url": "https://news.example.com/huge", "title": "Huge", "content": body}) + "\n")
            continue
        if n % 3 == 0:
            title = "新闻第%d篇：%s" % (n, "".join(rng.choice(chinese) for _ in range(12)))
            paragraphs = ["".join(rng.choice(chinese) for _ in range(60)) + "。" for _ in range(max(1, args.body_bytes // 200))]
        else:
            title = "Story %d: the %s and the %s" % (n, rng.choice(english), rng.choice(english))
            paragraphs = [" ".join(rng.choice(english) for _ in range(30)).capitalize() + "." for _ in range(max(1, args.body_bytes // 200))]
        record = {"url": "https://news.example.com/%d/%d" % (n % 97, n), "title": title,
                  "content": "\n".join(paragraphs), "time": 1764300000 + n * 60}
        out.write(json.dumps(record, ensure_ascii=n % 2 == 0) + "\n")
