from modeltranslation.translator import TranslationOptions, register

from categories.models import Category


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("en",)
