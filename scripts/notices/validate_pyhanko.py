"""Validate the PAdES seal of a PDF with pyHanko, trusting the given root certificate.

Usage: validate_pyhanko.py FILE.pdf ROOT.pem
Prints one line per check and ends with "RESULT intact=<bool> valid=<bool> trusted=<bool> coverage=<name>".
Exit code 0 when the signature is intact and valid, 1 otherwise.
"""

import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def main() -> int:
    pdf_path, root_path = sys.argv[1], sys.argv[2]
    root = load_cert_from_pemder(root_path)
    context = ValidationContext(trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail")
    with open(pdf_path, "rb") as handle:
        reader = PdfFileReader(handle)
        signatures = reader.embedded_signatures
        if not signatures:
            print("RESULT no signature")
            return 1
        status = validate_pdf_signature(signatures[-1], context)
        print(status.pretty_print_details())
        print(
            f"RESULT intact={status.intact} valid={status.valid} trusted={status.trusted} "
            f"coverage={status.coverage.name} bottom_line={status.bottom_line}"
        )
        return 0 if status.intact and status.valid else 1


if __name__ == "__main__":
    sys.exit(main())
