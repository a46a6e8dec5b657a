"""The pickup code's QR, in the email and on the order page, reads back with a standard
decoder: a full QR code, never the Micro QR that phone cameras and desk scanners miss."""

import io

import pytest
import zxingcpp
from PIL import Image

from storefront.pickup.links import code_qr

CODES = ["7K3MPX", "AB2CD3", "Z9Z9Z9"]


@pytest.mark.parametrize("code", CODES)
def test_the_pickup_code_is_a_standard_qr_that_reads_back(code: str) -> None:
    qr = code_qr(code)
    assert not qr.is_micro
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=10, border=4)
    [found] = zxingcpp.read_barcodes(Image.open(io.BytesIO(buffer.getvalue())))
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.text == code
