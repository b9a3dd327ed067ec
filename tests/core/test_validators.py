"""The shared upload check: content, not names, decides."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.validators import validate_document_or_image, validate_image, validate_pdf


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def codes(error):
    return [e.code for e in error.value.error_list]


def test_a_real_pdf_is_accepted(pdf_bytes):
    validate_pdf(upload("report.pdf", pdf_bytes))


def test_text_named_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_pdf(upload("report.pdf", b"just some text, not a PDF at all"))
    assert codes(error) == ["mismatch"]


def test_html_renamed_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_pdf(upload("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"))
    assert codes(error) == ["html"]


def test_executable_renamed_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_pdf(upload("report.pdf", b"MZ\x90\x00" + b"\x00" * 100))
    assert codes(error) == ["executable"]


def test_pdf_header_with_broken_body_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_pdf(upload("report.pdf", b"%PDF-1.7\nthis is not really a pdf\n"))
    assert codes(error) == ["broken_pdf"]


def test_oversized_file_is_refused(settings, pdf_bytes):
    settings.PORTAL_MAX_DOCUMENT_BYTES = len(pdf_bytes) - 1
    with pytest.raises(ValidationError) as error:
        validate_pdf(upload("report.pdf", pdf_bytes))
    assert codes(error) == ["too_large"]


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_pdf(upload("report.pdf", b""))
    assert codes(error) == ["empty"]


def test_pdf_with_another_extension_is_refused(pdf_bytes):
    with pytest.raises(ValidationError) as error:
        validate_pdf(upload("report.exe", pdf_bytes))
    assert codes(error) == ["extension"]


def test_a_real_png_is_accepted(png_bytes):
    validate_image(upload("map.png", png_bytes, "image/png"))


def test_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError) as error:
        validate_image(upload("logo.svg", svg, "image/svg+xml"))
    assert codes(error) == ["svg"]


def test_svg_renamed_png_is_refused():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'
    with pytest.raises(ValidationError) as error:
        validate_image(upload("logo.png", svg, "image/png"))
    assert codes(error) == ["svg"]


def test_image_over_the_pixel_limit_is_refused(settings):
    settings.PORTAL_MAX_IMAGE_PIXELS = 100 * 100
    buffer = io.BytesIO()
    Image.new("L", (200, 200)).save(buffer, "PNG")
    with pytest.raises(ValidationError) as error:
        validate_image(upload("big.png", buffer.getvalue(), "image/png"))
    assert codes(error) == ["too_many_pixels"]


def test_truncated_image_is_refused():
    buffer = io.BytesIO()
    Image.effect_noise((400, 400), 50).convert("RGB").save(buffer, "JPEG")
    with pytest.raises(ValidationError) as error:
        validate_image(upload("photo.jpg", buffer.getvalue()[:2000], "image/jpeg"))
    assert codes(error) == ["broken_image"]


def test_pdf_is_accepted_where_documents_or_images_are(pdf_bytes, png_bytes):
    validate_document_or_image(upload("card.pdf", pdf_bytes))
    validate_document_or_image(upload("card.png", png_bytes, "image/png"))


def test_pdf_is_refused_where_only_images_are(pdf_bytes):
    with pytest.raises(ValidationError) as error:
        validate_image(upload("card.pdf", pdf_bytes))
    assert codes(error) == ["extension"]
