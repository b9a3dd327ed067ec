"""The layers of the project: `core` is the ground floor and imports no content app."""

import ast
from pathlib import Path

from django.conf import settings

FEATURE_APPS = {"categories", "initiatives", "media_library", "seminars"}


def _dynamic_import_of_a_constant(call):
    name = getattr(call.func, "attr", getattr(call.func, "id", ""))
    first = call.args[0] if call.args else None
    return (
        name in ("import_module", "__import__")
        and isinstance(first, ast.Constant)
        and isinstance(first.value, str)
    )


def imported_modules(path):
    """Every module a Python file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Call) and _dynamic_import_of_a_constant(node):
            yield node.args[0].value


def feature_imports(package):
    found = []
    for path in sorted((Path(settings.BASE_DIR) / package).rglob("*.py")):
        for module in imported_modules(path):
            if module.split(".")[0] in FEATURE_APPS:
                found.append(f"{path.relative_to(settings.BASE_DIR)} imports {module}")
    return found


def test_core_imports_no_content_app():
    assert feature_imports("core") == []


def test_the_check_finds_an_import_of_a_content_app(tmp_path, settings):
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "views.py").write_text(
        "def home():\n    from media_library.models import Video\n    return Video\n"
    )
    settings.BASE_DIR = tmp_path
    assert feature_imports("core") == ["core/views.py imports media_library.models"]
