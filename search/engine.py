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
# Fields holding sanitised HTML (core.models.RichTextField): their excerpt loses the markup.
RICH_TEXT_FIELDS = {"body"}
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


def note_vector(language):
    """The tsvector of an edition's note (a publication is found by its editions' notes)."""
    return SearchVector(localised("note", language), config=TEXT_SEARCH_CONFIGS[language])


def uses_full_text(language):
    return connection.vendor == "postgresql" and language in TEXT_SEARCH_CONFIGS


def _substring(names, words, language, caseless):
    """Every word occurs in one of the texts `names` (aliases made by _texts), folded; at
    a word's start, for spaced languages on SQLite. On PostgreSQL a word without case
    (安全) is looked for in the text as it is: lower() doubles the cost of reading every
    row. Each text is matched on its own (an OR), not joined into one: half the cost."""
    at_word_start = connection.vendor == "sqlite" and language not in UNSPACED
    condition = Q()
    for word, without_case in zip(words, caseless, strict=True):
        pattern = f" {word}" if at_word_start else word
        suffix = "_raw" if without_case and connection.vendor == "postgresql" else ""
        in_any = Q()
        for name in names:
            in_any |= Q(**{f"{name}{suffix}__contains": pattern})
        condition &= in_any
    return condition


def _texts(name, expression):
    """Aliases for _substring: the folded text, and on PostgreSQL the text as it is."""
    aliases = {name: Fold(expression)}
    if connection.vendor == "postgresql":
        aliases[f"{name}_raw"] = expression
    return aliases


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


def matching(source, query, words, language, languages, caseless):
    """The live items of `source` that match, each annotated with `search_rank`.
    `languages`: file languages that find a publication (see _named_languages);
    `caseless`: for each word, whether it has no case (see _substring)."""
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
            editions = editions.alias(search_note=note_vector(language)).filter(
                search_note=SearchQuery(query, search_type="websearch", config=config)
            )
        else:
            editions = editions.alias(**_texts("search_note", localised("note", language))).filter(
                _substring(["search_note"], words, language, caseless)
            )
        extra |= Q(pk__in=editions.values("publication"))
        files = file_model.objects.filter(language__in=languages)
        extra |= Q(pk__in=files.values("edition__publication"))
    if uses_full_text(language):
        config = TEXT_SEARCH_CONFIGS[language]
        search_query = SearchQuery(query, search_type="websearch", config=config)
        queryset = queryset.alias(search_document=search_vector(source, language))
        if extra:
            # With an OR beside it, the index is read in a subquery of its own: a
            # condition OR'ed with a subquery would be checked row by row, each row's
            # tsvector made again.
            own = model._base_manager.alias(search_document=search_vector(source, language))
            matches = own.filter(search_document=search_query).values("pk")
            queryset = queryset.filter(Q(pk__in=matches) | extra)
        else:
            queryset = queryset.filter(search_document=search_query)
        return queryset.annotate(search_rank=SearchRank(F("search_document"), search_query))
    names = [f"search_text_{i}" for i in range(len(source.fields))]
    texts = {}
    for name, field in zip(names, source.fields, strict=True):
        texts.update(_texts(name, localised(field, language)))
    title_matches = _substring(names[:1], words, language, caseless)
    return (
        queryset.alias(**texts)
        .filter(_substring(names, words, language, caseless) | extra)
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
    texts: list  # [(text, language, is rich text)], the excerpt's candidates


def _shown(values, chain):
    """(text, language) as the page shows it: the first non-empty in the fallback chain."""
    for value, code in zip(values, chain, strict=True):
        if value:
            return value, code
    return "", chain[0]


# Stand-ins for what a visitor typed while a search's SQL is compiled (see Search):
# letters only, so that LIKE escaping leaves them as they are.
QUERY_STAND_IN = "qqsearchqq"


def _word_stand_in(i):
    return f"qqword{chr(97 + i)}qq"


def _language_stand_in(i):
    return f"qqlanguage{chr(97 + i)}qq"


class _Compiled:
    """A search's two statements for one shape (database, language, number of words,
    kind), with stand-ins where the visitor's words go. Django's ORM takes longer to
    build and compile these UNIONs of seven kinds than the database takes to answer
    them, so each shape is compiled once per process and reused."""

    def __init__(self, language, caseless, kind):
        words = [_word_stand_in(i) for i in range(len(caseless))]
        languages = [_language_stand_in(i) for i in range(len(LANGUAGE_CODES))]
        querysets = {
            s.kind: matching(s, QUERY_STAND_IN, words, language, languages, caseless) for s in SOURCES
        }
        parts, self.counts_params = [], []
        for name, queryset in querysets.items():
            sql, params = queryset.order_by().values("pk").query.sql_with_params()
            # Django's own SQL of a queryset; no visitor's text is in it (see Search).
            parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS {name}_hits)")  # noqa: S608
            self.counts_params += params
        self.counts_sql = "SELECT " + ", ".join(parts)
        self.kinds = list(querysets)
        selects = []
        for name in [kind] if kind else self.kinds:
            # Named after annotating: modeltranslation's values() would add every field
            # when given expressions only.
            columns = _columns(BY_KIND[name], language)
            selects.append(querysets[name].order_by().annotate(**columns).values(*columns))
        rows = selects[0].union(*selects[1:], all=True) if len(selects) > 1 else selects[0]
        rows = rows.order_by("-hit_rank", "hit_order", "hit_pk")
        self.hits_sql, self.hits_params = rows.query.sql_with_params()


_compiled = {}


def compiled(language, words, kind):
    """The statements for a search's shape: its words' number and case, its kind."""
    caseless = tuple(word.lower() == word.upper() for word in words)
    key = (connection.vendor, language, caseless, kind)
    if key not in _compiled:
        if len(_compiled) > 500:
            _compiled.clear()
        _compiled[key] = _Compiled(language, caseless, kind)
    return _compiled[key]


class Search:
    """A visitor's search in one language: counts per kind, and pages of hits.

    The statements come compiled with stand-ins (_Compiled); the visitor's query, words
    (escaped for LIKE) and the languages they name take the stand-ins' places among the
    parameters, so nothing a visitor typed is ever part of the SQL text.
    """

    def __init__(self, query, language):
        self.query = query
        self.language = language
        self.words = terms(query)
        named = sorted(_named_languages(self.words)) if self.words else []
        escape = connection.ops.prep_for_like_query
        self.replacements = [(_word_stand_in(i), escape(word)) for i, word in enumerate(self.words)]
        self.languages = {
            _language_stand_in(i): (named[i] if i < len(named) else "") for i in range(len(LANGUAGE_CODES))
        }

    def _params(self, params):
        values = []
        for param in params:
            if param == QUERY_STAND_IN:
                param = self.query
            elif param in self.languages:
                param = self.languages[param]
            elif isinstance(param, str) and "qqword" in param:
                for stand_in, word in self.replacements:
                    param = param.replace(stand_in, word)
            values.append(param)
        return values

    def counts(self):
        """{kind: number of matches}, in one query."""
        if not self.words:
            return {source.kind: 0 for source in SOURCES}
        statements = compiled(self.language, self.words, "")
        with connection.cursor() as cursor:
            cursor.execute(statements.counts_sql, self._params(statements.counts_params))
            row = cursor.fetchone()
        return dict(zip(statements.kinds, row, strict=True))

    def hits(self, kind, start, stop):
        """The hits from `start` to `stop` in rank order, of one kind or (None) of all."""
        if not self.words:
            return []
        statements = compiled(self.language, self.words, kind or "")
        sql = f"{statements.hits_sql} LIMIT {int(stop) - int(start)} OFFSET {int(start)}"
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params(statements.hits_params))
            names = [column[0] for column in cursor.description]
            rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
        chain = fallback_chain(self.language)
        hits = []
        for row in rows:
            source = BY_KIND[row["hit_kind"]]
            title, title_language = _shown([row[f"hit_title_{i}"] for i in range(3)], chain)
            texts = []
            for slot, field in enumerate(source.excerpt_fields, start=1):
                text, text_language = _shown([row[f"hit_text{slot}_{i}"] for i in range(3)], chain)
                if text:
                    texts.append((text, text_language, field in RICH_TEXT_FIELDS))
            hits.append(
                Hit(
                    kind=source.kind,
                    label=source.label,
                    url=source.url(row["hit_slug"]),
                    title=title,
                    title_language=title_language,
                    texts=texts,
                )
            )
        return hits
