from modeltranslation.translator import TranslationOptions, register

from media_library.models import Edition, Infographic, Publication, Video


@register(Video)
class VideoTranslationOptions(TranslationOptions):
    fields = ("title", "description", "source", "transcript")
    required_languages = ("en",)


@register(Publication)
class PublicationTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "publisher", "accessible_format_contact", "cover_alt_text")
    required_languages = ("en",)


@register(Edition)
class EditionTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(Infographic)
class InfographicTranslationOptions(TranslationOptions):
    fields = ("title", "alt_text", "description", "text_version")
    required_languages = ("en",)
