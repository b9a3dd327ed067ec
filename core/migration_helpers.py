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


def initialise_translation_meta(apps, app_label, models_fields, languages=("ja", "fr", "zh_hans", "ko")):
    """Record, for rows that existed before translations were tracked, that each of their
    translations was made from the English as it is now, by the portal (core.translations)."""
    import hashlib

    def text_hash(value):
        return hashlib.sha256((value or "").strip().encode()).hexdigest()[:12]

    for name, fields in models_fields.items():
        model = apps.get_model(app_label, name)
        for obj in model.objects.all():
            meta = {}
            for field in fields:
                source = text_hash(getattr(obj, f"{field}_en"))
                for lang in languages:
                    if getattr(obj, f"{field}_{lang}"):
                        code = lang.replace("_", "-")
                        meta.setdefault(code, {})[field] = {"origin": "portal", "src": source}
            model.objects.filter(pk=obj.pk).update(translation_meta=meta)


# core.content.CONTENT_NAMESPACE, copied: a migration must not depend on code that may change.
CONTENT_NAMESPACE = "6c1f4c1e-2f0b-5c43-9a55-1e9dadd3a000"


def fill_uuids(apps, app_label, natural_keys):
    """Give rows that existed before the open data's identifiers their UUID: the one the
    content loader gives the same object on a fresh installation (derived from the model
    and its natural key, see core.content.content_uuid), so every installation agrees."""
    import uuid

    namespace = uuid.UUID(CONTENT_NAMESPACE)
    for name, key in natural_keys.items():
        model = apps.get_model(app_label, name)
        label = f"{app_label}.{name.lower()}"
        for pk, value in model.objects.values_list("pk", key):
            identifier = uuid.uuid5(namespace, f"{label}:{key}={value}")
            model.objects.filter(pk=pk).update(uuid=identifier)


def fill_sha256(apps, app_label, model_names):
    """Record the SHA-256 of files stored before it was (StoredFile.sha256), read in chunks
    from storage. A file that cannot be read keeps an empty value (logged): its page still
    renders, and the open data says null until the file is uploaded again."""
    import logging

    from core.files import sha256_of

    logger = logging.getLogger("portal.migrations")
    for name in model_names:
        model = apps.get_model(app_label, name)
        for obj in model.objects.filter(sha256="").exclude(file=""):
            try:
                digest = sha256_of(obj.file)
            except OSError as error:
                logger.warning("No SHA-256 for %s %s (%s): %s", name, obj.pk, obj.file.name, error)
                continue
            model.objects.filter(pk=obj.pk).update(sha256=digest)


def forget_sha256(apps, app_label, model_names):
    """The reverse of fill_sha256: the field is empty again (it is removed just after)."""
    for name in model_names:
        apps.get_model(app_label, name).objects.update(sha256="")
