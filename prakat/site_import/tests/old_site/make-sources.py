"""Make the small source files that make-export.php uploads into WordPress.

Run with a Python that has python-docx; the pictures are made by PHP GD in make-export.php.
"""

import os

import docx

out = os.path.join(os.environ["WXR_BUILD"], "src")
os.makedirs(out, exist_ok=True)

# 1. a minimal but valid one-page PDF, written by hand (ASCII text only; base-14 font)
text = "Old Hospital Example - Procurement announcement (e-bidding), test fixture"
stream = f"BT /F1 14 Tf 50 780 Td ({text}) Tj ET".encode()
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
    b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
]
pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for i, o in enumerate(objs, 1):
    offsets.append(len(pdf))
    pdf += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
xref = len(pdf)
pdf += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
for off in offsets:
    pdf += f"{off:010d} 00000 n \n".encode()
pdf += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
with open(f"{out}/procurement-announcement.pdf", "wb") as written:
    written.write(pdf)

# 2. a small .docx (python-docx), Thai text
d = docx.Document()
d.add_heading("แบบฟอร์มใบเสนอราคา", level=1)
d.add_paragraph("ชื่อผู้เสนอราคา ............................................")
d.add_paragraph("รายการพัสดุที่เสนอ ............................................")
d.add_paragraph("ราคารวมภาษีมูลค่าเพิ่ม ................................ บาท")
d.add_paragraph("ลงชื่อ ................................ ผู้เสนอราคา")
d.save(f"{out}/price-quotation-form.docx")
print(sorted(os.listdir(out)))
