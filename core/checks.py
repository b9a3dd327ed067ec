"""Refusing an unsafe configuration where requests are served, and in `check --deploy`.

The settings module only lists what is unsafe (settings.UNSAFE_CONFIGURATION); it does
not guess from the command line whether it is about to serve. The WSGI and ASGI
modules, which every server (gunicorn, uvicorn, runserver) imports, call
`refuse_unsafe_configuration()`; `manage.py check --deploy` fails with the same list.
"""

import sys

from django.conf import settings
from django.core.checks import Error, Tags, register


def refuse_unsafe_configuration():
    """Stop the process with one readable message (not a traceback) if serving would be unsafe."""
    problems = getattr(settings, "UNSAFE_CONFIGURATION", [])
    if problems:
        sys.exit(
            "Legacy Portal refuses to start with DJANGO_DEBUG off:\n  - "
            + "\n  - ".join(problems)
            + "\nSee .env.example. For local development set DJANGO_DEBUG=true."
        )


@register(Tags.security, deploy=True)
def check_deployment_settings(app_configs, **kwargs):
    """Errors, not warnings: a deployment without these must not pass."""
    errors = [Error(problem, id="portal.E001") for problem in getattr(settings, "UNSAFE_CONFIGURATION", [])]
    engine = settings.DATABASES["default"]["ENGINE"]
    if settings.DEBUG and "sqlite" not in engine:
        errors.append(
            Error(
                "DJANGO_DEBUG is on with a production database: debug pages show settings, queries "
                "and code to anyone who causes an error.",
                hint="Set DJANGO_DEBUG=false in production.",
                id="portal.E002",
            )
        )
    return errors
