"""Admin building blocks shared by the content apps."""

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from core import translations, workflow
from core.admin_workflow import WorkflowAdminMixin
from core.i18n import language_name
from core.models import DownloadCount, Status
from core.storage import StorageFull
from core.text import with_text_cleaner

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def translated_fields(model):
    return list(translator.get_options_for_model(model).all_fields)


def translated_search_fields(*fields):
    """title -> title_en, title_ja, ... so staff can search in any language."""
    return [build_localized_fieldname(f, code) for f in fields for code in LANGUAGE_CODES]


@admin.display(description=_("translations"))
def translations_column(obj):
    """One compact column: for each language, how many of the texts that have English are
    translated, and whether any translation is behind the English ("JA 2/3 !")."""
    fields = translated_fields(type(obj))
    badges = []
    for code in LANGUAGE_CODES:
        relevant = [f for f in fields if getattr(obj, build_localized_fieldname(f, "en"))] or fields
        done = sum(1 for f in relevant if getattr(obj, build_localized_fieldname(f, code)))
        outdated = code != "en" and any(
            translations.state(obj, f, code) == translations.OUTDATED for f in relevant
        )
        css = (
            "outdated"
            if outdated
            else ("complete" if done == len(relevant) else ("partial" if done else "missing"))
        )
        title = _("%(language)s: %(done)s of %(total)s texts translated") % {
            "language": language_name(code),
            "done": done,
            "total": len(relevant),
        }
        if outdated:
            # One string: Japanese and Chinese put no space before their full-width bracket.
            title = _("%(summary)s (some are behind the English)") % {"summary": title}
        badges.append(
            format_html(
                '<span class="translation-{}" title="{}">{}&nbsp;{}/{}{}</span>',
                css,
                title,
                code.upper(),
                done,
                len(relevant),
                "\u00a0!" if outdated else "",
            )
        )
    return format_html(
        '<span class="translation-badges">{}</span>', format_html_join(" ", "{}", ((b,) for b in badges))
    )


class CleanTextAdminMixin:
    """Form fields that clean text as the model does (core.text): a title typed with a line
    break is saved on one line, and an unchanged textarea is not "changed" by its \\r\\n."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return with_text_cleaner(db_field, super().formfield_for_dbfield(db_field, request, **kwargs))


class SafeSaveAdminMixin:
    """A save that fails to store its file (the disk is full) changes nothing and says so.

    The admin saves in one transaction, so the database is rolled back; the storage
    leaves no partial file (core.storage). The editor is sent back to the form with a
    message. When a form is refused, its file inputs are empty again (browsers do not
    keep a chosen file), so the editor is told to choose the files again.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StorageFull:
            messages.error(
                request,
                _(
                    "The server has no room to store the file, so nothing was saved. Choose the "
                    "file again and try later; tell the site's operators if it happens again."
                ),
            )
            return HttpResponseRedirect(request.get_full_path())

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and request.FILES and context.get("errors"):
            messages.warning(
                request,
                _(
                    "Nothing was saved. Any file you chose must be chosen again: browsers do not "
                    "keep a chosen file when a form is sent back."
                ),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)


class RichTextReportMixin:
    """After a save, tells the editor what the sanitiser removed from each rich-text field
    (pasted HTML, a browser without JavaScript posting the textarea), per field and
    language: "Body [fr]: removed <script> and the onclick attribute; the rest was saved."
    The form fields know what they removed (core.forms.RichTextFormField)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for field in form.fields.values():
            if message := getattr(field, "removal_message", lambda: None)():
                messages.warning(request, message)


class PublishableAdmin(
    WorkflowAdminMixin, RichTextReportMixin, SafeSaveAdminMixin, CleanTextAdminMixin, TabbedTranslationAdmin
):
    """Translation tabs, status columns, and the rule that only publishers publish.

    Editors may create and edit, but `status` and `publish_at` are read-only for them,
    and `save_model` keeps the stored values whatever the POST says, so a crafted
    request cannot publish either.
    """

    publishing_fields = ("status", "publish_at")
    actions = ["publish_selected", "unpublish_selected"]
    list_filter = ("status",)
    readonly_fields = ("uuid", "created_at", "updated_at")

    class Media:
        css = {"all": ("admin/portal-admin.css",)}
        js = ("admin/portal-translations.js",)

    def can_publish(self, request):
        return request.user.has_perm(self.model.publish_permission())

    def get_list_display(self, request):
        base = list(super().get_list_display(request))
        return [*base, "status_label", translations_column]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            fields += [f for f in self.publishing_fields if f not in fields]
        return fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.can_publish(request):
            actions.pop("publish_selected", None)
            actions.pop("unpublish_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        if not self.can_publish(request):
            if change:
                stored = type(obj).objects.filter(pk=obj.pk).values(*self.publishing_fields).first()
                for field, value in (stored or {}).items():
                    setattr(obj, field, value)
            else:
                obj.status = Status.DRAFT
                obj.publish_at = None
        super().save_model(request, obj, form, change)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        if obj.status == Status.PUBLISHED and not obj.is_live:
            return format_html(
                '<span class="status-scheduled">{}</span>',
                _("Scheduled for %(when)s") % {"when": obj.publish_at.strftime("%Y-%m-%d %H:%M")},
            )
        return format_html('<span class="status-{}">{}</span>', obj.status, obj.get_status_display())

    @admin.action(description=_("Publish selected items"))
    def publish_selected(self, request, queryset):
        if not self.can_publish(request):
            return
        # Through the workflow, one item at a time, so timestamps move and each step is recorded.
        count = sum(bool(workflow.publish(obj, request.user, at=obj.publish_at)) for obj in queryset)
        self.message_user(
            request,
            ngettext("%d item published.", "%d items published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected items (back to draft)"))
    def unpublish_selected(self, request, queryset):
        if not self.can_publish(request):
            return
        count = sum(workflow.unpublish(obj, request.user) for obj in queryset)
        self.message_user(
            request,
            ngettext("%d item returned to draft.", "%d items returned to draft.", count) % count,
            messages.SUCCESS,
        )


def thumbnail(image, *, size=60):
    if not image:
        return "—"
    return format_html(
        '<img src="{}" alt="" style="max-width:{}px;max-height:{}px;object-fit:contain">',
        image.url,
        size,
        size,
    )


DOCUMENT_INFO_LABELS = {
    "title": _("title"),
    "author": _("author"),
    "subject": _("subject"),
    "keywords": _("keywords"),
    "creator": _("made with"),
    "producer": _("converted with"),
    "created": _("created"),
    "modified": _("modified"),
}


class DocumentInfoMixin:
    """A read-only column with what an uploaded PDF says about itself (its author, the
    software that made it), so an editor sees it before the public can."""

    @admin.display(description=_("what the file says about itself"))
    def document_metadata(self, obj):
        info = getattr(obj, "document_info", None) or {}
        if not info:
            return "—"
        return format_html_join(
            "", "<div>{}: {}</div>", ((DOCUMENT_INFO_LABELS.get(k, k), v) for k, v in info.items())
        )


class AttachedFileInlineMixin(CleanTextAdminMixin, DocumentInfoMixin):
    """An inline of stored files, with what each file says about itself."""


class DownloadCountsMixin:
    """Read-only columns with a file's downloads: all time and the last 30 days."""

    def get_queryset(self, request):
        # The figures come with the rows: a change list asks no query per file.
        return DownloadCount.with_totals(super().get_queryset(request), days=30)

    @admin.display(description=_("downloads (total / last 30 days)"))
    def download_counts(self, obj):
        if not obj.pk:
            return "—"
        if hasattr(obj, "downloads_total"):
            return f"{obj.downloads_total} / {obj.downloads_recent}"
        total, recent = DownloadCount.totals_for(obj, days=30)
        return f"{total} / {recent}"


def locked_for_editor(request, root):
    """True when `root` is published and the user is not a publisher: the user may still
    edit it (as unpublished changes), but not delete what is attached to it."""
    if root is None or root.pk is None or not hasattr(root, "publish_permission"):
        return False
    return root.status == Status.PUBLISHED and not request.user.has_perm(root.publish_permission())
