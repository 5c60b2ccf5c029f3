"""The forms a person can send, found by opening every route of the URL configuration as each kind
of person in a few case states, and reading the forms each page shows (what the browser would send)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django import forms
from django.test import Client

from .routes import routes

# Forms every page has (the language switch, signing out): they are tried on their own pages.
_EVERYWHERE = ("/i18n/setlang/", "/logout/", "/portal/sign-out/", "/journal/sign-out/")


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, select, radio, checkbox, hidden, date, number, email, file, ...
    value: str = ""
    options: list[str] = field(default_factory=list)
    max_length: int | None = None


@dataclass
class PageForm:
    action: str
    multipart: bool
    fields: dict[str, Field] = field(default_factory=dict)


class _FormReader(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            action = urlsplit(a.get("action") or self.page).path
            self._form = PageForm(action, "multipart" in a.get("enctype", ""))
            self.forms.append(self._form)
        elif self._form is None or "name" not in a:
            return
        elif tag in ("input", "button"):
            kind = a.get("type", "text" if tag == "input" else "submit")
            known = self._form.fields.get(a["name"])
            if known and kind in ("radio", "checkbox", "submit"):
                known.options.append(a.get("value", "on"))
                return
            length = int(a["maxlength"]) if a.get("maxlength", "").isdigit() else None
            value = a.get("value", "on" if kind == "checkbox" else "")
            self._form.fields[a["name"]] = Field(a["name"], kind, value, [value], length)
        elif tag == "textarea":
            length = int(a["maxlength"]) if a.get("maxlength", "").isdigit() else None
            self._form.fields[a["name"]] = Field(a["name"], "textarea", "", [], length)
        elif tag == "select":
            self._select = self._form.fields[a["name"]] = Field(a["name"], "select")
        if tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_in(page: str, html: str) -> list[PageForm]:
    reader = _FormReader(page)
    reader.feed(html)
    return [f for f in reader.forms if not f.action.startswith(_EVERYWHERE)]


def form_classes_in(context) -> set[type]:
    """The Django form classes a rendered page used (from the test client's context)."""
    found: set[type] = set()
    for layer in context or []:
        for value in layer.dicts if hasattr(layer, "dicts") else [layer]:
            for item in value.values() if isinstance(value, dict) else []:
                if isinstance(item, forms.BaseFormSet):
                    found |= {type(item), item.form}
                elif isinstance(item, forms.BaseForm):
                    found.add(type(item))
    return found


@dataclass
class Target:
    who: str
    client: Client
    form: PageForm


def targets(clients: dict[str, Client], parameters: list[dict[str, str]]) -> tuple[list[Target], set[type]]:
    """Every form shown by any route, opened by every client with every set of route parameters; and
    every form class the pages used."""
    found: dict[tuple[str, str], Target] = {}
    classes: set[type] = set()
    paths = {
        path
        for route in routes()
        if not route.name.startswith("api-v1:")  # the API has no forms (schemathesis tries it)
        for values in parameters
        if (path := route.path_with(values)) is not None
    }
    for path in sorted(paths):
        if True:
            for who, client in clients.items():
                response = client.get(path)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                classes |= form_classes_in(response.context)
                for page_form in forms_in(path, response.content.decode()):
                    found.setdefault((who, page_form.action), Target(who, client, page_form))
    return list(found.values()), classes
