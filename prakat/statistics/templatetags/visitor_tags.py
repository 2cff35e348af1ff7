from django import template
from wagtail.models import Site

from prakat.content.outline import outline_for
from prakat.statistics.figures import totals

register = template.Library()

VISITOR_STATISTICS_KEY = "visitor-statistics"


@register.inclusion_tag("statistics/counter.html", takes_context=True)
def visitor_counter(context) -> dict:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    url = outline_for(site).url_of(VISITOR_STATISTICS_KEY)
    return {"totals": totals(), "statistics_url": url}
