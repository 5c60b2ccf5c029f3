"""A coarse, readable name for the browser behind a User-Agent header ("Firefox", "Linux").

Enough for a person to tell their sessions apart in their list ("Firefox on Linux", "Safari on
iPhone"); no version numbers, no fingerprint. The order matters: Edge and Opera say "Chrome" too,
Chrome says "Safari", and Android says "Linux".
"""

BROWSERS = (
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)


def _first_match(user_agent: str, table: tuple[tuple[str, str], ...]) -> str:
    return next((name for marker, name in table if marker in user_agent), "")


def describe(user_agent: str) -> tuple[str, str]:
    """(browser, system), each "" when not recognised."""
    return _first_match(user_agent, BROWSERS), _first_match(user_agent, SYSTEMS)
