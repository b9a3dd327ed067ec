from modeltranslation.translator import TranslationOptions, register

from media_library.models import Video


@register(Video)
class VideoTranslationOptions(TranslationOptions):
    fields = ("title", "description", "source", "transcript")
    required_languages = ("en",)
