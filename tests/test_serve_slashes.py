"""`serve` and paths with runs of slashes: one URL for each resource, and never a redirect off this host."""

from __future__ import annotations

import socket

import pytest

from publisher import sparql
from tests.test_serve import copied_output, serving


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with serving(copied_output(tmp_path_factory, "serve-slashes"), timeout=5.0) as client:
        yield client
    sparql.shutdown()


def raw_get(served, target: bytes) -> tuple[int, dict[str, str], bytes]:
    """A GET with the request target sent byte for byte (http.client would send it too, but say so plainly)."""
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as connection:
        connection.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


@pytest.mark.parametrize(("path", "target"), [
    (b"//project/PO.0181", "/project/PO.0181"),
    (b"/project//PO.0181", "/project/PO.0181"),
    (b"///project///PO.0181", "/project/PO.0181"),
    (b"//project/PO.0181.ttl", "/project/PO.0181.ttl"),
    (b"/project//PO.0181?x=1", "/project/PO.0181?x=1"),
    (b"/project//PO.0181//", "/project/PO.0181"),
    (b"/project/PO.0181//", "/project/PO.0181"),
    (b"//catalog.ttl", "/catalog.ttl"),
    (b"//sparql?query=ASK%7B%7D", "/sparql?query=ASK%7B%7D"),
    (b"//", "/"),
])
def test_runs_of_slashes_redirect_to_the_one_path(served, path, target):
    status, headers, _ = raw_get(served, path)
    assert (status, headers.get("location")) == (301, target)
    assert raw_get(served, target.encode())[0] == 200


@pytest.mark.parametrize("path", [b"//evil.example/x", b"//evil.example", b"///evil.example/x", b"//secret.txt",
                                  b"//project/NOPE.0000", b"/project//"])
def test_a_run_of_slashes_never_redirects_elsewhere_nor_to_nothing(served, path):
    status, headers, body = raw_get(served, path)
    assert status == 404 and "location" not in headers
    assert b"do not serve me" not in body


@pytest.mark.parametrize("path", [b"//project/../secret.txt", b"/project//./PO.0181", b"//%2e%2e/secret.txt"])
def test_dot_segments_with_a_run_of_slashes_are_still_refused(served, path):
    status, headers, body = raw_get(served, path)
    assert status == 400 and "location" not in headers and b"do not serve me" not in body
