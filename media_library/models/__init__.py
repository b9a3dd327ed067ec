"""The media library: videos, publications (editions, files per language) and infographics."""

from media_library.models.videos import Video

__all__ = ["Video"]
