#!/usr/bin/env python3
"""png_colours.py FILE MIN: exit 0 if the 8-bit RGB(A) PNG has at least MIN distinct colours.

Decodes the image with the standard library only (zlib and the PNG filters), so the
browser test can tell a drawn page from a blank one without an imaging package.
"""
import struct
import sys
import zlib


def rows(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "only 8-bit RGB or RGBA"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, prev = zlib.decompress(idat), width * channels, bytearray(width * channels)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        yield line, channels


def main():
    path, wanted = sys.argv[1], int(sys.argv[2])
    colours = set()
    for y, (line, ch) in enumerate(rows(path)):
        if y % 4 == 0:
            colours.update(bytes(line[i:i + 3]) for i in range(0, len(line), ch * 4))
    print(f"{len(colours)} distinct colours")
    sys.exit(0 if len(colours) >= wanted else 1)


main()
