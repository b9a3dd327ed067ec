"""The admin site, with a dashboard of panels on its index page."""

from django.contrib import admin
from django.urls import path

from core import editorial_views
from core.admin_views import downloads_panel


class PortalAdminSite(admin.AdminSite):
    """Django's admin site, whose index page shows dashboard panels above the app list.

    A panel is a function of the request that returns its template context (a dict), or
    None when the user may not see it. The index puts each panel's context in its own
    context under the panel's name; templates/admin/index.html includes the panel's
    template in the `dashboard` block when that name is set. A panel whose context says
    `"invalid": True` (its query string is wrong) makes the page a 400, with the panel
    saying why. To add a panel: a function, `admin.site.add_dashboard_panel(name, function)`
    (an app's admin.py may call it), and a block in templates/admin/index.html.
    """

    def __init__(self, name="admin"):
        super().__init__(name)
        self.dashboard_panels = {"review": editorial_views.review_panel, "downloads": downloads_panel}

    def get_urls(self):
        return [
            path(
                "translations/",
                self.admin_view(lambda request: editorial_views.overview(request, self)),
                name="translations",
            ),
            path(
                "translations/<str:label>/<str:lang>/",
                self.admin_view(
                    lambda request, label, lang: editorial_views.drill_down(request, self, label, lang)
                ),
                name="translations_detail",
            ),
            path(
                "stand-ins/",
                self.admin_view(lambda request: editorial_views.stand_ins(request, self)),
                name="stand_ins",
            ),
            *super().get_urls(),
        ]

    def add_dashboard_panel(self, name, panel):
        self.dashboard_panels[name] = panel

    def index(self, request, extra_context=None):
        panels = {}
        for name, panel in self.dashboard_panels.items():
            context = panel(request)
            if context is not None:
                panels[name] = context
        response = super().index(request, {**panels, **(extra_context or {})})
        if any(context.get("invalid") for context in panels.values()):
            response.status_code = 400
        return response
