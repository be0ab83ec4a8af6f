import pytest

from caseapp.auth.redirects import safe_next


@pytest.mark.parametrize("target", ["/cases", "/cases/3?tab=history", "/", "/profile#tokens"])
def test_paths_on_this_site_are_kept(target):
    assert safe_next(target) == target


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "cases",
        "/\tevil",
        "/cases\r\nSet-Cookie: x=1",
        "",
        None,
        "/" + "a" * 3000,
        "http:/evil.example",
    ],
)
def test_everything_else_is_refused(target):
    assert safe_next(target) is None
