"""The vanilla Wagtail site's page types, written over ``home/models.py`` of a project made by
``wagtail start``: its home page unchanged, a page of text, and an index listing its children
twenty to a page (as Prakat's categories do), the way Wagtail's tutorial builds a blog."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

PER_PAGE = 20


class HomePage(Page):
    pass


class ArticlePage(Page):
    date = models.DateField("date", null=True, blank=True)
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("date"), FieldPanel("body")]


class IndexPage(Page):
    intro = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = ArticlePage.objects.child_of(self).live().order_by("-first_published_at")
        paginator = Paginator(children, PER_PAGE)
        try:
            context["children"] = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            context["children"] = paginator.page(1)
        return context
