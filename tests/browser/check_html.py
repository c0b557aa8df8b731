#!/usr/bin/env python3
"""Check what headless Chromium made of the `dw schedule --html` page.

    check_html.py DOM.html SCHEDULE.json SHOT.png DARK.png [WIDE-DOM.html...]

DOM.html is `chromium --dump-dom` of the page opened with `?measure` in a
1280-pixel-wide window and a reader time zone other than the team's;
SCHEDULE.json is `dw --json schedule` for the same weeks; each WIDE-DOM.html
is another page (the longest roster text) that must fit the window too. Only the
standard library: html.parser for the DOM, zlib for the PNG screenshots.
"""

import json
import struct
import sys
import zlib
from html.parser import HTMLParser


class Cells(HTMLParser):
    """Collects the elements that carry data-week, and the root's measures."""

    def __init__(self):
        super().__init__()
        self.root = {}
        self.holders = {}  # (week, role) -> member
        self.covers = set()  # (week, role, member, from, to)
        self.away = set()  # (week, member)
        self.weeks = []
        self.readers = 0
        self.today = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "html":
            self.root = a
        if tag == "tbody" and "data-week" in a:
            self.weeks.append(a["data-week"])
        if "holder" in cls:
            self.holders[(a["data-week"], a["data-role"])] = a["data-member"]
        if "cover" in cls and tag == "div":
            self.covers.add((a["data-week"], a["data-role"], a["data-member"], a["data-from"], a["data-to"]))
        if tag == "li" and "data-week" in a:
            self.away.add((a["data-week"], a["data-member"]))
        if tag == "span" and "reader" in cls:
            self.readers += 1
        if a.get("aria-current") == "date":
            self.today.append(a.get("data-date"))


def png_pixels(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or color not in (2, 6) or interlace:
        raise SystemExit(f"{path}: unexpected PNG format depth={depth} color={color}")
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up = prev[x]
            corner = prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[x] = (line[x] + pred) & 255
        rows.append([tuple(line[x : x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return width, height, rows


def screenshot_stats(path):
    width, height, rows = png_pixels(path)
    colors, counts = set(), {}
    for row in rows[::2]:
        for px in row[::2]:
            colors.add(px)
            counts[px] = counts.get(px, 0) + 1
    background, most = max(counts.items(), key=lambda kv: kv[1])
    total = sum(counts.values())
    lum = sum(background) / 3 / 255
    return width, height, len(colors), 1 - most / total, lum


def main():
    dom_path, json_path, shot, dark = sys.argv[1:5]
    failures = []
    page = Cells()
    page.feed(open(dom_path, encoding="utf-8").read())
    schedule = json.load(open(json_path, encoding="utf-8"))
    roles = sorted({role for (_, role) in page.holders})

    weeks = [str(w["week"]) for w in schedule["weeks"]]
    if page.weeks != weeks:
        failures.append(f"row groups {page.weeks[:5]}... differ from JSON weeks {weeks[:5]}...")
    named = len({r for (_, r) in page.holders})
    for w in schedule["weeks"]:
        k = str(w["week"])
        for r in w["ranks"]:
            if r["rank"] <= named:
                got = page.holders.get((k, r["role"]))
                if got != r["id"]:
                    failures.append(f"week {k} {r['role']}: page {got!r}, JSON {r['id']!r}")
        for c in w["covers"]:
            if c["rank"] <= named and (k, c["role"], c["id"], c["from"], c["to"]) not in page.covers:
                failures.append(f"week {k}: cover {c} missing")
        for a in w["away"]:
            if (k, a["id"]) not in page.away:
                failures.append(f"week {k}: {a['id']} away missing")
    print(f"DOM: {len(page.weeks)} weeks, {len(page.holders)} role cells ({', '.join(roles)}), "
          f"{len(page.covers)} covers, {len(page.away)} away entries, today {page.today}")

    scroll = int(page.root.get("data-scroll-width", "-1"))
    client = int(page.root.get("data-client-width", "-1"))
    print(f"width: scrollWidth {scroll}, clientWidth {client} (window 1280)")
    if scroll < 0:
        failures.append("the page's script did not run (no data-scroll-width): blocked by its policy?")
    elif scroll > client or scroll > 1280:
        failures.append(f"horizontal scrolling: scrollWidth {scroll} > clientWidth {client}")
    if page.readers == 0:
        failures.append("no handoff was shown in the reader's time zone")
    else:
        print(f"reader's time zone: {page.readers} handoffs converted by the page's script")
    if page.today != ["2026-03-03"]:
        failures.append(f"today cells {page.today}, expected ['2026-03-03']")

    for name, path, want_dark in (("light", shot, False), ("dark", dark, True)):
        width, height, colors, ink, lum = screenshot_stats(path)
        print(f"screenshot {name}: {width}x{height}, {colors} distinct colours, "
              f"{ink:.1%} not background, background brightness {lum:.2f}")
        if width != 1280:
            failures.append(f"{name} screenshot is {width} wide")
        if colors < 12 or ink < 0.05:
            failures.append(f"{name} screenshot looks blank ({colors} colours, {ink:.1%} ink)")
        if want_dark != (lum < 0.5):
            failures.append(f"{name} screenshot background brightness {lum:.2f}")

    for wide in sys.argv[5:]:
        other = Cells()
        other.feed(open(wide, encoding="utf-8").read())
        scroll = int(other.root.get("data-scroll-width", "-1"))
        client = int(other.root.get("data-client-width", "-1"))
        print(f"width of {wide.rsplit('/', 1)[-1]}: scrollWidth {scroll}, clientWidth {client}")
        if scroll < 0 or scroll > client or scroll > 1280:
            failures.append(f"{wide}: scrollWidth {scroll} > clientWidth {client}")

    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
