"""What an uploaded image tells the world besides its picture, removed before it is stored.

Cameras and phones write the place a photo was taken (EXIF GPS), the camera's serial
number, the editing software's history (XMP) and comments into the file. None of it
belongs on a public site, so every uploaded image is stored without it:

- JPEG: the APP1 (EXIF, XMP), APP12, APP13 (IPTC/Photoshop) and COM segments are
  dropped byte for byte, without decoding the picture (lossless, fast, little memory).
  APP0 (JFIF), APP2 (the colour profile) and APP14 (Adobe colour transform) stay.
- PNG: the tEXt, zTXt, iTXt, eXIf and tIME chunks are dropped, likewise.
- WebP: the EXIF and XMP chunks are dropped and the VP8X flags updated.

The orientation tag is the one piece of metadata that changes how the picture looks:
when it asks for a rotation or a flip, the picture is decoded, turned upright and
encoded again (JPEG at quality 92), and no tag is written.
"""

import io
import struct

from PIL import Image, ImageOps

from core.files import JPEG, PNG, WEBP, sniff

JPEG_DROPPED_MARKERS = {0xE1, 0xEC, 0xED, 0xFE}  # APP1, APP12, APP13, COM
PNG_DROPPED_CHUNKS = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
WEBP_DROPPED_CHUNKS = {b"EXIF", b"XMP "}
ORIENTATION = 0x0112


def _orientation(data, kind):
    """The orientation tag's value (1: upright), read without decoding the picture."""
    try:
        if kind == PNG:
            # Pillow's PNG getexif() decodes the whole picture to look for an eXIf chunk
            # after the image data (100 MB for 25 megapixels); the chunk list says it all.
            exif = _png_chunk(data, b"eXIf")
            return _exif_orientation(exif)
        with Image.open(io.BytesIO(data)) as image:
            return image.getexif().get(ORIENTATION, 1)
    except Exception:
        return 1


def _exif_orientation(exif_bytes):
    if not exif_bytes:
        return 1
    exif = Image.Exif()
    exif.load(exif_bytes)
    return exif.get(ORIENTATION, 1)


def _png_chunk(data, wanted):
    """The content of the first PNG chunk of type `wanted`, or None."""
    position = 8
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        if kind == wanted:
            return data[position + 8 : position + 8 + length]
        if kind == b"IEND":
            return None
        position += 12 + length
    return None


def _upright(data, pillow_format):
    """Decode, apply the orientation tag, and encode again without any metadata."""
    with Image.open(io.BytesIO(data)) as original:
        icc_profile = original.info.get("icc_profile")
        image = ImageOps.exif_transpose(original)
    image.info = {}
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if pillow_format == "JPEG":
        options.update(quality=92, optimize=True)
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
    elif pillow_format == "WEBP":
        options.update(quality=90)
    buffer = io.BytesIO()
    image.save(buffer, pillow_format, **options)
    return buffer.getvalue()


def _strip_jpeg(data):
    out = bytearray(data[:2])  # SOI
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            break
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xDA or 0xD0 <= marker <= 0xD9:  # start of scan (or a marker without length)
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        segment = data[position : position + 2 + length]
        if marker not in JPEG_DROPPED_MARKERS:
            out += segment
        position += 2 + length
    out += data[position:]
    return bytes(out)


def _strip_png(data):
    out = bytearray(data[:8])
    position = 8
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if kind not in PNG_DROPPED_CHUNKS:
            out += data[position:end]
        position = end
        if kind == b"IEND":
            break
    return bytes(out)


def _strip_webp(data):
    chunks = bytearray()
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack("<I", data[position + 4 : position + 8])
        end = position + 8 + length + (length & 1)
        chunk = bytearray(data[position:end])
        if kind == b"VP8X" and len(chunk) > 8:
            chunk[8] &= ~0x0C & 0xFF  # clear the EXIF (0x08) and XMP (0x04) flags
        if kind not in WEBP_DROPPED_CHUNKS:
            chunks += chunk
        position = end
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WEBP" + bytes(chunks)


def strip_metadata(data):
    """The image's bytes without metadata, turned upright if its orientation tag says so.

    Returns `data` unchanged for anything that is not a JPEG, PNG or WebP (a PDF).
    """
    kind = sniff(data[:16])
    if kind not in (JPEG, PNG, WEBP):
        return data
    pillow_format = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}[kind]
    if _orientation(data, kind) not in (1, 0):
        return _upright(data, pillow_format)
    if kind == JPEG:
        return _strip_jpeg(data)
    if kind == PNG:
        return _strip_png(data)
    return _strip_webp(data)
