# The list of feeds, for the sitemap's "pages" section (core.sitemaps.PageSitemap), with
# the models whose changes show on it: it has a feed per category. The feeds themselves
# are Atom documents, not pages: they are not in the sitemap.
LIST_PAGES = {"feeds:list": ("categories.Category",)}
