#!/usr/bin/env python3
"""Writes a corpus of text with stray or legacy bytes into a folder, for scripts/reliability and
for measuring the decoder: English text and HTML with a few windows-1252 / Latin-1 / Mac Roman
bytes, Russian in KOI8-R and windows-1251, Greek in ISO-8859-7, Czech and Polish in ISO-8859-2 and
windows-1250, UTF-8 with a few stray bytes, Chinese in GBK and Big5, and binary files (PNG, ZIP,
random bytes) that must stay rejected. Deterministic (seeded).

Each file's name starts with its class and what it should decode as, `CLASS.EXPECTED.N.ext`:
EXPECTED is an encoding name as etl.files records it, or `reject` for binary. `--manifest` prints
one line per file: name, class, expected."""
import io, os, random, struct, sys, zipfile, zlib

out = sys.argv[1]
manifest = "--manifest" in sys.argv
per_class = 12
rng = random.Random(24)
os.makedirs(out, exist_ok=True)
written = []

def write(cls, expected, ext, data):
    name = f"{cls}.{expected}.{len([w for w in written if w[1] == cls]):03d}.{ext}"
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    written.append((name, cls, expected))

ENGLISH = ("The committee met on Tuesday to discuss the budget for the coming year. Members said the "
           "proposal would cut spending on roads and raise funds for schools. The mayor said she was "
           "pleased with the outcome, although several residents objected to the plan. ").split()
FRENCH = ("La Belle et la Bête est un conte traditionnel français. Les élèves étudient à l'école où "
          "ils apprennent la littérature, l'histoire et la géographie. Ça se passe très bien.").split()
GERMAN = ("Die Größe der Stadt überrascht viele Besucher. Man fährt über die Brücke und schaut auf "
          "die Häuser am Ufer. Für Kinder gibt es einen schönen Spielplatz.").split()
RUSSIAN = ("Москва является столицей России и крупнейшим городом страны. В городе живут миллионы людей, "
           "работают театры, музеи и университеты. Вечером улицы наполняются светом.").split()
GREEK = ("Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της χώρας. Στην πόλη "
         "υπάρχουν πολλά μουσεία, θέατρα και αρχαία μνημεία που επισκέπτονται οι τουρίστες.").split()
CZECH = ("Praha je hlavní město České republiky. Na řece Vltavě leží Karlův most, který spojuje "
         "Staré Město a Malou Stranu. Příliš žluťoučký kůň úpěl ďábelské ódy.").split()
POLISH = ("Warszawa jest stolicą Polski i największym miastem kraju. Nad Wisłą leżą stare kamienice, "
          "a w centrum miasta stoi Pałac Kultury i Nauki. Zażółć gęślą jaźń.").split()
CHINESE_S = "工程师在北京开会，讨论人工智能的发展与未来的机会。市民表示，这项计划将改善城市的交通状况。"
CHINESE_T = "工程師在臺北開會，討論人工智慧的發展與未來的機會。市民表示，這項計畫將改善城市的交通狀況。"

def prose(words, n):
    return " ".join(rng.choice(words) for _ in range(n))

def paragraphs(words, count=6, length=60):
    return "\n\n".join(prose(words, length) for _ in range(count))

def html(title, body):
    paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
    return f"<!doctype html>\n<html><head><title>{title}</title></head>\n<body><h1>{title}</h1>\n{paras}</body></html>\n"

def sprinkle(text, pieces, count):
    """`count` of `pieces` put into `text` at word boundaries or inside words."""
    words = text.split(" ")
    for _ in range(count):
        i = rng.randrange(len(words))
        words[i] = words[i] + rng.choice(pieces)
    return " ".join(words)

for n in range(per_class):
    # ASCII English with a few windows-1252 quotes, dashes, apostrophes: windows-1252.
    body = paragraphs(ENGLISH)
    body = sprinkle(body, [" \x93quoted\x94", "\x92s", " \x96 aside", "\x85"], rng.randint(1, 6))
    data = (html("Budget \x93approved\x94", body) if n % 2 else "Budget news\n\n" + body).encode("latin-1")
    write("en-cp1252", "windows-1252", "html" if n % 2 else "txt", data)

    # English with one stray byte windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D):
    # decoded, the byte U+FFFD, counted as invalid.
    body = paragraphs(ENGLISH)
    words = body.split(" ")
    i = rng.randrange(len(words))
    stray = chr(rng.choice([0x81, 0x8D, 0x8F, 0x90, 0x9D]))
    words[i] = stray if n % 2 else "\x93" + words[i] + stray
    body = " ".join(words)
    write("en-undefined", "windows-1252", "txt", ("Title\n\n" + body).encode("latin-1"))
    # The same byte attached to a word: it may be a Mac Roman letter (0x90 is ê in `B\x90te`);
    # decoded either way, never rejected.
    words = paragraphs(ENGLISH).split(" ")
    i = rng.randrange(len(words))
    words[i] = [words[i] + stray, "B" + stray + "te"][n % 2]
    write("en-stray-in-word", "decoded", "txt", ("Title\n\n" + " ".join(words)).encode("latin-1"))

    # English with French or German words in Latin-1 (a few accents): windows-1252.
    body = paragraphs(ENGLISH) + "\n\n" + prose(FRENCH if n % 2 else GERMAN, 25)
    write("latin1-words", "windows-1252", "html" if n % 3 == 0 else "txt",
          (html("Notes", body) if n % 3 == 0 else "Notes\n\n" + body).encode("latin-1"))

    # Whole French or German pages in Latin-1.
    body = paragraphs(FRENCH if n % 2 else GERMAN)
    write("latin1-page", "windows-1252", "txt", ("Titre\n\n" + body).encode("latin-1"))

    # English with Mac Roman accented letters inside words (ê is 0x90, é 0x8E, ü 0x9F).
    body = paragraphs(ENGLISH)
    body = sprinkle(body, [" La Belle et la Bête", " the café crème", " the naïve résumé", " Müller"], 3)
    write("en-macroman", "macintosh", "txt", ("Title\n\n" + body).encode("mac-roman"))

    # UTF-8 text with valid multi-byte characters and three stray bytes: UTF-8, three U+FFFD.
    body = paragraphs(ENGLISH) + "\n\nCafé — “quoted” – naïve. " + prose(FRENCH, 30)
    data = bytearray(("Title\n\n" + body).encode("utf-8"))
    for _ in range(3):
        while True:
            i = rng.randrange(len(data) - 1)
            if data[i] < 0x80 and data[i + 1] < 0x80: break
        data.insert(i + 1, rng.choice([0x90, 0xE9, 0x93, 0xFF]))
    write("utf8-strays", "utf-8", "txt", bytes(data))

    # Chinese UTF-8 with a few stray bytes: UTF-8.
    data = bytearray(("标题\n\n" + CHINESE_S * 8).encode("utf-8"))
    for _ in range(rng.randint(1, 3)):
        data.insert(rng.choice([i for i in range(1, len(data)) if data[i] & 0xC0 != 0x80]), 0xFF)
    write("zh-utf8-strays", "utf-8", "txt", bytes(data))

    # Russian: KOI8-R and windows-1251.
    body = paragraphs(RUSSIAN, 4, 50)
    write("ru-koi8r", "koi8-r", "txt", ("Новости\n\n" + body).encode("koi8-r"))
    write("ru-cp1251", "windows-1251", "html" if n % 2 else "txt",
          (html("Новости", body) if n % 2 else "Новости\n\n" + body).encode("cp1251"))

    # Greek in ISO-8859-7.
    write("el-iso8859-7", "iso-8859-7", "txt", ("Ειδήσεις\n\n" + paragraphs(GREEK, 4, 50)).encode("iso8859-7"))

    # Czech and Polish: ISO-8859-2 and windows-1250.
    body = paragraphs(CZECH if n % 2 else POLISH, 4, 60)
    write("cs-pl-iso8859-2", "iso-8859-2", "txt", ("Zprávy\n\n" + body).encode("iso8859-2"))
    write("cs-pl-cp1250", "windows-1250", "txt", ("Zprávy\n\n" + body).encode("cp1250"))

    # Chinese in GBK and Big5: as before.
    write("zh-gbk", "gb18030", "txt", ("标题\n\n" + CHINESE_S * rng.randint(2, 8)).encode("gbk"))
    write("zh-big5", "big5-hkscs", "txt", ("標題\n\n" + CHINESE_T * rng.randint(2, 8)).encode("big5"))

    # Binary: PNG (header, IHDR, compressed noise), ZIP, random bytes. Rejected.
    raw = bytes(rng.getrandbits(8) for _ in range(rng.randint(2000, 20000)))
    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    write("bin-png", "reject", "png" if n % 2 else "txt", png)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.bin", raw)
    write("bin-zip", "reject", "txt", buffer.getvalue())
    write("bin-random", "reject", "txt", bytes(rng.getrandbits(8) for _ in range(rng.randint(500, 8000))))

if manifest:
    for name, cls, expected in written:
        print(f"{name}\t{cls}\t{expected}")
else:
    print(len(written))
