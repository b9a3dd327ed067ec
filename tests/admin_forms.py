"""Submitting admin forms as a browser would: read the form's current values, change some, post.

`form_values(client, url)` parses the change (or add) form's inputs, selects, textareas
and checkboxes, including inline management forms, so a test only names the fields it
changes, and an unchanged form posts exactly what the browser would (with "\r\n"
line endings in textareas, as browsers send them).
"""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.values = {}
        self._select = None
        self._select_has_selection = False
        self._select_first = None
        self._option_value = None
        self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (self.form_id is None or attrs.get("id") == self.form_id):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
                return
            self.values[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._select_has_selection, self._select_first = name, False, None
            self._multiple = "multiple" in attrs
            if self._multiple:
                self.values[name] = []
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                self._select_has_selection = True
                self._add(self._select, value)

    def _add(self, name, value):
        """A second value for the same name (checkboxes, a multiple select) makes a list."""
        current = self.values.get(name)
        if isinstance(current, list):
            current.append(value)
        elif name in self.values:
            self.values[name] = [current, value]
        else:
            self.values[name] = value

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            text = "".join(self._text)
            # A browser drops the one newline after <textarea> and sends CRLF line endings.
            text = text[1:] if text.startswith("\n") else text
            self.values[self._textarea] = text.replace("\r\n", "\n").replace("\n", "\r\n")
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._select_has_selection and not self._multiple and self._select_first is not None:
                self.values[self._select] = self._select_first
            self._select = None
        elif tag == "form" and self.in_form:
            self.in_form = False


def form_values(client, url, *, form_id=None):
    """The values a browser would post from the admin form at `url`."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parser = _FormParser(form_id or _form_id(response))
    parser.feed(response.content.decode())
    return parser.values


def _form_id(response):
    model = response.context.get("opts")
    return f"{model.model_name}_form" if model else None
