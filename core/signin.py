"""Signing in to the admin: the address django-axes counts wrong passwords by, and the
page a locked-out account gets.

Settings: AXES_CLIENT_IP_CALLABLE and AXES_LOCKOUT_CALLABLE name the two functions here.
"""

import ipaddress
import math

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext


def _valid_ip(value):
    """`value` as a normalised IP address, or None (the database column takes nothing else)."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The visitor's address.

    Without a proxy (settings.PROXY_COUNT == 0) it is REMOTE_ADDR, and X-Forwarded-For is
    ignored: anyone can send one. Behind N proxies that each append the address they were
    reached from, the visitor's address is the N-th X-Forwarded-For entry from the right;
    what stands further left came from the visitor and could be anything. A request that
    did not come through every proxy (too few entries, or a malformed one) is counted by
    REMOTE_ADDR, the nearest machine that can be known for certain.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    if count:
        chain = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
        if len(chain) >= count:
            forwarded = _valid_ip(chain[-count])
            if forwarded:
                return forwarded
    return _valid_ip(remote)


def _unlock_at(request, credentials):
    """When the lockout of this account from this address ends (None if unknown)."""
    last = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=getattr(request, "axes_ip_address", None),
    ).aggregate(last=Max("attempt_time"))["last"]
    return last + settings.AXES_COOLOFF_TIME if last else None


def lockout_response(request, original_response=None, credentials=None):
    """The admin's sign-in page saying the account is locked from here, and for how long.

    A 429 with Retry-After, in the visitor's language and the admin's design (django-axes'
    own answer is a line of English text).
    """
    cooloff = settings.AXES_COOLOFF_TIME.total_seconds()
    unlock_at = _unlock_at(request, credentials)
    seconds = math.ceil(max(0, (unlock_at - timezone.now()).total_seconds())) if unlock_at else cooloff
    context = {
        **admin.site.each_context(request),
        "title": gettext("Signing in is locked"),
        "minutes": max(1, math.ceil(seconds / 60)),
        "cooloff_minutes": int(cooloff // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(seconds))
    response["Cache-Control"] = "private, no-store"
    return response
