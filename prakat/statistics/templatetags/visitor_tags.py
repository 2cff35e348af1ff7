from django import template

from prakat.content.models import CategoryPage
from prakat.statistics.figures import totals

register = template.Library()

VISITOR_STATISTICS_KEY = "visitor-statistics"


@register.inclusion_tag("statistics/counter.html", takes_context=True)
def visitor_counter(context) -> dict:
    page = CategoryPage.objects.live().filter(checklist_key=VISITOR_STATISTICS_KEY).first()
    request = context.get("request")
    return {"totals": totals(), "statistics_url": page.get_url(request) if page else ""}
