"""Facts about stored files, read from their content (never typed in by editors)."""

import dataclasses
import hashlib
import io
import warnings

from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
WEBP = "image/webp"
ZIP = "application/zip"

# Labels are the formats' own names, the same in every language.
FORMAT_LABELS = {PDF: "PDF", PNG: "PNG", JPEG: "JPEG", WEBP: "WebP", ZIP: "ZIP"}
EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", WEBP: "webp", ZIP: "zip"}
PILLOW_FORMATS = {"PNG": PNG, "JPEG": JPEG, "WEBP": WEBP}


@dataclasses.dataclass(frozen=True)
class FileInfo:
    size: int
    mime_type: str
    page_count: int | None = None
    width: int | None = None
    height: int | None = None
    document_info: dict = dataclasses.field(default_factory=dict)
    text_layer: bool | None = None
    sha256: str = ""


# A PDF's document information that can say who made it and with what.
PDF_INFO_KEYS = {
    "/Title": "title",
    "/Author": "author",
    "/Subject": "subject",
    "/Keywords": "keywords",
    "/Creator": "creator",
    "/Producer": "producer",
    "/CreationDate": "created",
    "/ModDate": "modified",
}


def pdf_has_text(data, pages=3):
    """True if the first pages have text a screen reader can read; False for scans and
    image-only PDFs (the portal's stand-ins); None if the PDF cannot be read."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        return any((page.extract_text() or "").strip() for page in reader.pages[:pages])
    except Exception:
        return None


def pdf_document_info(data):
    """The PDF's own metadata (author, software, dates) as plain text, for the editor to see."""
    try:
        metadata = PdfReader(io.BytesIO(data), strict=False).metadata or {}
    except Exception:
        return {}
    info = {}
    for key, name in PDF_INFO_KEYS.items():
        value = metadata.get(key)
        if value:
            info[name] = str(value).strip()[:300]
    return info


def sniff(head):
    """The MIME type that a file's first bytes show, or "" if none we know."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    # Archives the site builds itself (never accepted as uploads: validators allow no .zip).
    if head.startswith(b"PK\x03\x04"):
        return ZIP
    return ""


def read_all(file):
    """The file's bytes, leaving its position at the start."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def pdf_page_count(data):
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise PyPdfError("encrypted")
    return len(reader.pages)


def image_size(data):
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as img:
            return img.size


def inspect_file(file):
    """Size, format, SHA-256, and page count (PDF) or pixel size (image) of a stored or uploaded file."""
    file.open("rb")
    data = read_all(file)
    mime_type = sniff(data[:16])
    # The open data publishes each file's SHA-256 so a download can be checked; it is read
    # here, with the other facts, because rendering a page or the API never opens a file.
    info = {"size": len(data), "mime_type": mime_type, "sha256": hashlib.sha256(data).hexdigest()}
    if mime_type == PDF:
        info["page_count"] = pdf_page_count(data)
        info["document_info"] = pdf_document_info(data)
        info["text_layer"] = pdf_has_text(data)
    elif mime_type in (PNG, JPEG, WEBP):
        info["width"], info["height"] = image_size(data)
    return FileInfo(**info)


def sha256_of(file, chunk_size=1024 * 1024):
    """The SHA-256 (hex) of a stored file, read in chunks (for files saved before it was recorded)."""
    digest = hashlib.sha256()
    with file.storage.open(file.name, "rb") as fh:
        while chunk := fh.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()
