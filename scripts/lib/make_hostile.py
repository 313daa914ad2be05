#!/usr/bin/env python3
"""Writes hostile input files for scripts/reliability into a folder: every kind of garbage a
scraper can leave. Each file's name says what it is. Deterministic (seeded)."""
import gzip, json, os, random, sys

out = sys.argv[1]
big = "--big" in sys.argv          # also the 200 MB file and the 50 MB line (slow to write)
rng = random.Random(7)
os.makedirs(out, exist_ok=True)

def write(name, data):
    path = os.path.join(out, name) if isinstance(name, str) else os.path.join(out.encode(), name)
    with open(path, "wb") as f:
        f.write(data)

chinese = "工程师在北京开会，讨论人工智能的发展与未来的机会。" * 20
write("random-bytes.bin", bytes(rng.getrandbits(8) for _ in range(50_000)))
write("random-bytes.txt", bytes(rng.getrandbits(8) for _ in range(4_000)))
write("empty.txt", b"")
write("whitespace-only.txt", b" \n\t\n   \n")
write("nul-bytes.txt", ("标题\n正文" + "\x00" * 3 + chinese).encode())
write("mostly-nul.txt", b"\x00" * 10_000 + b"text")
utf8 = ("截断的标题\n" + chinese).encode()
write("truncated-utf8.txt", utf8[:-1])
gbk = ("截断的标题\n" + chinese).encode("gb18030")
write("truncated-gbk.txt", gbk[:-1])
write("damaged-gbk.txt", gbk[:100] + b"\xff\xfe\x80" + gbk[100:])
write("deep-html.html", b"<html><body>" + b"<div>" * 10_000 + "深处的文字".encode() + b"</div>" * 10_000 + b"</body></html>")
write("unclosed-html.html", b"<html><head><title>\xe6\xa0\x87\xe9\xa2\x98" + b"<div><p>" * 3000)
write("deep-json.json", b"[" * 100_000 + b"]" * 100_000)
write("deep-object.json", b'{"a":' * 50_000 + b"1" + b"}" * 50_000)
lines = []
for n in range(20):
    if n % 3 == 1:
        lines.append('{"title": "broken %d", "content": ' % n)
    elif n % 7 == 2:
        lines.append("not json at all %d" % n)
    else:
        lines.append(json.dumps({"url": "https://example.com/h/%d" % n, "title": "标题 %d" % n, "content": "正文 %d 段。" % n}))
write("mixed.jsonl", "\n".join(lines).encode())
write("json-not-object.json", b"42")
write("json-null-fields.json", b'{"title": null, "content": null, "url": 5}')
write("bad-gzip.txt.gz", b"\x1f\x8b\x08\x00" + bytes(rng.getrandbits(8) for _ in range(2000)))
write("gzip-bomb.txt.gz", gzip.compress(b"A" * (40 << 20)))
write("utf16-odd.txt", b"\xff\xfe" + "标题".encode("utf-16-le") + b"\x00")
write("bom-only.txt", b"\xef\xbb\xbf")
write("control-chars.txt", ("标题\x07\x1b\n" + "正文\x0b\x0c\x1f" * 100).encode())
write("only-title.txt", "只有标题\n".encode())
write("long-title.txt", ("很长的标题" * 5000 + "\n正文。\n").encode())
write(b"invalid-name-\xff\xfe.txt", "名字无效\n正文。\n".encode())
write("name with\nnewline.txt", "名字有换行\n正文。\n".encode())
write("name with 'quotes' and \\ backslash.txt", "引号\n正文。\n".encode())
os.makedirs(os.path.join(out, "loop"), exist_ok=True)
if not os.path.islink(os.path.join(out, "loop", "self")):
    os.symlink("..", os.path.join(out, "loop", "self"))
write("unreadable.txt", "不可读\n正文。\n".encode())
os.chmod(os.path.join(out, "unreadable.txt"), 0)
os.makedirs(os.path.join(out, "unreadable-dir"), exist_ok=True)
write("unreadable-dir/inside.txt", "里面\n正文。\n".encode())
os.chmod(os.path.join(out, "unreadable-dir"), 0)
if big:
    with open(os.path.join(out, "huge-200mb.txt"), "wb") as f:
        block = ("大文件\n" + chinese + "\n").encode() * 256
        for _ in range((200 << 20) // len(block) + 1):
            f.write(block)
    with open(os.path.join(out, "one-50mb-line.txt"), "wb") as f:
        f.write(("一行" * ((50 << 20) // 6)).encode()[: 50 << 20])
print(len(os.listdir(out)))
