from modeltranslation.translator import TranslationOptions, register

from seminars.models import City, ProgrammeItem, Seminar, SeminarPhoto, Session


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name", "country")
    required_languages = ("en",)


@register(Seminar)
class SeminarTranslationOptions(TranslationOptions):
    fields = (
        "series",
        "title",
        "theme",
        "venue",
        "summary",
        "body",
        "issuing_office",
        "contact_section",
        "contact_division",
        "contact_office",
        "contact_organisation",
    )
    required_languages = ("en",)


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(ProgrammeItem)
class ProgrammeItemTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)


@register(SeminarPhoto)
class SeminarPhotoTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption")
    required_languages = ("en",)
