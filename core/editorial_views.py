"""Staff views about the editorial work: the translation overview and the dashboard's
review panel (what waits, drafts, items sent back, scheduled, recently published)."""

import dataclasses

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from core import page_cache, revisions, translations
from core.i18n import language_name
from core.models import PendingChange, StandIn, Status, Transition

STATES = (translations.COMPLETE, translations.MISSING, translations.OUTDATED)


def translated_models():
    """Every content model with translated fields, items first, then what is attached to them."""
    models = [m for m in translator.get_registered_models() if revisions.is_registered(m)]
    return sorted(
        models, key=lambda m: (m not in revisions.registered_roots(), m._meta.app_label, m._meta.model_name)
    )


# The drill-down lists at most this many objects (and says how many there are).
DRILL_DOWN_LIMIT = 200


def can_view_overview(user):
    return (
        user.is_active
        and user.is_staff
        and any(
            user.has_perm(f"{m._meta.app_label}.change_{m._meta.model_name}") for m in translated_models()
        )
    )


def overview(request, admin_site):
    """`/admin/translations/`: content type × language, objects complete, missing or outdated."""
    if not can_view_overview(request.user):
        raise PermissionDenied
    matrix = []
    states = translation_states()
    for model in translated_models():
        total, counts = states[model._meta.label_lower]
        cells = [
            {
                "lang": lang,
                "state": state,
                "count": counts[lang][state],
                "url": reverse("admin:translations_detail", args=[model._meta.label_lower, lang])
                + f"?state={state}",
            }
            for lang in translations.TARGET_LANGUAGES
            for state in STATES
        ]
        matrix.append(
            {"name": model._meta.verbose_name_plural, "label": model._meta.label_lower, "total": total,
             "counts": counts, "cells": cells}
        )  # fmt: skip
    context = {
        **admin_site.each_context(request),
        "title": _("Translations"),
        "languages": [(code, language_name(code)) for code in translations.TARGET_LANGUAGES],
        "matrix": matrix,
        "states": STATES,
    }
    return TemplateResponse(request, "admin/translations/overview.html", context)


def _change_url(obj):
    root = revisions.root_of(obj)
    try:
        return reverse(f"admin:{root._meta.app_label}_{root._meta.model_name}_change", args=[root.pk])
    except NoReverseMatch:
        return ""


def drill_down(request, admin_site, label, lang):
    """The objects of one content type in one state for one language, each linked to its
    change form open at that language."""
    if not can_view_overview(request.user):
        raise PermissionDenied
    model = next((m for m in translated_models() if m._meta.label_lower == label), None)
    state = request.GET.get("state", translations.MISSING)
    if model is None or lang not in translations.TARGET_LANGUAGES or state not in STATES:
        raise Http404
    # The database picks the objects in that state; only the first few are loaded.
    matching = translations.with_states(model._base_manager.order_by("pk")).filter(
        **{f"translation_{lang.replace('-', '_')}": state}
    )
    total = matching.count()
    rows = []
    for obj in matching[:DRILL_DOWN_LIMIT]:
        fields = [
            str(model._meta.get_field(build_localized_fieldname(field, lang)).verbose_name)
            for field in translations.translated_fields(model)
            if translations.state(obj, field, lang) == state
        ]
        rows.append({"object": obj, "fields": fields, "url": _change_url(obj)})
    context = {
        **admin_site.each_context(request),
        "title": _("%(type)s: %(state)s in %(language)s")
        % {
            "type": model._meta.verbose_name_plural.capitalize(),
            "state": _(state),
            "language": language_name(lang),
        },
        "rows": rows,
        "total": total,
        "lang": lang,
        "state": state,
    }
    return TemplateResponse(request, "admin/translations/drill_down.html", context)


# The dashboard's review panel ----------------------------------------------------------


@dataclasses.dataclass
class Entry:
    item: object
    url: str
    note: str = ""
    when: object = None
    who: object = None


def _admin_url(item):
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])


def _items(keys):
    """Objects for (content type id, object id) pairs: one query per content type."""
    by_type = {}
    for type_id, object_id in keys:
        by_type.setdefault(type_id, []).append(object_id)
    found = {}
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        for obj in model._base_manager.filter(pk__in=ids):
            found[(type_id, obj.pk)] = obj
    return found


def review_panel(request):
    """What waits for the user, their drafts and items sent back, what is scheduled and
    what was published lately. None for staff who can change no content."""
    user = request.user
    roots = [
        m
        for m in revisions.registered_roots()
        if user.has_perm(f"{m._meta.app_label}.change_{m._meta.model_name}")
    ]
    if not roots:
        return None
    can_publish_any = any(user.has_perm(m.publish_permission()) for m in roots)
    waiting, drafts, sent_back, scheduled = [], [], [], []
    now = timezone.now()
    for model in roots:
        if can_publish_any and user.has_perm(model.publish_permission()):
            waiting += [
                Entry(item, _admin_url(item), _("New item"))
                for item in model.objects.filter(status=Status.IN_REVIEW)
            ]
        scheduled += [
            Entry(item, _admin_url(item), when=item.publish_at)
            for item in model.objects.filter(status=Status.PUBLISHED, publish_at__gt=now)
        ]
    pending = list(PendingChange.objects.select_related("author", "content_type"))
    items = _items((p.content_type_id, p.object_id) for p in pending)
    for change in pending:
        item = items.get((change.content_type_id, change.object_id))
        if item is None or type(item) not in roots:
            continue
        entry = Entry(item, _admin_url(item), _("Unpublished changes"), change.updated_at, change.author)
        if change.state == PendingChange.State.IN_REVIEW and user.has_perm(item.publish_permission()):
            waiting.append(entry)
        elif change.author_id == user.pk:
            drafts.append(entry)
    # The user's own drafts: items in draft that they saved, and the latest step of each.
    mine = Transition.objects.filter(user=user).values("content_type_id", "object_id").distinct()
    own = _items((row["content_type_id"], row["object_id"]) for row in mine[:200])
    latest = {
        (row["content_type_id"], row["object_id"]): row["last"]
        for row in Transition.objects.filter(
            content_type_id__in={k[0] for k in own}, object_id__in={k[1] for k in own}
        )
        .values("content_type_id", "object_id")
        .annotate(last=Max("at"))
    }
    backs = {
        (step.content_type_id, step.object_id): step
        for step in Transition.objects.filter(
            action=Transition.Action.SENT_BACK, object_id__in={k[1] for k in own}
        )
        .select_related("user")
        .order_by("at")
    }
    for key, item in own.items():
        if getattr(item, "status", None) != Status.DRAFT:
            continue
        back = backs.get(key)
        if back is not None and latest.get(key) == back.at:
            sent_back.append(Entry(item, _admin_url(item), back.comment, back.at, back.user))
        else:
            drafts.append(Entry(item, _admin_url(item), _("Draft"), latest.get(key)))
    for change in pending:
        item = items.get((change.content_type_id, change.object_id))
        back = backs.get((change.content_type_id, change.object_id))
        if item and change.author_id == user.pk and change.state == PendingChange.State.DRAFT and back:
            sent_back.append(Entry(item, _admin_url(item), back.comment, back.at, back.user))
    published = list(
        Transition.objects.filter(
            # The content loader publishes the shipped content: a fresh site lists it here.
            action__in=[Transition.Action.PUBLISHED, Transition.Action.APPROVED, Transition.Action.LOADED]
        ).select_related("user", "content_type")[:10]
    )
    recent_items = _items((step.content_type_id, step.object_id) for step in published)
    recent = []
    for step in published:
        item = recent_items.get((step.content_type_id, step.object_id))
        if item is not None:
            recent.append(Entry(item, _admin_url(item), step.get_action_display(), step.at, step.user))
    return {
        "waiting": waiting,
        "drafts": drafts,
        "sent_back": sent_back,
        "scheduled": sorted(scheduled, key=lambda e: e.when),
        "recent": recent,
        "is_publisher": can_publish_any,
        "gaps": translation_gaps(),
    }


def translation_states():
    """{"app_label.model": (objects, {lang: {state: objects}})} of every translated content
    type: counted by the database, one query per type, and kept until content changes
    (core.page_cache.remember), so the dashboard and the overview stay fast at scale."""
    return page_cache.remember(
        "translation-states",
        lambda: {model._meta.label_lower: translations.count_states(model) for model in translated_models()},
    )


def translation_gaps():
    """Objects missing or behind a translation, per language, over every content type."""
    gaps = {lang: {"missing": 0, "outdated": 0} for lang in translations.TARGET_LANGUAGES}
    for _total, counts in translation_states().values():
        for lang, states in counts.items():
            for state in (translations.MISSING, translations.OUTDATED):
                gaps[lang][state] += states[state]
    return [(code, language_name(code), counts) for code, counts in gaps.items()]


def stand_ins(request, admin_site):
    """`/admin/stand-ins/`: every item that still carries a file the loader made to stand
    in for the city's original, so staff know what is left to replace."""
    if not can_view_overview(request.user):
        raise PermissionDenied
    records = list(StandIn.objects.select_related("content_type"))
    objects = _items((r.content_type_id, r.object_id) for r in records)
    rows = []
    for record in records:
        obj = objects.get((record.content_type_id, record.object_id))
        if obj is None or not record.is_current(obj):
            continue
        field = obj._meta.get_field(record.field)
        root = revisions.root_of(obj) if revisions.is_registered(type(obj)) else obj
        rows.append(
            {
                "object": obj,
                "root": root,
                "field": field.verbose_name,
                "name": record.name,
                "url": _change_url(obj),
            }
        )
    context = {
        **admin_site.each_context(request),
        "title": _("Stand-in files to replace"),
        "rows": rows,
    }
    return TemplateResponse(request, "admin/stand_ins.html", context)
