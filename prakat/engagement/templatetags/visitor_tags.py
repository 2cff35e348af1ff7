from django import template

from prakat.engagement.statistics import totals

register = template.Library()


@register.inclusion_tag("engagement/counter.html")
def visitor_counter() -> dict:
    return {"totals": totals()}
