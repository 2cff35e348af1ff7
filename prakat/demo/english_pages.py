"""The demo agency's English pages: what a foreign patient looks for first."""

from __future__ import annotations

from wagtail.rich_text import RichText

from prakat.agency.models import Agency
from prakat.content.english import EnglishHomePage
from prakat.content.models import GeneralPage


def _pages(agency: Agency) -> list[tuple[str, str, str, list]]:
    name = agency.name_en
    hospital = "hospital" in name.lower()
    hours = (
        "<p>Outpatient department: Monday to Friday, 08:00–16:00 (registration until 15:00).</p>"
        "<p>Emergency room: open 24 hours. In an emergency anywhere in Thailand, call 1669.</p>"
        if hospital
        else "<p>Office hours: Monday to Friday, 08:30–16:30, except public holidays.</p>"
    )
    contact = "".join(
        f"<p>{label}: {value}</p>"
        for label, value in (
            ("Telephone", agency.phone),
            ("Fax", agency.fax),
            ("E-mail", agency.email),
        )
        if value
    )
    return [
        (
            "About us",
            "about",
            f"{name} is a public agency of the Ministry of Public Health of Thailand.",
            [
                (
                    "text",
                    RichText(
                        f"<p>{name} serves the people of its province with health care, "
                        "disease prevention and health promotion. Its full website, with the "
                        "information Thai law asks public agencies to publish, is in Thai.</p>"
                    ),
                )
            ],
        ),
        (
            "Services and opening hours",
            "services",
            "When to come and where to go.",
            [("text", RichText(hours))],
        ),
        (
            "Contact us",
            "contact",
            "How to reach us.",
            [
                ("heading", "Address"),
                ("text", RichText(f'<p lang="th">{agency.address}</p>')),
                ("heading", "Telephone and e-mail"),
                ("text", RichText(contact or "<p>Please ask at the information desk.</p>")),
            ],
        ),
        (
            "How to make a complaint",
            "complaints",
            "Tell us what went wrong, or ask a question.",
            [
                (
                    "text",
                    RichText(
                        "<p>You may complain or ask a question on our online form (in Thai), "
                        "by telephone, or in person at the information desk. Every complaint "
                        "is recorded, and we tell you what was done about it.</p>"
                        '<p><a href="/e-services/">Complaints and questions (Thai form)</a></p>'
                    ),
                )
            ],
        ),
    ]


def english_pages(agency: Agency, publisher) -> None:
    """Publish the English home with four pages in its menu, once."""
    english = EnglishHomePage.objects.filter(
        translation_key=agency.site.root_page.translation_key
    ).first()
    if english is None or english.get_children().exists():
        return
    english.title = agency.name_en or english.title
    english.draft_title = english.title
    english.intro = "Information in English for patients and visitors from abroad."
    english.body = [
        (
            "text",
            RichText(
                "<p>Welcome. These pages give the essentials in English: who we are, our "
                "services and opening hours, how to contact us and how to make a complaint.</p>"
            ),
        )
    ]
    english.save_revision(user=publisher).publish(user=publisher)
    for title, slug, intro, body in _pages(agency):
        page = GeneralPage(title=title, slug=slug, intro=intro, body=body, show_in_menus=True)
        english.add_child(instance=page)
        page.save_revision(user=publisher).publish(user=publisher)
