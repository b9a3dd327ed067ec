# The open-data page, for the sitemap's "pages" section (core.sitemaps.PageSitemap), with
# the models whose changes show on it: none (it lists addresses, not items). The API
# itself is data, not pages: it is described by its DCAT catalogue, not the sitemap.
LIST_PAGES = {"opendata:page": ()}
