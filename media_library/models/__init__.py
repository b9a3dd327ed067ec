"""The media library: videos, publications (editions, files per language) and infographics."""

from media_library.models.infographics import Infographic, InfographicArchive, InfographicRendition
from media_library.models.publications import Edition, EditionFile, Publication
from media_library.models.videos import Video

__all__ = [
    "Edition",
    "EditionFile",
    "Infographic",
    "InfographicArchive",
    "InfographicRendition",
    "Publication",
    "Video",
]
