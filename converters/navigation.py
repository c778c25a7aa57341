"""The sites' own text around a record (menus, share links, legal footers), told apart from the record."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .pagelines import Line
from .textnorm import fold

# Menu entries of the IOM sites (French, English, Spanish), folded. Pages copied from a browser
# bring the menu along, before the record and often again after it.
MENU = {
    "qui sommes nous", "qui sommes-nous", "who we are", "quienes somos", "structure", "structure organisationnelle",
    "organizational structure", "notre travail", "our work", "nuestro trabajo", "ce que nous faisons", "what we do",
    "que hacemos", "partenariats", "partnerships", "alianzas", "ou travaillons-nous", "where we work",
    "donde trabajamos", "agir", "take action", "actuar", "travailler avec nous", "work with us", "trabaje con nosotros",
    "engagez-vous", "get involved", "involucrese", "donnees et recherche", "data and research", "datos e investigacion",
    "2030 agenda", "agenda 2030", "programme 2030", "temps forts", "highlights", "accueil", "home", "inicio",
    "navigation", "menu", "rechercher", "search", "buscar", "actualites", "news", "noticias", "projets", "projects",
    "proyectos", "salle de presse", "media centre", "media center", "centre des medias", "publications",
}
# Footer and page-tool links: sharing, printing, legal pages, newsletters, the sites' own buttons.
FOOTER = {
    "partager", "partager cette page", "partager sur", "partager le projet sur", "share", "share this",
    "share this page", "compartir", "imprimer", "print", "imprimir", "telecharger", "download", "descargar",
    "facebook", "twitter", "x", "linkedin", "instagram", "youtube", "flickr", "tiktok", "whatsapp", "email",
    "e-mail", "courriel", "rss", "retour en haut", "haut de page", "back to top", "volver arriba",
    "contact", "contacts", "contactez-nous", "nous contacter", "contact us", "contactenos", "carrieres",
    "careers", "empleos", "emplois", "achats", "procurement", "adquisiciones", "alerte a la fraude",
    "fraud alert", "alerta de fraude", "conditions d'utilisation", "terms of use", "terms and conditions",
    "terminos de uso", "mentions legales", "legal notice", "aviso legal", "politique de confidentialite",
    "privacy policy", "politica de privacidad", "confidentialite", "privacy", "plan du site", "sitemap",
    "mapa del sitio", "accessibilite", "accessibility", "cookies", "parametres des cookies", "cookie settings",
    "abonnez-vous", "s'abonner", "subscribe", "suscribase", "newsletter", "lettre d'information",
    "suivez-nous", "follow us", "siganos", "liens utiles", "useful links", "faq", "voir aussi", "see also",
    "projets similaires", "related projects", "autres projets", "other projects", "lire la suite", "read more",
    "exprimer mon avis", "retour vers les projets", "back to projects", "supporte par", "supported by",
    "avec le soutien de", "with the support of", "plus de details", "more details",
}
_FOOTER_PREFIX = re.compile("|".join(re.escape(entry) + " " for entry in sorted(FOOTER, key=len, reverse=True)
                                     if len(entry) >= 5))
_SOCIAL = {"facebook", "twitter", "x", "linkedin", "instagram", "youtube", "flickr", "tiktok", "whatsapp",
           "email", "e-mail", "rss"}
_RIGHTS_RESERVED = ("tous droits reserves", "all rights reserved", "todos los derechos reservados")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|" + "|".join(_RIGHTS_RESERVED))
# Every match of _COPYRIGHT holds one of these: `in` finds them on a long line far faster than the regex.
_COPYRIGHT_MARKS = ("©", "(c)", "copyright", *_RIGHTS_RESERVED)
# Two or more of those words and nothing else but spaces and the marks between links: "Facebook | Twitter".
_SOCIAL_LINKS = re.compile(r"[\s|·•/]*(?:{0})(?:[\s|·•/]+(?:{0}))+[\s|·•/]*".format(
    "|".join(re.escape(word) for word in sorted(_SOCIAL))))
_SENTENCE_END = re.compile(r"[.!?;:…»\"”)]$")
_NUMBERED = re.compile(r"^\d{1,2}\s*[.)]\s")


# A breadcrumb trail, folded: "Vous êtes ici : …", or the home page's menu entry and the pages under it, parted by
# ">", "›" or "»" ("Accueil › Projets › Niger"), or by "/" twice ("Accueil / Projets / Liban": "Accueil / orientation"
# may be a title's).
_HERE = re.compile(r"(?:vous etes ici|you are here|usted esta aqui)\s*:")
_HOME = r"(?:accueil|page d'accueil|home|inicio)"
_TRAIL = re.compile(rf"{_HOME}\s*[>›»]|{_HOME} / [^/]+ / ")


def is_site_text(line: Line) -> bool:
    """True for a line the site itself writes on every page: a menu entry, a footer link, a copyright, a
    breadcrumb trail."""
    key = _site_key(line).strip(" |:>»›")
    if not key:
        return False
    if key in MENU or key in FOOTER or _copyright(key) or _SOCIAL_LINKS.fullmatch(key) or _breadcrumb(key):
        return True
    return _glued_menu_entry(line.text)


def _breadcrumb(key: str) -> bool:
    """True for the folded text of a breadcrumb trail: "accueil > projets > liban", "vous etes ici : accueil"."""
    return key[:1] in "ahivuyp" and bool(_HERE.match(key) or _TRAIL.match(key))


def _copyright(key: str) -> bool:
    return any(mark in key for mark in _COPYRIGHT_MARKS) and bool(_COPYRIGHT.search(key))


def _glued_menu_entry(text: str) -> bool:
    """A menu entry glued to its blurb, as copying a mega-menu gives: "Qui sommes nousL'Organisation…"."""
    lengths = _menu_lengths()
    if text[lengths[-1]:lengths[0] + 1].islower():
        return False  # no capital letter where a blurb could start (most lines), found in one step
    for length in lengths:
        head = text[:length]
        if len(text) > length and text[length].isupper() and head[-1:].islower() and fold(head) in MENU:
            return True
    return False


@cache
def _menu_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(entry) for entry in MENU if " " in entry}, reverse=True))


def _footer_link(line: Line) -> bool:
    """A link line that starts like the footer's: "Abonnez-vous à la newsletter", "Partager sur Facebook".

    Weaker evidence than is_site_text (a record's own line may start so), so it counts only before one.
    """
    return _link_like(line) and bool(_FOOTER_PREFIX.match(_site_key(line)))


def _site_key(line: Line) -> str:
    """The label key of a line, even when it is too long to be a label: a copyright line can be."""
    key = line.label
    return fold(line.text).rstrip(" :") if key is None else key


def _link_like(line: Line) -> bool:
    """A short line without sentence punctuation or a label's colon: what a link or a menu entry looks like."""
    text = line.text.strip(" |")
    return len(text) <= 60 and len(text.split()) <= 8 and ":" not in text \
        and not _SENTENCE_END.search(text) and not _NUMBERED.match(text)


def without_footer(lines: list[Line], is_record: Callable[[Line], bool] = lambda line: False) -> list[Line]:
    """The lines without the site's footer: the trailing run of link-like lines, from its first site line on.

    `is_record` tells the page family's own structure (a field label, a heading): the footer never
    reaches back past it. Short lines before the first line the site is known to write stay, so a
    record that ends with a short line of its own keeps it; a line that only starts like a footer
    link ("Partager sur …") goes only when a line the site is known to write follows it.
    """
    cut = None
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.blank:
            continue
        if is_record(line):
            break
        if is_site_text(line) or (cut is not None and _footer_link(line)):
            cut = index
        elif not _link_like(line):
            break
    return lines if cut is None else lines[:cut]
