"""Fetching a web page safely: http(s) only, every hop's address checked, size and time bounded.

The fetcher resolves the host name itself, refuses private, loopback,
link-local and reserved addresses however they are written (localhost, [::1],
2130706433, 0x7f.1, a name that resolves to 127.0.0.1, a redirect to one),
and connects to the address it checked, so DNS cannot change the answer in
between. Hosts listed in SOURCE_FETCH_ALLOWED_HOSTS (names, addresses or
networks) are let through. No Flask here.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import urllib3

from caseapp.errors import N_, ServiceError
from caseapp.sources.limits import URL_MAX

MAX_REDIRECTS = 5
MAX_BYTES = 15 * 1024 * 1024
TIMEOUT = urllib3.Timeout(connect=5.0, read=5.0)
DEADLINE = 20.0  # seconds for the whole fetch, redirects included (SOURCE_FETCH_SECONDS)
USER_AGENT = "caseapp-source-preserver/1.0 (+evidence preservation for human-rights casework)"


@dataclass(frozen=True)
class AllowedHosts:
    names: frozenset[str] = frozenset()
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def parse(cls, setting: str | None) -> AllowedHosts:
        names, networks = set(), []
        for item in (setting or "").split(","):
            item = item.strip().lower()
            if not item:
                continue
            try:
                networks.append(ipaddress.ip_network(item.strip("[]"), strict=False))
            except ValueError:
                names.add(item)
        return cls(frozenset(names), tuple(networks))

    def allows(self, host: str, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return host.lower() in self.names or any(address in network for network in self.networks)


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    content_type: str
    retrieved_at: datetime
    hops: list[str] = field(default_factory=list)


class FetchRefused(ServiceError):
    """The address or the answer is not one caseapp will fetch or keep."""


# NAT64's well-known prefix and the local-use one: the last 32 bits are an IPv4 address the gateway reaches.
NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def _embedded(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address leads to: mapped, 6to4, Teredo or NAT64."""
    found = [a for a in (address.ipv4_mapped, address.sixtofour) if a is not None]
    if address.teredo is not None:
        found += list(address.teredo)
    if any(address in network for network in NAT64):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def _plainly_public(address) -> bool:
    return address.is_global and not (address.is_multicast or address.is_reserved or address.is_private
                                      or address.is_loopback or address.is_link_local or address.is_unspecified
                                      or getattr(address, "is_site_local", False))


def _public(address) -> bool:
    """Whether the address, and every IPv4 address it leads to, is on the public internet."""
    embedded = _embedded(address) if isinstance(address, ipaddress.IPv6Address) else []
    return all(_plainly_public(a) for a in [address, *embedded])


def resolve(host: str, port: int, allowed: AllowedHosts):
    """The address to connect to for host: every address the name has must be acceptable."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchRefused(N_("The host name %(host)s could not be resolved."), "url", host=host) from None
    # IPv4 first: many servers answer only there, and a name like localhost has both.
    addresses = sorted({ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos},
                       key=lambda address: (address.version, int(address)))
    for address in addresses:
        if not _public(address) and not allowed.allows(host, address):
            raise FetchRefused(N_("%(host)s points to a private or reserved address; caseapp does not fetch "
                                  "from there."), "url", host=host)
    return addresses[0]


def _check_url(url: str) -> tuple[str, str, int, str]:
    try:
        parts = urlsplit(url)
        port = parts.port
        hostname = parts.hostname
    except ValueError:
        raise FetchRefused(N_("This is not a web address caseapp can fetch."), "url") from None
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(N_("Only http and https addresses can be fetched."), "url")
    if not hostname or parts.username or parts.password:
        raise FetchRefused(N_("This is not a web address caseapp can fetch."), "url")
    port = port or (443 if parts.scheme == "https" else 80)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, hostname, port, path


def _too_slow(seconds: float) -> FetchRefused:
    return FetchRefused(N_("The page took longer than %(seconds)s seconds to arrive; nothing was stored."), "url",
                        seconds=f"{seconds:g}")


def _read(response, max_bytes: int, deadline: float, seconds: float) -> bytes:
    # Checked between reads only: a server that drips bytes can hold one read, which is why fetch runs
    # in a child process that is killed at the deadline (caseapp.sandbox).
    chunks, size = [], 0
    for chunk in response.stream(64 * 1024, decode_content=True):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            break
        if time.monotonic() > deadline:
            raise _too_slow(seconds)
    return b"".join(chunks)


def _request(url: str, allowed: AllowedHosts, max_bytes: int, deadline: float, seconds: float):
    scheme, host, port, path = _check_url(url)
    address = resolve(host, port, allowed)
    host_header = host if port in (80, 443) else f"{host}:{port}"
    if ":" in host and not host.startswith("["):
        host_header = f"[{host}]" if port in (80, 443) else f"[{host}]:{port}"
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(str(address), port, timeout=TIMEOUT, retries=False,
                                           server_hostname=host, assert_hostname=host, cert_reqs="CERT_REQUIRED")
    else:
        pool = urllib3.HTTPConnectionPool(str(address), port, timeout=TIMEOUT, retries=False)
    try:
        response = pool.urlopen("GET", path, headers={"Host": host_header, "User-Agent": USER_AGENT,
                                                      "Accept": "text/html,application/pdf,text/plain;q=0.9,*/*;q=0.5"},
                                redirect=False, preload_content=False, decode_content=True)
        content = _read(response, max_bytes, deadline, seconds) if response.status < 300 else b""
        response.release_conn()
    except urllib3.exceptions.HTTPError as error:
        raise FetchRefused(N_("The page could not be fetched: %(reason)s."), "url",
                           reason=error.__class__.__name__) from None
    finally:
        pool.close()
    if len(content) > max_bytes:
        raise FetchRefused(N_("The page is larger than %(size)s MB."), "url", size=max_bytes // (1024 * 1024))
    return response, content


def fetch(url: str, allowed: AllowedHosts = AllowedHosts(), max_bytes: int = MAX_BYTES,
          seconds: float = DEADLINE) -> Fetched:
    """Fetch url, following at most MAX_REDIRECTS redirects, each checked like the first request."""
    if not isinstance(url, str) or len(url) > URL_MAX:
        raise FetchRefused(N_("This is not a web address caseapp can fetch."), "url")
    current, hops = url.strip(), []
    deadline = time.monotonic() + seconds
    for _ in range(MAX_REDIRECTS + 1):
        if time.monotonic() > deadline:
            raise _too_slow(seconds)
        response, content = _request(current, allowed, max_bytes, deadline, seconds)
        hops.append(current)
        if response.status in (301, 302, 303, 307, 308):
            location = response.headers.get("Location")
            if not location:
                raise FetchRefused(N_("The page redirected without saying where to."), "url")
            current = urljoin(current, location)
            continue
        if response.status >= 400:
            raise FetchRefused(N_("The server answered %(status)s; nothing was stored."), "url",
                               status=response.status)
        headers = {key: value for key, value in response.headers.items()}
        return Fetched(url=url, final_url=current, status=response.status, headers=headers, content=content,
                       content_type=headers.get("Content-Type", ""), retrieved_at=datetime.now(timezone.utc),
                       hops=hops)
    raise FetchRefused(N_("The page redirected more than %(max)s times."), "url", max=MAX_REDIRECTS)
