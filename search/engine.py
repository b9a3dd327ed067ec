"""One search over every kind of live content, in a fixed number of queries.

- **Which text.** Each kind's translated fields (search.sources) in the active
  language, each falling back as the pages do (the language, then English, then
  Japanese: MODELTRANSLATION_FALLBACK_LANGUAGES), so a visitor finds what the page
  would show them.
- **PostgreSQL, English and French**: full-text search. The title (weight A) and the
  other fields (weight B) go through `to_tsvector` with the site's own configuration
  per language (`portal_english`, `portal_french`: the language's stemmer after
  `unaccent`, made by migration search 0001), so "heritage" finds "héritage" and
  "volunteer" finds "volunteering". The query is `websearch_to_tsquery` (quotes,
  `or`, `-word`; it never fails on odd input), the order `ts_rank`. Each model has a
  GIN index on exactly these expressions (search.indexes), so a search reads the index.
- **Japanese, Chinese and Korean** (no spaces between words): every word of the query
  must occur in the text as a substring; the title's match ranks first.
- **SQLite**, every language: the same substring rule on text folded by
  `portal_fold` (search.text: case, accents and punctuation removed), Latin words
  matched at the start of a word ("herit" finds "héritage"; no stemming).
- **Queries.** Two, whatever the content: one counts the matches of every kind, one
  fetches the page (a UNION of the kinds, ranked, LIMIT/OFFSET), with the text the
  results show. A query with no words asks nothing.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.translation import override
from modeltranslation.utils import build_localized_fieldname

from core.i18n import LANGUAGE_CODES, language_name
from search.sources import BY_KIND, SOURCES
from search.text import fold, terms

# Full-text configurations (migration search 0001); other languages match substrings.
TEXT_SEARCH_CONFIGS = {"en": "portal_english", "fr": "portal_french"}
# Languages written without spaces between words.
UNSPACED = {"ja", "zh-hans", "ko"}


def fallback_chain(language):
    """The three languages a text is looked for in, in order (a language may repeat)."""
    return [language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES][:3]


def localised(field, language):
    """The field's text as the page shows it: the first non-empty of the fallback chain."""
    columns = [
        NullIf(F(build_localized_fieldname(field, code)), Value(""))
        for code in dict.fromkeys(fallback_chain(language))
    ]
    return Coalesce(*columns, Value(""), output_field=TextField())


def document(fields, language):
    """The fields' texts as one, separated by spaces."""
    parts = []
    for field in fields:
        parts += [localised(field, language), Value(" ")]
    if len(parts) == 2:
        return parts[0]
    return Concat(*parts[:-1], output_field=TextField())


class Fold(Func):
    """Text as the substring match compares it: search.text.fold_document on SQLite
    (registered by search.apps), lower() on PostgreSQL."""

    function = "LOWER"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="portal_fold", **extra)


def search_vector(source, language, *, fields=None):
    """The weighted tsvector of a source in a language with a full-text configuration.
    search.indexes builds the GIN indexes from this very expression."""
    config = TEXT_SEARCH_CONFIGS[language]
    fields = fields or source.fields
    vector = SearchVector(localised(fields[0], language), config=config, weight="A")
    if len(fields) > 1:
        vector = vector + SearchVector(document(fields[1:], language), config=config, weight="B")
    return vector


def uses_full_text(language):
    return connection.vendor == "postgresql" and language in TEXT_SEARCH_CONFIGS


def _substring(expression, words, language):
    """Every word occurs in the folded text (at a word's start, for spaced languages on SQLite)."""
    at_word_start = connection.vendor == "sqlite" and language not in UNSPACED
    condition = Q()
    for word in words:
        pattern = f" {word}" if at_word_start else word
        condition &= Q(**{f"{expression}__contains": pattern})
    return condition


def _named_languages(words):
    """Languages a word of the query names, in the page's language, in English or in
    itself ("French", "français", "フランス語"): a publication with a file in one is found."""
    found = set()
    for code in LANGUAGE_CODES:
        with override("en"):
            english = language_name(code)
        names = {fold(language_name(code)), fold(language_name(code, native=True)), fold(english)}
        if any(word in names for word in words):
            found.add(code)
    return found


def matching(source, query, words, language):
    """The live items of `source` that match, each annotated with `search_rank`."""
    model = source.model
    queryset = model.objects.live()
    extra = Q()
    if source.kind == "publication":
        # A publication is also found by its editions' notes and its files' languages.
        edition = model._meta.get_field("editions").related_model
        file_model = edition._meta.get_field("files").related_model
        editions = edition.objects.all()
        if uses_full_text(language):
            config = TEXT_SEARCH_CONFIGS[language]
            editions = editions.alias(
                search_note=SearchVector(localised("note", language), config=config)
            ).filter(search_note=SearchQuery(query, search_type="websearch", config=config))
        else:
            editions = editions.alias(search_note=Fold(localised("note", language))).filter(
                _substring("search_note", words, language)
            )
        extra |= Q(pk__in=editions.values("publication"))
        languages = _named_languages(words)
        if languages:
            files = file_model.objects.filter(language__in=languages)
            extra |= Q(pk__in=files.values("edition__publication"))
    if uses_full_text(language):
        config = TEXT_SEARCH_CONFIGS[language]
        search_query = SearchQuery(query, search_type="websearch", config=config)
        return (
            queryset.alias(search_document=search_vector(source, language))
            .filter(Q(search_document=search_query) | extra)
            .annotate(search_rank=SearchRank(F("search_document"), search_query))
        )
    title_matches = _substring("search_title", words, language)
    return (
        queryset.alias(
            search_document=Fold(document(source.fields, language)),
            search_title=Fold(localised(source.title, language)),
        )
        .filter(_substring("search_document", words, language) | extra)
        .annotate(
            search_rank=Case(
                When(title_matches, then=Value(1.0)), default=Value(0.5), output_field=FloatField()
            )
        )
    )


def _columns(source, language):
    """The same columns for every kind, so that the kinds can be one UNION."""
    chain = fallback_chain(language)
    columns = {
        "hit_rank": F("search_rank"),
        "hit_order": Value(SOURCES.index(source), output_field=IntegerField()),
        "hit_pk": F("pk"),
        "hit_kind": Value(source.kind, output_field=TextField()),
        "hit_slug": F("slug"),
    }
    fields = {"title": source.title}
    for slot in (1, 2):
        excerpt = source.excerpt_fields[slot - 1] if len(source.excerpt_fields) >= slot else None
        fields[f"text{slot}"] = excerpt
    for name, field in fields.items():
        for i, code in enumerate(chain):
            column = F(build_localized_fieldname(field, code)) if field else Value("")
            columns[f"hit_{name}_{i}"] = Coalesce(column, Value(""), output_field=TextField())
    return columns


@dataclass
class Hit:
    kind: str
    label: str
    url: str
    title: str
    title_language: str
    texts: list  # [(text, language)], the excerpt's candidates


def _shown(values, chain):
    """(text, language) as the page shows it: the first non-empty in the fallback chain."""
    for value, code in zip(values, chain, strict=True):
        if value:
            return value, code
    return "", chain[0]


class Search:
    """A visitor's search in one language: counts per kind, and pages of hits."""

    def __init__(self, query, language):
        self.query = query
        self.language = language
        self.words = terms(query)
        self.querysets = {}
        if self.words:
            self.querysets = {s.kind: matching(s, query, self.words, language) for s in SOURCES}

    def counts(self):
        """{kind: number of matches}, in one query."""
        if not self.words:
            return {source.kind: 0 for source in SOURCES}
        parts, params = [], []
        for kind, queryset in self.querysets.items():
            sql, part_params = queryset.order_by().values("pk").query.sql_with_params()
            parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS {kind}_hits)")  # noqa: S608 (Django's own SQL)
            params += part_params
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            row = cursor.fetchone()
        return dict(zip(self.querysets, row, strict=True))

    def hits(self, kind, start, stop):
        """The hits from `start` to `stop` in rank order, of one kind or (None) of all."""
        if not self.words:
            return []
        kinds = [kind] if kind else list(self.querysets)
        parts = []
        for k in kinds:
            # Named after annotating: modeltranslation's values() would add every field
            # when given expressions only.
            columns = _columns(BY_KIND[k], self.language)
            parts.append(self.querysets[k].order_by().annotate(**columns).values(*columns))
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        rows = rows.order_by("-hit_rank", "hit_order", "hit_pk")[start:stop]
        chain = fallback_chain(self.language)
        hits = []
        for row in rows:
            source = BY_KIND[row["hit_kind"]]
            title, title_language = _shown([row[f"hit_title_{i}"] for i in range(3)], chain)
            texts = [_shown([row[f"hit_text{slot}_{i}"] for i in range(3)], chain) for slot in (1, 2)]
            hits.append(
                Hit(
                    kind=source.kind,
                    label=source.label,
                    url=source.url(row["hit_slug"]),
                    title=title,
                    title_language=title_language,
                    texts=[text for text in texts if text[0]],
                )
            )
        return hits
