"""A HAR as archived in ``raw/``: without cookies, auth headers and tokens.

A browser's HAR carries the session: ``Cookie``/``Set-Cookie`` and
``Authorization`` headers, ``request.cookies``/``response.cookies``, and
signing tokens in URLs and POST bodies (``msToken``, ``X-Bogus``,
``_signature``, ``verifyFp``). None of that is needed to read the numbers, and
``raw/`` is kept for good, so it is dropped before the file is stored. What
stays is what the importer reads: URLs and POST fields without their secrets,
page titles, times, and JSON response bodies. The redacted HAR parses to the
same rows as the original (``tiktui rebuild`` reads it). Written entry by
entry, like the import reads it.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

from ..base import Refused
from ..text import decode
from .har import entry_json, is_har, looks_har, stream
from .request import endpoint

_SECRET_NAMES = frozenset(
    {"fp", "verifyfp", "webid", "device_id", "install_id", "iid", "odin_tt", "uid_tt",
     "ttwid", "s_v_web_id", "x-bogus", "x_bogus", "a_bogus", "x-gnarly", "_signature",
     "signature", "cookie", "set-cookie", "authorization", "proxy-authorization"}
)  # fmt: skip
_SECRET_PARTS = ("token", "bogus", "signature", "csrf", "session", "sid_", "sid", "auth",
                 "cookie", "passport", "gnarly", "gorgon", "argus", "ladon", "khronos",
                 "x-tt-", "x-ss-", "secret", "password", "ticket")  # fmt: skip
# name=value in a URL, a form body or a header (URL-encoded names included).
_PARAM = re.compile(r"(?P<lead>^|[?&;\s])(?P<name>[A-Za-z0-9_.%-]+)=(?P<value>[^&#;\s\"']*)")
REDACTED = "redacted"


def secret(name: str) -> bool:
    """A parameter, header or cookie name that carries a credential or a signing token."""
    folded = name.strip().lower()
    if folded in _SECRET_NAMES:
        return True
    if folded in ("aid", "app_name", "type_requests", "aweme_id", "item_id"):
        return False
    return any(part in folded for part in _SECRET_PARTS)


def redact_text(text: str) -> str:
    """Every ``secret=value`` in a URL or form body, its value replaced."""

    def sub(m: re.Match[str]) -> str:
        if not secret(m.group("name")):
            return m.group(0)
        return f"{m.group('lead')}{m.group('name')}={REDACTED}"

    return _PARAM.sub(sub, text) if "=" in text else text


def _walk(node: Any) -> Any:
    if isinstance(node, str):
        return redact_text(node)
    if isinstance(node, list):
        return [_walk(x) for x in node]
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "cookies":
                out[key] = []
            elif key in ("headers", "queryString", "params") and isinstance(value, list):
                out[key] = [_pair(x) for x in value]
            else:
                out[key] = _walk(value)
        return out
    return node


def _pair(item: Any) -> Any:
    """A ``{name, value}`` header, query or form field: a secret's value goes."""
    if isinstance(item, dict) and isinstance(item.get("name"), str) and secret(item["name"]):
        return {**item, "value": REDACTED}
    return _walk(item)


def _secret_keys(node: Any) -> bool:
    if isinstance(node, dict):
        return any(secret(str(k)) or _secret_keys(v) for k, v in node.items())
    if isinstance(node, list):
        return any(_secret_keys(x) for x in node)
    return False


def redact_entry(entry: Any) -> Any:
    """One HAR entry without secrets; a response body is kept only when it can be read.

    A Studio endpoint's JSON body is kept byte for byte (captions are user text
    and must not change); another URL's JSON body only when no key in it looks
    like a credential; a page, a script or a picture never.
    """
    if not isinstance(entry, dict):
        return entry
    response = entry.get("response")
    content = response.get("content") if isinstance(response, dict) else None
    text = content.get("text") if isinstance(content, dict) else None
    out = _walk({**entry, "response": {**response, "content": {}}} if content else entry)
    if isinstance(content, dict):
        kept = {k: v for k, v in content.items() if k not in ("text", "encoding")}
        request = entry.get("request")
        url = request.get("url") if isinstance(request, dict) else None
        studio = isinstance(url, str) and endpoint(url) is not None
        body = None if studio else entry_json(entry)  # a Studio body is kept without parsing
        if isinstance(text, str) and (
            studio or (isinstance(body, (dict, list)) and not _secret_keys(body))
        ):
            kept["text"] = text
            if "encoding" in content:
                kept["encoding"] = content["encoding"]
        out["response"]["content"] = kept
    return out


def redacted_har(data: bytes) -> bytes:
    """The HAR to store in ``raw/``, built entry by entry."""
    pages, entries = stream(data)
    return _write(pages, entries)


def _write(pages: list[Any], entries: Any) -> bytes:
    out = io.BytesIO()
    head = {"version": "1.2", "creator": {"name": "tiktui", "comment": "redacted copy"},
            "pages": [_walk(p) for p in pages]}  # fmt: skip
    out.write(('{"log":' + json.dumps(head, ensure_ascii=False)[:-1] + ',"entries":[').encode())
    for i, entry in enumerate(entries):
        if i:
            out.write(b",")
        text = json.dumps(redact_entry(entry), ensure_ascii=False, separators=(",", ":"))
        out.write(text.encode("utf-8"))
    out.write(b"]}}\n")
    return out.getvalue()


def _loaded_har(data: bytes) -> bytes | None:
    """A HAR the streaming reader does not take (keys in another order, UTF-16), redacted."""
    try:
        doc = json.loads(decode(data, legacy=False)[0])
    except (Refused, ValueError):
        return None
    if not isinstance(doc, dict) or not is_har(doc):
        return None
    pages = doc["log"].get("pages")
    return _write(pages if isinstance(pages, list) else [], doc["log"]["entries"])


# Signing tokens and session ids in a URL inside any other saved capture ({url, json}
# lists, a capture extension's file): only after ? or &, so a caption is never touched.
_URL_TOKEN = re.compile(
    rb"(?<=[?&])(msToken|X-Bogus|X-Gnarly|a_bogus|_signature|verifyFp|fp|ttwid|sessionid|"
    rb"sid_tt|sid_guard|odin_tt|s_v_web_id|passport_csrf_token|tt_csrf_token|csrf_token)"
    rb"=[^&#\"'\s\\]*",
    re.IGNORECASE,
)


def redacted_text(data: bytes) -> bytes:
    """A capture other than a HAR: its URLs' tokens replaced, every other byte kept."""
    return _URL_TOKEN.sub(rb"\1=" + REDACTED.encode(), data)


def redacted_zip(data: bytes) -> bytes:
    """A ZIP whose HAR or capture entries are replaced by their redacted copies.

    Entry names, order and times are kept, so the copy reads to the same rows.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            infos = src.infolist()
            members = [(info, src.read(info)) for info in infos]
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return data  # refused by the importer anyway; nothing to store
    changed = [(info, archive_bytes(body)) for info, body in members]
    if all(new is old for (_, old), (_, new) in zip(members, changed, strict=True)):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, body in changed:
            dst.writestr(info, body)
    return out.getvalue()


def archive_bytes(data: bytes) -> bytes:
    """What ``raw/`` keeps of a file: a HAR or capture without secrets, anything else as is."""
    if looks_har(data):
        return redacted_har(data)
    if b"\x00l\x00o\x00g" in data[:4096] or (b'"log"' in data and b'"entries"' in data):
        loaded = _loaded_har(data)
        if loaded is not None:
            return loaded
    if data[:4] == b"PK\x03\x04":
        return redacted_zip(data)
    tokens_may_be_in = b"?" in data or b"&" in data  # a scan of every byte is 20 times slower
    if (
        tokens_may_be_in
        and data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")
        and _URL_TOKEN.search(data)
    ):
        return redacted_text(data)
    return data
