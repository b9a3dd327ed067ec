from modeltranslation.translator import TranslationOptions, register

from initiatives.models import Initiative


@register(Initiative)
class InitiativeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("en",)
