"""Schemathesis hooks: a serializer for request bodies of type application/pdf (POST
/notices/verify), which schemathesis cannot produce on its own; the generated value is sent as raw
bytes."""

import schemathesis


@schemathesis.serializer("application/pdf")
def pdf(ctx, value):
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    return str(value).encode("utf-8")
