"""The editorial workflow in the admin: review states, unpublished changes, history.

WorkflowAdminMixin goes on every admin of a content item (PublishableAdmin) and of a
row attached to one (EditionAdmin). What it does, by who is editing what:

- An editor (no publish permission) editing a published item: the form shows the item
  as its unpublished change has it (if any), and saving keeps the result as the
  unpublished change (core.revisions.capture): the public page does not change. The
  buttons save it, or save it and submit it for review.
- A publisher editing a published item that has an unpublished change: the form shows
  the change; saving publishes it (and the publisher's own edits) at once.
- Anyone editing an unpublished item saves it directly; an editor can submit it for
  review, a publisher can publish it.

Steps that do not save the form (approve, send back, discard, submit) are POSTs to
`<id>/workflow/<step>/`; the server checks who may take them (core.workflow). The
history page (the admin's own `<id>/history/`) lists the item's revisions and steps,
compares any two, and lets a publisher restore one as an unpublished change.
"""

import datetime
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, path, resolve, reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from core import revisions, translations, workflow
from core.i18n import language_name
from core.models import PendingChange, Status


def _success(response):
    return response.status_code in (301, 302)


class WorkflowAdminMixin:
    change_form_template = "admin/workflow/change_form.html"
    object_history_template = "admin/workflow/object_history.html"

    # -- who may do what ------------------------------------------------------------

    def workflow_root(self, obj):
        return revisions.root_of(obj) if obj is not None else None

    def pending_mode(self, request, root):
        """True when the user's saves to this (published) item must wait for a publisher."""
        return (
            root is not None
            and root.status == Status.PUBLISHED
            and not workflow.can_publish(request.user, root)
        )

    # -- the change form --------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        root = self.workflow_root(obj)
        if root is None or not revisions.is_registered(type(root)):
            publishable = hasattr(self.model, "publish_permission")
            extra_context = {
                **(extra_context or {}),
                "workflow_can_publish": publishable
                and request.user.has_perm(self.model.publish_permission()),
                "workflow_publishable": publishable,
            }
            return super().changeform_view(request, object_id, form_url, extra_context)
        pending = workflow.pending_change(root)
        extra_context = {**(extra_context or {}), **self.workflow_context(request, root, pending)}
        parent = super()

        def view():
            return parent.changeform_view(request, object_id, form_url, extra_context)

        if self.pending_mode(request, root):
            if request.method != "POST":
                return revisions.preview(root, pending.data, view) if pending else view()
            request._portal_capturing = True
            response, data = revisions.capture(
                root, view, pending_data=pending.data if pending else None, succeeded=_success
            )
            if data is None:
                return response
            if pending is None and revisions.same_content(revisions.snapshot(root), data):
                # Saved as it was: nothing waits for a publisher, and History gains nothing.
                messages.info(request, _("Nothing changed, so there is nothing to review."))
                return HttpResponseRedirect(request.path)
            submit = "_submit" in request.POST
            workflow.save_pending(root, request.user, data, submit=submit)
            message = _(
                "Saved as unpublished changes: the public page stays as it is until a publisher "
                "approves them."
            )
            if submit:
                message += " " + _("They are now waiting for review.")
            messages.success(request, message)
            return HttpResponseRedirect(request.path)
        if pending is not None:
            # A publisher: the form shows the unpublished change; saving publishes it.
            if request.method != "POST":
                return revisions.preview(root, pending.data, view)
            request._portal_approving = pending
            return self._save_with_pending(request, root, pending, view)
        return view()

    def _save_with_pending(self, request, root, pending, view):
        from django.db import transaction

        with transaction.atomic():
            revisions.apply(root, pending.data)
            response = view()
            if not _success(response):
                if hasattr(response, "render"):
                    response.render()
                transaction.set_rollback(True)
                return response
            pending.delete()
        return response

    def workflow_context(self, request, root, pending):
        last_sent_back = (
            workflow.transitions(root).filter(action=workflow.Action.SENT_BACK).first()
            if (root.status == Status.DRAFT or (pending and pending.state == PendingChange.State.DRAFT))
            else None
        )
        return {
            "workflow_translations": translation_panel(root),
            "workflow_tab_states": tab_states(root),
            "workflow_root": root,
            "workflow_pending": pending,
            "workflow_pending_mode": self.pending_mode(request, root),
            "workflow_can_publish": workflow.can_publish(request.user, root),
            "workflow_publishable": True,
            "workflow_sent_back": last_sent_back,
            "workflow_root_admin_url": reverse(
                f"admin:{root._meta.app_label}_{root._meta.model_name}_change", args=[root.pk]
            ),
        }

    def save_related(self, request, form, formsets, change):
        """After a direct save: record the revision and the step, with the publishing dates.

        "Last updated" (public_updated_at) moves only when the content changed and the
        change is not marked minor, or carries a public note.
        """
        super().save_related(request, form, formsets, change)
        if getattr(request, "_portal_capturing", False):
            return
        root = self.workflow_root(form.instance)
        if root is None or not revisions.is_registered(type(root)):
            return
        root = type(root)._base_manager.get(pk=root.pk)
        user = request.user
        note = request.POST.get("_change_note", "").strip()
        minor = bool(request.POST.get("_minor"))
        language = translation.get_language()
        approving = getattr(request, "_portal_approving", None)
        previous = getattr(request, "_portal_previous_status", None)
        newly_published = previous not in (None, Status.PUBLISHED) and root.status == Status.PUBLISHED
        if approving is not None:
            author = approving.author
            comment = note or (_("Changes by %(name)s") % {"name": author} if author else "")
            action = workflow.Action.APPROVED
        elif newly_published:
            scheduled = root.publish_at is not None and root.publish_at > timezone.now()
            comment, action = note, workflow.Action.SCHEDULED if scheduled else workflow.Action.PUBLISHED
        elif previous == Status.PUBLISHED and root.status != Status.PUBLISHED:
            comment, action = "", workflow.Action.UNPUBLISHED
        else:
            comment = note or self.construct_change_message_text(form, formsets, change)
            action = workflow.Action.SAVED
        revision = workflow.record(root, user, comment, action)
        public = root.status == Status.PUBLISHED and workflow.can_publish(user, root)
        if public and (newly_published or (revision is not None and (note or not minor))):
            moment = root.publish_at if newly_published else None
            workflow._publish_dates(root, moment, minor=minor, note=note, language=language)
            root.save(update_fields=["first_published_at", "public_updated_at", "change_notes", "updated_at"])
        if "_submit" in request.POST and root.status == Status.DRAFT:
            workflow.submit_for_review(root, user, comment=request.POST.get("_comment", "").strip())
            messages.success(request, _("Submitted for review: a publisher will see it in their queue."))

    def construct_change_message_text(self, form, formsets, change):
        if not change:
            return _("Created")
        changed = [str(form.fields[name].label) for name in form.changed_data if name in form.fields]
        return _("Changed %(fields)s") % {"fields": ", ".join(changed)} if changed else ""

    def save_model(self, request, obj, form, change):
        if hasattr(obj, "status") and obj.pk:
            request._portal_previous_status = (
                type(obj)._base_manager.filter(pk=obj.pk).values_list("status", flat=True).first()
            )
        elif hasattr(obj, "status"):
            request._portal_previous_status = Status.DRAFT
        if "_publish" in request.POST and hasattr(obj, "status") and workflow.can_publish(request.user, obj):
            obj.status = Status.PUBLISHED
        if hasattr(obj, "translation_meta") and revisions.is_registered(type(obj)):
            apply_translation_controls(request, obj)
        super().save_model(request, obj, form, change)

    # -- extra URLs -----------------------------------------------------------------

    def get_urls(self):
        app, model = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<str:step>/",
                wrap(self.workflow_step_view),
                name=f"{app}_{model}_workflow",
            ),
            path("<path:object_id>/preview/", wrap(self.preview_view), name=f"{app}_{model}_preview"),
            path(
                "<path:object_id>/history/compare/",
                wrap(self.compare_view),
                name=f"{app}_{model}_compare",
            ),
            path(
                "<path:object_id>/history/<int:revision_id>/restore/",
                wrap(self.restore_view),
                name=f"{app}_{model}_restore",
            ),
            *super().get_urls(),
        ]

    def _root_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        return self.workflow_root(obj)

    def workflow_step_view(self, request, object_id, step):
        if request.method != "POST":
            raise Http404
        root = self._root_or_404(request, object_id)
        comment = request.POST.get("_comment", "").strip()
        note = request.POST.get("_change_note", "").strip()
        minor = bool(request.POST.get("_minor"))
        language = translation.get_language()
        try:
            if step == "submit":
                done = workflow.submit_for_review(root, request.user, comment=comment)
                message = _("Submitted for review: a publisher will see it in their queue.")
            elif step == "send_back":
                done = workflow.send_back(root, request.user, comment=comment)
                message = _("Sent back to the editor with your comment.")
            elif step == "approve":
                done = workflow.approve(root, request.user, note=note, minor=minor, language=language)
                message = _("The changes are published.")
            elif step == "publish":
                at = _publish_at(request.POST.get("_publish_at", ""))
                done = workflow.publish(root, request.user, at=at, note=note, minor=minor, language=language)
                message = (
                    _("Scheduled to be published at %(when)s.")
                    % {"when": timezone.localtime(at).strftime("%Y-%m-%d %H:%M")}
                    if at and at > timezone.now()
                    else _("Published.")
                )
            elif step == "discard":
                done = workflow.discard(root, request.user)
                message = _("The unpublished changes were discarded.")
            elif step == "unpublish":
                done = workflow.unpublish(root, request.user)
                message = _("Unpublished: the item is a draft again and no longer public.")
            else:
                raise Http404
        except PermissionDenied:
            messages.error(request, _("You may not do that to this item."))
            return HttpResponseRedirect(self._change_url(root))
        except ValueError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(self._change_url(root))
        if done:
            messages.success(request, message)
        else:
            messages.warning(request, _("Nothing to do: the item is not in a state for that."))
        return HttpResponseRedirect(self._change_url(root))

    def _change_url(self, root):
        return reverse(f"admin:{root._meta.app_label}_{root._meta.model_name}_change", args=[root.pk])

    def preview_view(self, request, object_id):
        """The public page as it will be once the unpublished change is approved."""
        root = self._root_or_404(request, object_id)
        pending = workflow.pending_change(root)
        language = request.GET.get("lang") or translation.get_language()
        with translation.override(language):
            page = root.get_absolute_url()
        if pending is None:
            return HttpResponseRedirect(page)
        try:
            # An item shown on a list page has an address with a fragment (#slug).
            match = resolve(urlsplit(page).path)
        except Resolver404:
            raise Http404 from None
        request.portal_pending_preview = True

        def render():
            with translation.override(language):
                request.LANGUAGE_CODE = language
                return match.func(request, *match.args, **match.kwargs)

        response = revisions.preview(root, pending.data, render)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        root = self.workflow_root(obj)
        if root is not obj:
            return HttpResponseRedirect(reverse(
                f"admin:{root._meta.app_label}_{root._meta.model_name}_history", args=[root.pk]
            ))  # fmt: skip
        revision_list = list(revisions.revisions_of(root).select_related("user"))
        steps = {step.revision_id: step for step in workflow.transitions(root) if step.revision_id}
        rows = []
        for index, revision in enumerate(revision_list):
            previous = revision_list[index + 1] if index + 1 < len(revision_list) else None
            rows.append({"revision": revision, "previous": previous, "step": steps.get(revision.pk)})
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(item)s") % {"item": root},
            "opts": self.opts,
            "object": root,
            "rows": rows,
            "steps": list(workflow.transitions(root)[:50]),
            "pending": workflow.pending_change(root),
            "can_restore": workflow.can_publish(request.user, root),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        """Each changed field's old and new value between two revisions (or the live item
        and its unpublished change)."""
        root = self._root_or_404(request, object_id)

        def tree(key):
            if key == "live":
                return revisions.snapshot(root), _("the published version")
            if key == "pending":
                pending = workflow.pending_change(root)
                if pending is None:
                    raise Http404
                return pending.data, _("the unpublished changes")
            try:
                revision = revisions.revisions_of(root).get(pk=int(key))
            except (ValueError, TypeError):
                raise Http404 from None
            except revisions.Revision.DoesNotExist:
                raise Http404 from None
            label = timezone.localtime(revision.date_created).strftime("%Y-%m-%d %H:%M")
            return revisions.revision_data(revision), _("the revision of %(when)s") % {"when": label}

        old, old_label = tree(request.GET.get("from", "live"))
        new, new_label = tree(request.GET.get("to", "pending"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare %(old)s with %(new)s") % {"old": old_label, "new": new_label},
            "opts": self.opts,
            "object": root,
            "changes": revisions.compare(old, new),
            "old_label": old_label,
            "new_label": new_label,
        }
        return TemplateResponse(request, "admin/workflow/compare.html", context)

    def restore_view(self, request, object_id, revision_id):
        root = self._root_or_404(request, object_id)
        if request.method != "POST":
            raise Http404
        try:
            revision = revisions.revisions_of(root).get(pk=revision_id)
        except revisions.Revision.DoesNotExist:
            raise Http404 from None
        try:
            pending = workflow.restore(root, revision, request.user)
        except PermissionDenied:
            messages.error(request, _("Only a publisher can restore a revision."))
            return HttpResponseRedirect(self._change_url(root))
        if pending is not None:
            messages.success(
                request,
                _(
                    "The revision is back as unpublished changes, waiting for review. "
                    "Approve them to publish it."
                ),
            )
        else:
            messages.success(request, _("The revision is restored."))
        return HttpResponseRedirect(self._change_url(root))


def _publish_at(value):
    """The "publish at" of the publish step: empty for now, an ISO date-time for later."""
    if not value.strip():
        return None
    moment = parse_datetime(value.strip())
    if moment is None:
        raise ValueError(_("Give the publishing time as YYYY-MM-DD HH:MM."))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment if moment > timezone.now() - datetime.timedelta(minutes=1) else None


def translation_panel(obj):
    """For the change form: per language, how the object's texts stand, and their origin."""
    if not hasattr(obj, "translation_meta"):
        return []
    fields = translations.translated_fields(type(obj))
    rows = []
    for code in translations.TARGET_LANGUAGES:
        states = [translations.state(obj, field, code) for field in fields]
        origins = {translations.origin(obj, f, code) for f, s in zip(fields, states, strict=True) if s in (
            translations.COMPLETE, translations.OUTDATED)}  # fmt: skip
        rows.append(
            {
                "code": code,
                "name": language_name(code),
                "complete": states.count(translations.COMPLETE),
                "missing": states.count(translations.MISSING),
                "outdated": states.count(translations.OUTDATED),
                "origin": origins.pop() if len(origins) == 1 else ("mixed" if origins else ""),
            }
        )
    return rows


def tab_states(obj):
    """{input id: state} for the object's translated fields, for the language tabs."""
    if not hasattr(obj, "translation_meta"):
        return {}
    result = {}
    for field in translations.translated_fields(type(obj)):
        for code in ("en", *translations.TARGET_LANGUAGES):
            name = build_localized_fieldname(field, code)
            state = translations.state(obj, field, code) if code != "en" else None
            result[f"id_{name}"] = state or ("complete" if getattr(obj, name) else "missing")
    return result


def apply_translation_controls(request, obj):
    """The change form's per-language controls: mark texts official or the portal's, or
    confirm that they still match the English."""
    translations.update_meta(obj)
    for code in translations.TARGET_LANGUAGES:
        origin = request.POST.get(f"_origin_{code}")
        if origin in (translations.OFFICIAL, translations.PORTAL):
            translations.set_origin(obj, code, origin)
        if request.POST.get(f"_current_{code}"):
            translations.mark_current(obj, code)
