"""Helpers for data migrations (they receive historical models, never import them)."""


def record_publication_dates(apps, app_label, model_names):
    """Give items published before the workflow recorded dates their best known dates:
    first published when created, publicly updated when last changed (data migrations)."""
    for name in model_names:
        model = apps.get_model(app_label, name)
        for item in model.objects.filter(status="published", first_published_at__isnull=True):
            model.objects.filter(pk=item.pk).update(
                first_published_at=item.created_at, public_updated_at=item.updated_at
            )
