"""Chatter's XML answers: the DRF renderer a Chatter view lists to answer
``Accept: application/xml`` as Salesforce does.

- A body is the view's ``xml_root`` element (``<photo>``) holding one element per property, in
  the JSON body's order; a nested object is an element of its own, a list repeats the
  property's element, null is an empty element with ``xsi:nil="true"``, booleans are
  ``true``/``false``.
- The format is chosen by the ``Accept`` header only (:class:`AcceptNegotiation`): Salesforce
  has no ``?format=`` parameter, and ignores a request parameter a resource does not take.
- An error answer is Salesforce's XML error body:
  ``<Errors><Error><errorCode>NOT_FOUND</errorCode><message>...</message></Error></Errors>``.

The body is built with ElementTree, which escapes every text and attribute value, so a value a
client stored (a name, a message quoting its input) cannot change the document's structure.
"""

import re
import xml.etree.ElementTree as ET

from rest_framework.renderers import BaseRenderer
from rest_framework.settings import api_settings

from photos.dialects.base import LenientNegotiation

XSI = "http://www.w3.org/2001/XMLSchema-instance"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>'
# what XML 1.0 cannot hold at all, even escaped (JSON can: a control character in an ID)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class XMLRenderer(BaseRenderer):
    media_type = "application/xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        context = renderer_context or {}
        response = context.get("response")
        if data is None or (response is not None and response.status_code == 204):
            return b""
        if response is not None and getattr(response, "exception", False):
            root = errors_element(data)
        else:
            view = context.get("view")
            root = ET.Element(getattr(view, "xml_root", None) or "response")
            fill(root, data)
        if any(element.get(f"{{{XSI}}}nil") for element in root.iter()):
            ET.register_namespace("xsi", XSI)
        return DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8")


def errors_element(data) -> ET.Element:
    """Salesforce's ``<Errors>``: one ``<Error>`` per item of the JSON error list."""
    root = ET.Element("Errors")
    for item in data if isinstance(data, list) else [data]:
        error = ET.SubElement(root, "Error")
        fill(error, item if isinstance(item, dict) else {"message": item})
    return root


def fill(element: ET.Element, value) -> None:
    if value is None:
        element.set(f"{{{XSI}}}nil", "true")
    elif isinstance(value, dict):
        for name, item in value.items():
            for one in item if isinstance(item, list) else [item]:
                fill(ET.SubElement(element, str(name)), one)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    else:
        element.text = _NOT_XML.sub("\ufffd", str(value))


class _AcceptOnly:
    """DRF's settings, without the ``?format=`` override."""

    URL_FORMAT_OVERRIDE = None

    def __getattr__(self, name):
        return getattr(api_settings, name)


class AcceptNegotiation(LenientNegotiation):
    settings = _AcceptOnly()
