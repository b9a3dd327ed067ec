"""Media on S3-compatible object storage, in one of two modes (settings: DJANGO_MEDIA_*).

- **Public bucket behind a custom domain** (`custom_domain` set): the domain (a CDN or
  the bucket's own website host) serves every stored file to anyone. A file's URL is
  `https://<custom domain>/<key>`, unsigned and stable, so pages link it directly and
  may be cached for as long as anyone likes.
- **Private bucket** (no custom domain): only signed URLs open a file, and a signature
  expires (`querystring_expire`). Pages are cached (the page cache keeps them minutes,
  a CDN may keep them longer), so a page must never hold a signed URL: a file's URL
  here is the portal's own `/media/<key>`, and that view (core.media.serve_media)
  checks that the visitor may see the file and answers with a redirect to a freshly
  signed URL, which browsers keep for a small fraction of the signature's lifetime.

Code that must reach the bucket itself (the /media/ view, counted downloads) asks for
`direct_url()`; the Content-Security-Policy allows `origin`, the host those URLs are on
(core.middleware.PortalCSPMiddleware). Nothing here touches the local disk.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from django.utils.functional import cached_property
from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)


class PortalS3Storage(S3Storage):
    @property
    def signs_urls(self):
        """True for a private bucket: its files open only through signed URLs."""
        return not self.custom_domain

    @property
    def redirect_max_age(self):
        """How long a browser may keep /media/'s redirect to a signed URL: a tenth of the
        signature's lifetime, 5 minutes at most, so the URL it follows has most of its
        life left (and a clock a little wrong does not matter)."""
        return min(300, self.querystring_expire // 10)

    def url(self, name, parameters=None, expire=None, http_method=None):
        """The URL pages show: the custom domain's, or the portal's /media/ (never a signature)."""
        if not self.signs_urls:
            return super().url(name, parameters, expire, http_method)
        return f"{settings.MEDIA_URL}{filepath_to_uri(name)}"

    def direct_url(self, name, *, disposition=None, content_type=None):
        """The bucket's own URL for `name`: the public one, or one signed now.

        A signed URL can carry the response's Content-Disposition and Content-Type
        (S3 sends them in place of the object's own); a public one cannot, so a file
        downloaded from a public bucket is saved under its stored name.
        """
        if not self.signs_urls:
            return super().url(name)
        parameters = {}
        if disposition:
            parameters["ResponseContentDisposition"] = disposition
        if content_type:
            parameters["ResponseContentType"] = content_type
        return super().url(name, parameters=parameters)

    @cached_property
    def origin(self):
        """The scheme, host and port that direct_url() points at, for the CSP's img-src.

        Read from a URL made the same way as the real ones, so it follows the endpoint,
        the addressing style (path or virtual-hosted) and the region as configured.
        """
        if self.custom_domain:
            host = self.custom_domain.split("/", 1)[0]
            return f"{self.url_protocol}//{host}"
        try:
            probe = self.direct_url("origin")
        except Exception:
            # No credentials yet (a command run without them): an unsigned URL has the same host.
            logger.warning("Could not sign a media URL; the CSP uses the unsigned URL's host")
            unsigned = self.unsigned_connection.meta.client
            probe = unsigned.generate_presigned_url(
                "get_object", Params={"Bucket": self.bucket_name, "Key": "o"}
            )
        parts = urlsplit(probe)
        return f"{parts.scheme}://{parts.netloc}"
