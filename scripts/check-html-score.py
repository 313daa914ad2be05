#!/usr/bin/env python3
"""Scores HTML extraction dumps against the gold in ../shared/samples (used by scripts/check-html).

A dump is a folder of <path below the samples>.json files with {title, body, publishedAt, isArticle};
article-etl's comes from the html-dump tool (Sources/html-dump), trafilatura's from --dump-trafilatura (same pages).

Main text: a bag of tokens, where every Han/kana/hangul character is a token and every run of other
letters and digits is a lowercased word (so Chinese is scored by characters, English by words);
punctuation and spaces do not count. Precision, recall and F1 come from the multiset overlap.
A page is rejected when the tool gives no article (article-etl: isArticle false or an empty body, as
the pipeline would then store nothing; trafilatura: None or empty text); a rejected page has no
output and scores 0. The figure for a set is the mean of the per-page P, R and F1. Sets:
  - html-readability: */source.html against the visible text of */expected.html (Readability's
    expected content; the text of its block elements joined with newlines, read with html.parser).
  - html-cleaneval/cleaneval-dev, html-cleaneval/CleanPortalEval: input/NAME.html against
    GoldStandard/NAME.txt, less its first line when that is `URL: …` (after any blank lines) and less
    the block marks <p> <h> <l> (and closing forms); HTML character references in the gold
    (`&#8217;`, `&rsquo;`, left by the cutting) are decoded. Gold bytes are UTF-8, else windows-1252.
  - en-html-newspaper: the whole body against txt/NAME.txt.
  - en-html-goose: `expected.cleaned_text` is only the start of the article (often one sentence), so
    the output is cut to its first N tokens, N = the length of that prefix, and scored against it:
    this checks that the extraction starts where the article starts and says the same.
Pages with gold are also grouped by the script of their gold: zh (mostly Han), en (Latin letters,
English), other.
True negatives, which both tools should reject: the list pages of zh-portal-html/test_list_page (GNE's),
and the pages of the sets above whose gold has no text (CleanEval's cutter found no main text there:
cleaneval-dev 32, CleanPortalEval bbc.co.uk_news_04 and _05); these are not in the F1 means.

Metadata against html-readability/*/expected-metadata.json:
  - title: exact after folding case, spaces and quotes; "lenient" also accepts a title that is the
    expected one without a site or channel suffix after a separator (`_ - | – — : ::`), or vice versa.
  - published: the calendar date of the expected publishedTime (pages that have one), compared in
    the expected value's own offset (UTC for `Z`, as written when it has none).

Usage: check-html-score.py SAMPLES DUMP [--compare DUMP2] [--pages]
       check-html-score.py --dump-trafilatura SAMPLES OUT   (run with a Python that has trafilatura)
"""
import datetime
import html
import html.parser
import json
import os
import re
import sys
from collections import Counter

# The folders the dump covers: `folders` in Sources/html-dump/main.swift (in html-readability only */source.html).
FOLDERS = ["en-html-newspaper/html", "en-html-goose", "html-readability", "zh-portal-html", "zh-portal-html-gerapy",
           "html-cleaneval/cleaneval-dev/input", "html-cleaneval/CleanPortalEval/input"]
# zh-portal-html's list pages (PROVENANCE: "plus 4 list pages"), which no tool should call articles:
# GeneralNewsExtractor keeps them apart from its article pages, in test_list_page/ (163/1, 163/2,
# netease_forum/1, tieba/1 in its repository); every page there is a list page.
LIST_PAGE_FOLDER = "zh-portal-html/test_list_page"
LIST_PAGES_EXPECTED = 4


def list_pages(samples):
    root = os.path.join(samples, LIST_PAGE_FOLDER)
    found = []
    for dirpath, _, names in os.walk(root):
        found += [os.path.relpath(os.path.join(dirpath, n), samples) for n in names if n.endswith(".html")]
    return sorted(found)
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


def read_text(path):
    """A gold text file: UTF-8 (a BOM dropped), else windows-1252 (Latin-1 for its five holes)."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


BLOCKS = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
          "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
          "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
          "tr", "ul"}
INVISIBLE = {"script", "style", "noscript", "template", "head", "title"}


class VisibleText(html.parser.HTMLParser):
    """The text of an HTML fragment: a line break at each block element's start and end, no markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in INVISIBLE:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in INVISIBLE:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)

    def text(self):
        lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def visible_text(path):
    parser = VisibleText()
    parser.feed(read_text(path))
    parser.close()
    return parser.text()


CLEANEVAL_MARK = re.compile(r"</?[phl]>", re.IGNORECASE)


def cleaneval_gold(path):
    text = read_text(path).lstrip()
    first, _, rest = text.partition("\n")
    if first.startswith("URL:"):
        text = rest
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)   # bbc.co.uk_news_04: "this page contains no article"
    return html.unescape(CLEANEVAL_MARK.sub(" ", text))


SETS = ["html-readability", "html-cleaneval/cleaneval-dev", "html-cleaneval/CleanPortalEval",
        "en-html-newspaper", "en-html-goose"]


def gold_sets(samples):
    """{set: [(relative html path, gold text, is prefix)]} for every page with gold text, in SETS order."""
    sets = {name: [] for name in SETS}
    base = os.path.join(samples, "html-readability")
    for name in sorted(os.listdir(base)):
        source, expected = os.path.join(base, name, "source.html"), os.path.join(base, name, "expected.html")
        if os.path.exists(source) and os.path.exists(expected):
            sets["html-readability"].append(("html-readability/" + name + "/source.html", visible_text(expected), False))
    for name in ("cleaneval-dev", "CleanPortalEval"):
        base = os.path.join(samples, "html-cleaneval", name)
        for page in sorted(os.listdir(os.path.join(base, "input"))):
            gold = os.path.join(base, "GoldStandard", page.rsplit(".", 1)[0] + ".txt")
            if page.endswith(".html") and os.path.exists(gold):
                sets["html-cleaneval/" + name].append(("html-cleaneval/" + name + "/input/" + page, cleaneval_gold(gold), False))
    news = os.path.join(samples, "en-html-newspaper")
    for name in sorted(os.listdir(os.path.join(news, "txt"))):
        page = os.path.join("en-html-newspaper/html", name[:-4] + ".html")
        if os.path.exists(os.path.join(samples, page)):
            sets["en-html-newspaper"].append((page, read_text(os.path.join(news, "txt", name)), False))
    goose = os.path.join(samples, "en-html-goose")
    for name in sorted(os.listdir(goose)):
        if name.endswith(".json") and os.path.exists(os.path.join(goose, name[:-5] + ".html")):
            with open(os.path.join(goose, name), encoding="utf-8") as f:
                expected = json.load(f).get("expected", {}).get("cleaned_text") or ""
            if tokens(expected):
                sets["en-html-goose"].append(("en-html-goose/" + name[:-5] + ".html", expected, True))
    return sets


def rejected(record):
    """Why the tool gave no article for the page (None when it gave one)."""
    if record is None:
        return "not in the dump"
    if not record.get("isArticle", False):
        return record.get("notArticleReason") or "not an article"
    if not (record.get("body") or "").strip():
        return "empty body"
    return None


def score_page(dump, rel, gold, prefix):
    """(P, R, F1, rejection reason or None) of one page."""
    record = load(dump, rel)
    reason = rejected(record)
    out = [] if reason else tokens(record.get("body", ""))
    gold_tokens = tokens(gold)
    if prefix:
        out = out[:len(gold_tokens)]
    p, r, f = prf(gold_tokens, out)
    return p, r, f, reason


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


def zh_portal_pages(samples):
    out = []
    for folder in ("zh-portal-html", "zh-portal-html-gerapy"):
        for dirpath, _, names in os.walk(os.path.join(samples, folder)):
            out += [os.path.relpath(os.path.join(dirpath, n), samples) for n in names if n.endswith(".html")]
    return sorted(rel for rel in out if not rel.startswith(LIST_PAGE_FOLDER + "/"))


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def timing_line(label, dump):
    try:
        with open(os.path.join(dump, "_timing.json")) as f:
            t = json.load(f)
    except (OSError, ValueError):
        return
    build = f" ({t['configuration']} build)" if t.get("configuration") else ""
    line = f"{label}{build}: {t['pages']} pages in {t['seconds']:.2f} s of extraction alone, {t['pagesPerSecond']:.0f} pages/s"
    folders = t.get("folders") or {}
    if folders:
        line += "; by folder: " + ", ".join(
            f"{name} {v['pages'] / v['seconds']:.0f}" for name, v in sorted(folders.items()) if v.get("seconds"))
    if t.get("undecodable"):
        line += f"; {t['undecodable']} pages undecodable (not extracted)"
    print(line)


def short(set_name, rel):
    """A page's name within its set: html-readability/X/source.html → X, …/input/N.html → N.html."""
    name = rel[len(set_name) + 1:] if rel.startswith(set_name + "/") else rel
    return re.sub(r"^(?:html/|input/)", "", re.sub(r"/source\.html$", "", name))


def report(samples, dumps, labels, show_pages):
    for label, dump in zip(labels, dumps):
        timing_line(label, dump)
    sets = gold_sets(samples)
    # results[set] = [(rel, group, [(p, r, f, reason) per dump])]; a page whose gold has no text at all
    # (the person who cut it found no main text) is a true negative, not scored: see `negatives`.
    results, empty_gold = {}, []
    for name, cases in sets.items():
        results[name] = [(rel, group(gold, rel), [score_page(d, rel, gold, prefix) for d in dumps])
                         for rel, gold, prefix in cases if tokens(gold)]
        empty_gold += [(name, rel) for rel, gold, _ in cases if not tokens(gold)]
    missing = [rel for rows in results.values() for rel, _, scores in rows if scores[0][3] == "not in the dump"]
    if missing:
        print(f"WARNING: {len(missing)} pages with gold are not in {labels[0]}'s dump (scored 0): " + ", ".join(missing[:5]))

    two = len(dumps) == 2
    print()
    print("main text: mean per-page F1 / precision / recall (bag of Han characters and words); "
          "rejected = no article (scored 0);"
          f" pages = pages whose gold has text ({len(empty_gold)} with empty gold are true negatives, below)")
    head = f"{'set':<32} {'pages':>5}  {'etl F1':>6} {'P':>5} {'R':>5} {'rejected':>8}"
    if two:
        head += f" | {'traf F1':>7} {'P':>5} {'R':>5} {'rejected':>8}"
    print(head)
    print("-" * len(head))

    def row(title, chosen):
        line = f"{title:<32} {len(chosen):>5}"
        for i in range(len(dumps)):
            scores = [s[2][i] for s in chosen]
            rej = sum(1 for x in scores if x[3])
            figures = f"{mean(x[2] for x in scores):.3f} {mean(x[0] for x in scores):.3f} {mean(x[1] for x in scores):.3f} {rej:>8}"
            line += (f"  {figures:>0}" if i == 0 else f" |   {figures}")
        print(line)

    everything = []
    for name, rows in results.items():
        if name == "en-html-goose":
            row(name + " (opening)", rows)
        else:
            row(name, rows)
        everything += rows
    print("-" * len(head))
    row("all sets with gold", everything)
    for g in ("zh", "en", "other"):
        chosen = [r for r in everything if r[1] == g]
        if chosen:
            row(f"  of which gold in {g}", chosen)

    print()
    print("rejected pages (no article: " + "; ".join(
        ["article-etl: isArticle false or an empty body", "trafilatura: None or empty text"][:len(dumps)]) + ")")
    for name, rows in results.items():
        for i, label in enumerate(labels):
            names = [short(name, rel) for rel, _, scores in rows if scores[i][3]]
            print(f"    {name if i == 0 else '':<32} {label:<12} {len(names):>3}" + (": " + ", ".join(names) if names else ""))

    for name, rows in results.items():
        print()
        if two:
            trailing = sorted((r for r in rows if r[2][0][2] < r[2][1][2]), key=lambda r: (r[2][0][2] - r[2][1][2], r[0]))
            print(f"{name}: the {min(10, len(trailing))} pages where article-etl trails trafilatura most "
                  f"({len(trailing)} of {len(rows)} trail; {sum(1 for r in rows if r[2][0][2] > r[2][1][2])} lead)")
            print(f"    {'etl F1':>6} {'traf F1':>7}  page")
            chosen = trailing[:10]
        else:
            chosen = sorted(rows, key=lambda r: (r[2][0][2], r[0]))[:10]
            print(f"{name}: the {len(chosen)} pages with the lowest article-etl F1")
            print(f"    {'etl F1':>6}  page")
        for rel, _, scores in chosen:
            figures = " ".join(f"{x[2]:>{6 if i == 0 else 7}.3f}" for i, x in enumerate(scores))
            reason = f"  [etl rejected: {scores[0][3]}]" if scores[0][3] else ""
            print(f"    {figures}  {rel}{reason}")

    if show_pages:
        print()
        print("per page: group, " + " / ".join(f"{l} P R F1" for l in labels) + ", page, rejections")
        for name, rows in results.items():
            for rel, g, scores in rows:
                figures = " | ".join(f"{x[0]:.2f} {x[1]:.2f} {x[2]:.2f}" for x in scores)
                reasons = "; ".join(f"{l}: {x[3]}" for l, x in zip(labels, scores) if x[3])
                print(f"    {g:<5} {figures}  {rel}" + (f"  [{reasons}]" if reasons else ""))

    print()
    lists = list_pages(samples)
    negatives = lists + [rel for _, rel in empty_gold]
    print(f"true negatives (should be rejected by both): {len(lists)} list pages in {LIST_PAGE_FOLDER}/, "
          f"{len(empty_gold)} pages with gold sets whose gold is empty (not scored above)")
    if len(lists) != LIST_PAGES_EXPECTED:
        print(f"    PROVENANCE.md lists {LIST_PAGES_EXPECTED} list pages from GeneralNewsExtractor's test_list_page/; "
              f"{len(lists)} are in {os.path.join(samples, LIST_PAGE_FOLDER)}"
              + (" (the folder is absent: none of them to check)" if not lists else ""))
    for label, dump in zip(labels, dumps):
        if negatives:
            count = sum(1 for rel in negatives if rejected(load(dump, rel)))
            print(f"    {label:<12} rejected {count} of {len(negatives)}")
    for rel in negatives:
        verdicts = []
        for label, dump in zip(labels, dumps):
            reason = rejected(load(dump, rel))
            verdicts.append(f"{label} {'rejected' if reason else 'ACCEPTED'}" + (f" ({reason})" if reason else ""))
        print(f"    {rel}: " + "; ".join(verdicts))

    print()
    print("metadata vs html-readability/*/expected-metadata.json")
    for label, dump in zip(labels, dumps):
        m = score_metadata(samples, dump)
        print(f"    {label:<12} title exact {m['title']}/{m['pages']}, lenient (site suffix) {m['titleLenient']}/{m['pages']}; "
              f"published date {m['date']}/{m['dated']}")
        if show_pages:
            for name, exact, loose, date_ok, want, got in m["rows"]:
                if not loose or date_ok is False:
                    print(f"      {name}: title {'ok' if loose else 'MISS'} want={want!r} got={got!r} date={date_ok}")

    print()
    portal = zh_portal_pages(samples)
    for label, dump in zip(labels, dumps):
        rej = [rel for rel in portal if rejected(load(dump, rel))]
        print(f"zh-portal article pages ({label}): {len(portal)} pages, {len(rej)} rejected"
              + (": " + ", ".join(rel.split('/', 1)[1] for rel in rej) if rej else ""))
    if two:
        agree = []
        for rel in portal:
            a, b = load(dumps[0], rel) or {}, load(dumps[1], rel) or {}
            if b.get("body"):
                agree.append((prf(tokens(b.get("body")), tokens(a.get("body")))[2], rel))
        if agree:
            print(f"zh-portal agreement (F1 of {labels[0]}'s body against {labels[1]}'s, no gold): "
                  f"mean {mean(a for a, _ in agree):.3f} over {len(agree)} pages")
            if show_pages:
                for f, rel in sorted(agree)[:15]:
                    print(f"    {f:.2f} {rel}")


def dump_pages(samples):
    """The pages the dump covers, as html-dump walks them (relative paths, sorted)."""
    out = []
    for folder in FOLDERS:
        for dirpath, _, names in os.walk(os.path.join(samples, folder)):
            for name in names:
                if name.endswith(".html") and (folder != "html-readability" or name == "source.html"):
                    out.append(os.path.relpath(os.path.join(dirpath, name), samples))
    return sorted(out)


def dump_trafilatura(samples, out):
    import time
    import trafilatura
    elapsed, count = 0.0, 0
    for rel in dump_pages(samples):
        with open(os.path.join(samples, rel), "rb") as f:
            data = f.read()
        start = time.perf_counter()
        try:
            doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
        except Exception as error:  # a crash is a rejection, not the end of the check
            print(f"trafilatura failed on {rel}: {error!r}", file=sys.stderr)
            doc = None
        elapsed += time.perf_counter() - start
        count += 1
        if doc is not None and not isinstance(doc, dict):
            doc = doc.as_dict() if hasattr(doc, "as_dict") else vars(doc)
        doc = doc or {}
        record = {"title": doc.get("title"), "body": doc.get("text") or "", "published": doc.get("date"),
                  "publishedAt": doc.get("date"), "author": doc.get("author"), "isArticle": bool(doc.get("text")),
                  "notArticleReason": None if doc.get("text") else "no output"}
        target = os.path.join(out, rel + ".json")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
    with open(os.path.join(out, "_timing.json"), "w") as f:
        json.dump({"pages": count, "seconds": elapsed, "pagesPerSecond": count / elapsed if elapsed else 0,
                   "version": trafilatura.__version__}, f)


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
        try:
            with open(os.path.join(dumps[1], "_timing.json")) as f:
                print(f"trafilatura {json.load(f).get('version', '(version unknown)')}")
        except (OSError, ValueError):
            pass
    report(samples, dumps, labels, show_pages)


if __name__ == "__main__":
    main(sys.argv[1:])
