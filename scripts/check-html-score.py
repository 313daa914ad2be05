#!/usr/bin/env python3
"""Scores HTML extraction dumps against the gold in ../shared/samples (used by scripts/check-html).

A dump is a folder of <path below the samples>.json files with {title, body, publishedAt, isArticle}.

Main text: a bag of tokens, where every Han/kana/hangul character is a token and every run of other
letters and digits is a lowercased word (so Chinese is scored by characters, English by words);
punctuation and spaces do not count. Precision, recall and F1 come from the multiset overlap.
  - en-html-newspaper: the whole body against txt/NAME.txt.
  - en-html-goose: `expected.cleaned_text` is only the start of the article (often one sentence), so
    the output is cut to its first N tokens, N = the length of that prefix, and scored against it:
    this checks that the extraction starts where the article starts and says the same.
Pages are grouped by the script of their gold: zh (mostly Han), en (Latin letters, English), other.
The figure for a group is the mean of the per-page F1 (a page with no output scores 0).

Metadata against html-readability/*/expected-metadata.json:
  - title: exact after folding case, spaces and quotes; "lenient" also accepts a title that is the
    expected one without a site or channel suffix after a separator (`_ - | – — : ::`), or vice versa.
  - published: the calendar date of the expected publishedTime (pages that have one), compared in
    the expected value's own offset (UTC for `Z`, as written when it has none).

Usage: check-html-score.py SAMPLES DUMP [--compare DUMP2] [--labels A,B] [--pages]
       check-html-score.py --dump-trafilatura SAMPLES OUT   (run with a Python that has trafilatura)
"""
import datetime
import json
import os
import re
import sys
from collections import Counter

FOLDERS = ["en-html-newspaper/html", "en-html-goose", "html-readability", "zh-portal-html", "zh-portal-html-gerapy"]
TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]|[^\W_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def tokens(text):
    return [t.lower() for t in TOKEN.findall(text or "")]


def prf(gold, output):
    g, o = Counter(gold), Counter(output)
    overlap = sum((g & o).values())
    if not gold or not output or overlap == 0:
        return 0.0, 0.0, 0.0
    p, r = overlap / len(output), overlap / len(gold)
    return p, r, 2 * p * r / (p + r)


def group(gold_text, path):
    toks = tokens(gold_text)
    if not toks:
        return "other"
    han = sum(1 for t in toks if HAN.fullmatch(t))
    if han * 2 > len(toks):
        return "zh"
    latin = sum(1 for t in toks if t.isascii())
    english_hint = not any(k in path for k in ("spanish", "latvian", "arabic", "french", "elmondo", "elpais",
                                                "lefigaro", "liberation", "wiwo", "issue4", "donga", "autoindustria"))
    return "en" if latin * 10 >= len(toks) * 9 and english_hint else "other"


def load(dump, rel):
    try:
        with open(os.path.join(dump, rel + ".json"), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def text_cases(samples):
    """(relative html path, gold text, is prefix) for every page with gold text."""
    cases = []
    news = os.path.join(samples, "en-html-newspaper")
    for name in sorted(os.listdir(os.path.join(news, "txt"))):
        html = os.path.join("en-html-newspaper/html", name[:-4] + ".html")
        if os.path.exists(os.path.join(samples, html)):
            with open(os.path.join(news, "txt", name), encoding="utf-8") as f:
                cases.append((html, f.read(), False))
    goose = os.path.join(samples, "en-html-goose")
    for name in sorted(os.listdir(goose)):
        if name.endswith(".json") and os.path.exists(os.path.join(goose, name[:-5] + ".html")):
            with open(os.path.join(goose, name), encoding="utf-8") as f:
                expected = json.load(f).get("expected", {}).get("cleaned_text") or ""
            if tokens(expected):
                cases.append(("en-html-goose/" + name[:-5] + ".html", expected, True))
    return cases


def score_text(samples, dump, cases):
    rows = []
    for rel, gold, prefix in cases:
        record = load(dump, rel) or {}
        out = tokens(record.get("body", ""))
        gold_tokens = tokens(gold)
        if prefix:
            out = out[:len(gold_tokens)]
        p, r, f = prf(gold_tokens, out)
        rows.append((rel, group(gold, rel), p, r, f))
    return rows


SEPARATORS = r"\s*(?:[_|｜丨–—:]|::|-|\s-\s)\s*"


def fold_title(t):
    t = (t or "").lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", t).strip()


def title_match(expected, got):
    e, g = fold_title(expected), fold_title(got)
    if not g:
        return False, False
    if e == g:
        return True, True
    for a, b in ((e, g), (g, e)):
        if a.startswith(b) and re.match(SEPARATORS, a[len(b):]) and len(b) >= 4:
            return False, True
    return False, False


def date_of(value, offset_like):
    """The calendar date of an ISO time `value`, in the offset of `offset_like` (as written when it has none)."""
    if not value:
        return None
    text = value.replace("Z", "+00:00")
    try:
        moment = datetime.datetime.fromisoformat(text[:32].replace(" ", "T", 1))
    except ValueError:
        return value[:10]
    target = (offset_like or "").replace("Z", "+00:00")
    try:
        reference = datetime.datetime.fromisoformat(target[:32].replace(" ", "T", 1))
    except ValueError:
        reference = None
    if moment.tzinfo and reference is not None and reference.tzinfo:
        moment = moment.astimezone(reference.tzinfo)
    return moment.date().isoformat()


def score_metadata(samples, dump):
    base = os.path.join(samples, "html-readability")
    titles, lenient, dates, dated = 0, 0, 0, 0
    pages = []
    for name in sorted(os.listdir(base)):
        meta_path = os.path.join(base, name, "expected-metadata.json")
        if not os.path.exists(meta_path):
            continue
        with open(meta_path, encoding="utf-8") as f:
            expected = json.load(f)
        record = load(dump, "html-readability/" + name + "/source.html") or {}
        exact, loose = title_match(expected.get("title"), record.get("title"))
        titles += exact
        lenient += loose
        date_ok = None
        if expected.get("publishedTime"):
            dated += 1
            want = date_of(expected["publishedTime"], expected["publishedTime"])
            got = date_of(record.get("publishedAt") or record.get("published"), expected["publishedTime"])
            date_ok = want == got
            dates += date_ok
        pages.append((name, exact, loose, date_ok, expected.get("title"), record.get("title")))
    return {"pages": len(pages), "title": titles, "titleLenient": lenient, "dated": dated, "date": dates, "rows": pages}


def list_pages(samples, dump):
    """zh-portal-html pages reported as not articles, and body sizes."""
    out = []
    for folder in ("zh-portal-html", "zh-portal-html-gerapy"):
        root = os.path.join(samples, folder)
        for dirpath, _, names in os.walk(root):
            for name in names:
                if name.endswith(".html"):
                    rel = os.path.relpath(os.path.join(dirpath, name), samples)
                    record = load(dump, rel) or {}
                    out.append((rel, record.get("isArticle", False), len(record.get("body", "")), record.get("notArticleReason")))
    return sorted(out)


def summarize(rows):
    result = {}
    for g in ("zh", "en", "other", "all"):
        chosen = [r for r in rows if g == "all" or r[1] == g]
        if chosen:
            n = len(chosen)
            result[g] = (n, sum(r[2] for r in chosen) / n, sum(r[3] for r in chosen) / n, sum(r[4] for r in chosen) / n)
    return result


def report(samples, dumps, labels, show_pages):
    for label, dump in zip(labels, dumps):
        try:
            with open(os.path.join(dump, "_timing.json")) as f:
                t = json.load(f)
            print(f"{label}: {t['pages']} pages, {t['seconds']:.2f} s of extraction alone, {t['pagesPerSecond']:.0f} pages/s")
        except (OSError, ValueError):
            pass
    cases = text_cases(samples)
    all_rows = [score_text(samples, d, cases) for d in dumps]
    print("main text (mean per-page precision / recall / F1; bag of Han characters and words)")
    for source, title in (("en-html-newspaper", "en-html-newspaper (whole body vs txt/)"),
                          ("en-html-goose", "en-html-goose (first N tokens vs the expected prefix)"),
                          ("", "both sets")):
        print(f"  {title}")
        for label, rows in zip(labels, all_rows):
            chosen = [r for r in rows if r[0].startswith(source)]
            for g, (n, p, r, f) in summarize(chosen).items():
                print(f"    {label:<12} {g:<5} pages={n:<3} P={p:.3f} R={r:.3f} F1={f:.3f}")
    if show_pages:
        print("  per page F1: " + " / ".join(labels))
        for i, row in enumerate(all_rows[0]):
            figures = " ".join(f"{rows[i][4]:.2f}" for rows in all_rows)
            print(f"    {row[1]:<5} {figures}  {row[0]}")
    print("metadata vs html-readability/*/expected-metadata.json")
    for label, dump in zip(labels, dumps):
        m = score_metadata(samples, dump)
        print(f"    {label:<12} title exact {m['title']}/{m['pages']}, lenient (site suffix) {m['titleLenient']}/{m['pages']}; "
              f"published date {m['date']}/{m['dated']}")
        if show_pages:
            for name, exact, loose, date_ok, want, got in m["rows"]:
                if not loose or date_ok is False:
                    print(f"      {name}: title {'ok' if loose else 'MISS'} want={want!r} got={got!r} date={date_ok}")
    for label, dump in zip(labels, dumps):
        pages = list_pages(samples, dump)
        rejected = [p for p in pages if not p[1]]
        print(f"zh-portal pages ({label}): {len(pages)} pages, {len(rejected)} not articles: "
              + ", ".join(p[0].split('/', 1)[1] for p in rejected))
    if len(dumps) == 2:
        agree = []
        for rel, *_ in list_pages(samples, dumps[0]):
            a, b = load(dumps[0], rel) or {}, load(dumps[1], rel) or {}
            if b.get("body"):
                agree.append((prf(tokens(b.get("body")), tokens(a.get("body")))[2], rel))
        if agree:
            print(f"zh-portal agreement (F1 of {labels[0]} against {labels[1]}, no gold): mean {sum(a for a, _ in agree) / len(agree):.3f}"
                  f" over {len(agree)} pages")
            if show_pages:
                for f, rel in sorted(agree)[:15]:
                    print(f"    {f:.2f} {rel}")


def dump_trafilatura(samples, out):
    import time
    import trafilatura
    elapsed, count = 0.0, 0
    for folder in FOLDERS:
        root = os.path.join(samples, folder)
        for dirpath, _, names in os.walk(root):
            for name in sorted(names):
                if not name.endswith(".html"):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, samples)
                with open(path, "rb") as f:
                    data = f.read()
                start = time.perf_counter()
                doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
                elapsed += time.perf_counter() - start
                count += 1
                if doc is not None and not isinstance(doc, dict):
                    doc = doc.as_dict() if hasattr(doc, "as_dict") else vars(doc)
                doc = doc or {}
                record = {"title": doc.get("title"), "body": doc.get("text") or "", "published": doc.get("date"),
                          "publishedAt": doc.get("date"), "author": doc.get("author"), "isArticle": bool(doc.get("text"))}
                target = os.path.join(out, rel + ".json")
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "w", encoding="utf-8") as f:
                    json.dump(record, f, ensure_ascii=False)
    with open(os.path.join(out, "_timing.json"), "w") as f:
        json.dump({"pages": count, "seconds": elapsed, "pagesPerSecond": count / elapsed if elapsed else 0}, f)


def main(argv):
    if argv and argv[0] == "--dump-trafilatura":
        dump_trafilatura(argv[1], argv[2])
        return
    samples, dump = argv[0], argv[1]
    dumps, labels = [dump], ["article-etl"]
    show_pages = "--pages" in argv
    if "--compare" in argv:
        dumps.append(argv[argv.index("--compare") + 1])
        labels.append("trafilatura")
    report(samples, dumps, labels, show_pages)


if __name__ == "__main__":
    main(sys.argv[1:])
