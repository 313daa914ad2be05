#!/usr/bin/env python3
"""Packs saved pages into WARC files the way a crawler records them, for scripts/bench and
scripts/reliability: one .warc.gz per day folder (gzip per record), a warcinfo record, then for
each page a request and a response record (its HTTP body sent plain, chunked, gzip-encoded or both,
in turn; Content-Type with the right charset, none, or a wrong one), a metadata record every tenth
page, and one image response per day. WARC-Date is the file's mtime, so the newer copy of a URL wins
as it does for the files; the target URI is made from the page's path. Deterministic.

Usage: make_warc.py ROOT OUT [--list FILE]   (FILE: paths relative to ROOT, one a line; default:
every .html/.htm file under ROOT)
"""
import argparse, datetime, gzip, os, uuid

parser = argparse.ArgumentParser()
parser.add_argument("root")
parser.add_argument("out")
parser.add_argument("--list")
args = parser.parse_args()

if args.list:
    paths = [line.strip() for line in open(args.list) if line.strip()]
else:
    paths = [os.path.relpath(os.path.join(d, f), args.root) for d, _, fs in os.walk(args.root)
             for f in fs if f.lower().endswith((".html", ".htm"))]
paths.sort()
days = {}
for path in paths:
    days.setdefault(path.split("/")[0] if "/" in path else "pages", []).append(path)

def record_id(*parts):
    return "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts))

def record(kind, rid, date, content_type, block, uri=None):
    head = ["WARC/1.1", "WARC-Type: " + kind, "WARC-Record-ID: " + rid, "WARC-Date: " + date]
    if uri:
        head.append("WARC-Target-URI: " + uri)
    head += ["Content-Type: " + content_type, "Content-Length: %d" % len(block)]
    data = ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"
    return gzip.compress(data, compresslevel=6, mtime=0)

def chunked(body):
    out = b""
    for start in range(0, len(body), 8192):
        piece = body[start:start + 8192]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"

os.makedirs(args.out, exist_ok=True)
for day, pages in sorted(days.items()):
    with open(os.path.join(args.out, day + ".warc.gz"), "wb") as out:
        out.write(record("warcinfo", record_id(day, "info"), day + "T00:00:00Z", "application/warc-fields",
                         b"software: make_warc.py\r\nformat: WARC File Format 1.1\r\n"))
        for n, path in enumerate(pages):
            full = os.path.join(args.root, path)
            body = open(full, "rb").read()
            date = datetime.datetime.fromtimestamp(os.stat(full).st_mtime, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            uri = "https://bench.example.test/" + path
            request = ("GET /%s HTTP/1.1\r\nHost: bench.example.test\r\nUser-Agent: make_warc\r\n\r\n" % path).encode()
            out.write(record("request", record_id(path, "request"), date, "application/http; msgtype=request", request, uri))
            headers = ["HTTP/1.1 200 OK", ["Content-Type: text/html; charset=utf-8", "Content-Type: text/html",
                                          "Content-Type: text/html; charset=iso-8859-1"][n % 3]]
            payload = body
            if n % 4 in (1, 2):
                payload = gzip.compress(payload, mtime=0)
                headers.append("Content-Encoding: gzip")
            if n % 4 in (0, 2):
                payload = chunked(payload)
                headers.append("Transfer-Encoding: chunked")
            else:
                headers.append("Content-Length: %d" % len(payload))
            response = ("\r\n".join(headers) + "\r\n\r\n").encode() + payload
            out.write(record("response", record_id(path, "response"), date, "application/http; msgtype=response", response, uri))
            if n % 10 == 9:
                out.write(record("metadata", record_id(path, "metadata"), date, "application/warc-fields",
                                 ("via: %s\r\n" % uri).encode(), uri))
        image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n" + b"\x89PNG\r\n\x1a\n" + bytes(64)
        out.write(record("response", record_id(day, "logo"), day + "T00:00:00Z", "application/http; msgtype=response",
                         image, "https://bench.example.test/logo.png"))
