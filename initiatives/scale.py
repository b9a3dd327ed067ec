"""Generated initiatives for benchmarks (see core.scale)."""

from categories.models import Category
from core.scale import PREFIX
from initiatives.models import Initiative, InitiativeDocument


def generate_initiatives(writer, count):
    categories = list(Category.objects.live().order_by("number"))
    if not categories:
        raise ValueError(
            "Load the legacy content first (manage.py load_legacy_content): initiatives need categories."
        )
    first = max(
        1001, (Initiative.objects.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    )
    initiatives = writer.create(
        Initiative,
        [
            Initiative(
                number=number,
                slug=f"{PREFIX}initiative-{number}",
                category=categories[number % len(categories)],
                **writer.texts("title", "initiative", number),
                **writer.texts("summary", "summary of initiative", number),
                body_en=f"<p>Scale test initiative {number}: a generated body of one paragraph.</p>",
                **writer.published(number - first),
            )
            for number in range(first, first + count)
        ],
    )
    name, facts = writer.pdf()
    writer.create(
        InitiativeDocument,
        [
            InitiativeDocument(initiative=initiative, language="en", file=name, **facts)
            for initiative in initiatives
        ],
    )


GENERATORS = {"initiatives": (10_000, generate_initiatives)}


def remove():
    Initiative.objects.filter(slug__startswith=PREFIX).delete()
