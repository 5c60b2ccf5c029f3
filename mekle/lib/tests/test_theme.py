"""The service's look: Konfliktrådet's theme, the Inter font and the favicon, served as our own static
files (the Content-Security-Policy allows fonts from 'self' only), and Norwegian names marked on
English pages."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import translation

from mekle.lib.templatetags.layout import mark_norwegian

ROOT = Path(settings.BASE_DIR)


def static_file(path: str) -> Path:
    found = finders.find(path)
    assert isinstance(found, str), path
    return Path(found)


def test_every_page_links_the_favicon_the_font_and_the_theme_before_designsystemet(client: Client, db):
    page = client.get("/").content.decode()
    links = re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', page)
    assert links == [
        "/static/mekle/favicon.svg",
        "/static/vendor/inter/index.css",
        "/static/vendor/theme/konfliktradet.css",
        "/static/vendor/designsystemet-css/src/index.css",
        "/static/mekle/mekle.css",
    ]
    assert not any(link.startswith(("http:", "https:", "//")) for link in links)  # never from a CDN


def test_the_header_names_konfliktradet_in_bokmal_and_the_service(client: Client, db):
    client.cookies["django_language"] = "en"
    page = client.get("/").content.decode()
    assert '<span class="mekle-brand__owner" lang="nb">Konfliktrådet</span>' in page
    assert '<span class="mekle-brand__service">Mekle</span>' in page


def test_the_static_files_are_found_and_the_font_is_ours():
    for path in ("mekle/favicon.svg", "vendor/inter/index.css", "vendor/theme/konfliktradet.css"):
        assert finders.find(path), path
    font_css = static_file("vendor/inter/index.css").read_text(encoding="utf-8")
    urls = re.findall(r"url\(([^)]+)\)", font_css)
    assert urls
    assert all(url.startswith("./files/") for url in urls)
    assert static_file("vendor/inter/files/inter-latin-wght-normal.woff2").stat().st_size > 10_000
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["font-src"] == ["'self'"]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_built_theme_is_konfliktradets_colour_and_inter_with_readable_contrast():
    config = json.loads((ROOT / "designsystemet.config.json").read_text(encoding="utf-8"))
    accent = config["themes"]["konfliktradet"]["colors"]["main"]["accent"]
    css = static_file("vendor/theme/konfliktradet.css").read_text(encoding="utf-8")
    light = css[css.index("ds.theme.color-scheme.light") : css.index("ds.theme.color-scheme.dark")]

    def token(name: str) -> str:
        match = re.search(rf"--ds-color-{name}: (#[0-9a-fA-F]{{6}});", light)
        assert match, name
        return match.group(1)

    assert token("accent-base-default").lower() == accent.lower()
    assert "--ds-font-family: 'Inter Variable'" in css
    # Text on the page, a primary button's label, and links (accent text) pass WCAG AA (4.5:1).
    assert contrast(token("neutral-text-default"), token("neutral-background-default")) >= 4.5
    assert contrast(token("neutral-text-subtle"), token("neutral-background-default")) >= 4.5
    assert contrast(token("accent-base-contrast-default"), token("accent-base-default")) >= 4.5
    assert contrast(token("accent-text-subtle"), token("neutral-background-default")) >= 4.5
    assert contrast(token("accent-text-default"), token("neutral-background-default")) >= 4.5


def test_the_favicon_is_an_svg_in_the_services_colour():
    svg = (ROOT / "mekle" / "static" / "mekle" / "favicon.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert "#1F5A66" in svg


def test_norwegian_names_on_an_english_page_carry_lang_nb_in_the_text_only():
    html = (
        '<p title="Konfliktrådet">Contact the family counselling office (familievernkontoret) or Konfliktrådet.</p>'
        '<textarea name="m">Konfliktrådet</textarea><select><option>Konfliktrådet i Oslo</option></select>'
    )
    with translation.override("en"):
        marked = mark_norwegian(html)
    assert marked == (
        '<p title="Konfliktrådet">Contact the family counselling office (<span lang="nb">familievernkontoret</span>)'
        ' or <span lang="nb">Konfliktrådet</span>.</p>'
        '<textarea name="m">Konfliktrådet</textarea><select><option>Konfliktrådet i Oslo</option></select>'
    )
    with translation.override("nb"):
        assert mark_norwegian(html) == html


def test_the_english_family_mediation_page_marks_meklingsattest(client: Client, db):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("portal:help_family_mediation")).content.decode()
    assert '<span lang="nb">meklingsattest</span>' in page
    assert '<span lang="nb">familievernkontoret</span>' in page
