"""Tests for according.ingest.html on the bundled Global Voices pages and hand-made edge cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from according.errors import InputError
from according.ingest import html

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PAGES = ["globalvoices-north-korea-journalists", "globalvoices-middle-east-bloggers-obama"]

#: Reader comments (from each page's <ol class="commentlist">) and site chrome that must not be in the text.
NOT_IN_TEXT = {
    "globalvoices-north-korea-journalists": [
        "Who really thinks the Jackson - Richardson formula is still viable",
        "I think it’s bad form for Al Gore to do so little",
        "thank you for pointing that. i apologize for missing that out.",
        "Guide:  How about 3 US passport holding journalists?",
        "LOL the script is very helpful.",
    ],
    "globalvoices-middle-east-bloggers-obama": [
        "Were there any positive reactions at all?",
        "When I find some, I will make sure I post them",
        "Thank you for your observation Ted.",
        "Given the scope, seriousness and tractability of the problems",
    ],
}
CHROME = [
    "The world is talking. Are you listening?",
    "Translated every day by Lingua volunteers",
    "Name (required)",
    "Email (will not be published)",
    "This site is licensed under",
    "Share this article with social bookmarking",
]
#: A page in the usual modern shape: metadata in <head>, an <article>, then a comments section.
PAGE = """<!DOCTYPE html><html><head><title>Iran arms proxies | Example News</title>
<meta property="og:title" content="Iran arms proxies in Iraq">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2018-09-01T10:30:00+02:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Iran arms proxies in Iraq</h1>
<p>A report published by Reuters on Friday revealed that Iran is moving ballistic missiles into Iraq.</p>
<p>“The logic was to have a backup plan if Iran was attacked,” one of the Iranian officials explained.</p>
<p>The Iraqi government is said to have been aware of the missile transfers, the sources said.</p>
</article>
<section id="comments" class="comments"><h3>Comments</h3>
<p>Please let us know if you're having issues with commenting.</p>
<ol class="commentlist"><li class="comment"><p>A reader comment that must stay out of the text.</p></li></ol>
</section>
<footer>Copyright 2018 Example News. All rights reserved.</footer>
</body></html>"""


def _page(slug: str) -> str:
    return (EXAMPLES / "html" / f"{slug}.html").read_text(encoding="utf-8")


def _expected_body(slug: str) -> list[str]:
    """The paragraphs of the hand-made .txt after its headline."""
    return (EXAMPLES / f"{slug}.txt").read_text(encoding="utf-8").strip().split("\n\n")[1:]


@pytest.mark.parametrize("slug", PAGES)
def test_html_reads_article_body(slug: str) -> None:
    doc = html.read(_page(slug))
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[1:] == _expected_body(slug)
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)


@pytest.mark.parametrize("slug", PAGES)
def test_html_drops_comments_and_navigation(slug: str) -> None:
    text = html.read(_page(slug)).text
    for s in NOT_IN_TEXT[slug] + CHROME:
        assert s not in text


@pytest.mark.parametrize("slug", PAGES)
def test_html_reads_metadata(slug: str) -> None:
    doc = html.read(_page(slug), url="http://globalvoicesonline.org/x/")
    sidecar = (EXAMPLES / f"{slug}.txt").read_text(encoding="utf-8").split("\n", 1)[0]
    assert doc.title is not None
    assert doc.title.replace("’", "'") == sidecar  # the page has a curly apostrophe, the .txt a straight one
    assert doc.title_span is not None and doc.title_span.start == 0
    assert doc.text.startswith(doc.title + "\n\n")
    assert doc.outlet == "Global Voices Online"  # trafilatura takes the site logo <h1> as the title; we undo that
    assert doc.url == "http://globalvoicesonline.org/x/"
    assert doc.published is not None and doc.published.tzinfo is not None
    assert doc.published == datetime(2009, 6, 9 if "korea" in slug else 5, tzinfo=UTC)
    assert doc.author in {"Bhumika Ghimire", "Amira Al Hussaini"}


def test_html_drops_comment_boilerplate() -> None:
    doc = html.read(PAGE)
    assert "Please let us know" not in doc.text
    assert "reader comment" not in doc.text
    assert "Copyright" not in doc.text
    assert "Home" not in doc.text
    assert doc.text.split("\n\n")[0] == "Iran arms proxies in Iraq"
    assert "“The logic was to have a backup plan if Iran was attacked,”" in doc.text


def test_html_reads_head_metadata() -> None:
    doc = html.read(PAGE)
    assert doc.title == "Iran arms proxies in Iraq"
    assert doc.outlet == "Example News"
    assert doc.author == "Jane Roe"
    assert doc.published == datetime(2018, 9, 1, 10, 30, tzinfo=timezone(timedelta(hours=2)))


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav>menu</nav></body></html>",
        "<html><body></body></html>",
        "<html><head><title>Only a title</title></head><body><footer>© 2020</footer></body></html>",
    ],
    ids=["nav-only", "empty-body", "footer-only"],
)
def test_html_rejects_page_without_article(page: str) -> None:
    with pytest.raises(InputError) as info:
        html.read(page)
    assert info.value.reason == "no_article_body"


def test_html_reads_broken_markup() -> None:
    broken = (
        "<html><body><p>The minister said on <b>Monday that the <i>plan would go ahead despite the protests."
        "<p>Officials, who spoke on condition of anonymity, said the cost had <span>doubled"
    )
    doc = html.read(broken)
    assert "The minister said on Monday that the plan would go ahead despite the protests." in doc.text
    assert "Officials, who spoke on condition of anonymity, said the cost had" in doc.text
    assert "<" not in doc.text


def test_html_keeps_given_url() -> None:
    assert html.read(PAGE, url="https://example.com/iran").url == "https://example.com/iran"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("\n\n  <html lang='en'><head></head>", True),
        ("<body><p>one</p></body>", True),
        ("<p>one</p><p>two</p><div>three</div>", True),
        ("The minister said so.\n\nThen he left.", False),
        ("I <3 this article, he said. 2 < 3 and 4 > 1.", False),
        ("# A markdown title\n\nSome *text* with <em>one</em> tag.", False),
        ("", False),
    ],
    ids=["doctype", "html-tag", "body-tag", "fragment", "prose", "angle-brackets", "markdown", "empty"],
)
def test_html_looks_like_html(text: str, expected: bool) -> None:
    assert html.looks_like_html(text) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2009-06-09", datetime(2009, 6, 9, tzinfo=UTC)),
        ("2009-06-09T00:00:00", datetime(2009, 6, 9, tzinfo=UTC)),
        ("2019-01-04T10:30:00Z", datetime(2019, 1, 4, 10, 30, tzinfo=UTC)),
        ("2019-01-04T10:30:00+0300", datetime(2019, 1, 4, 10, 30, tzinfo=timezone(timedelta(hours=3)))),
        ("2019-01-04 10:30", datetime(2019, 1, 4, 10, 30, tzinfo=UTC)),
        ("4 January 2019", None),
        ("", None),
        (None, None),
    ],
    ids=["date", "naive-midnight", "zulu", "offset", "space", "prose", "empty", "none"],
)
def test_html_parse_published(value: str | None, expected: datetime | None) -> None:
    parsed = html.parse_published(value)
    assert parsed == expected
    assert parsed is None or parsed.tzinfo is not None
