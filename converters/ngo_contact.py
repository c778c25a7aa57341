"""Contact lines of NGO pages: an address, telephone, fax and e-mail address told apart in any order."""

from __future__ import annotations

import re

from .records import Contact
from .textnorm import excerpt, fold

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\b(?P<label>t[ée]l(?:[ée]phone)?\.?(?:\s*/\s*fax)?|fax)\s*:?\s*"
                    r"(?P<number>(?:\(\+?\d{1,4}\)\s*|\+)?\d[\d\s().-]{5,}\d)",
                    re.IGNORECASE)
_WEBSITE_IN = re.compile(r"(?:https?://|www\.)[^\s,;]+[^\s,;.)\]]", re.IGNORECASE)
# A social-media account, labelled ("Facebook : BeityTunisie", "Twitter/X : @beity", its name up to the next part,
# of a hundred characters at most),
# by its address ("facebook.com/beity", "https://www.instagram.com/beity") or a handle alone ("@beity")
_SOCIAL_SITES = r"(?:facebook|fb|instagram|linkedin|twitter|x|youtube|tiktok)"
_SOCIAL = re.compile(r"\b(?:facebook|fb|instagram|insta|linkedin|youtube|tiktok|twitter(?:\s*/\s*x)?"
                     r"|x(?:\s*/\s*twitter)?)\s*:\s*[^\s;|/\u2013\u2014](?:[^;|\u2013\u2014]{0,100}?[^\s;|\u2013\u2014.,])?"
                     r"(?=\s+/\s+|\s+[-\u2013\u2014]\s+|\s*[;|]|[.,]?\s*$|,\s)"
                     rf"|(?:https?://)?(?:www\.)?{_SOCIAL_SITES}\.com/[^\s,;]*[^\s,;.)\]]"
                     r"|(?<![\w.@])@[A-Za-z_][\w.]*[\w]", re.IGNORECASE)
# What parts a contact line's address, its unlabelled telephone and a person (e-mail addresses, websites and
# labelled numbers taken out and left as "\0")
_CONTACT_PARTS = re.compile(r"\0|\s+[-\u2013\u2014]\s+|\s*[;|]\s*|\s+/\s+")
_AROUND = " .,:;-\u2013\u2014"  # what a part of a contact line is stripped of
_BARE_PHONE = re.compile(r"(?:\(\+\d{1,4}\)|\+)?[\d\s().-]+")  # "+216 71 …", "(+216) 73 …"
# A part of a contact line that is only the label of a part taken out, folded: "Email :", "(site :"
_PART_LABEL = re.compile(r"[(\[]?\s*(?:e-?mail|courriel|mail|site(?: web| internet)?|web|website|internet|tel|"
                         r"telephone|fax|adresse|address)?\s*:?\s*[)\]]?")
_PHONE_DIGITS = 8  # figures at least in a telephone number without a label ("1000 Tunis" is a postcode)
_ADDRESS_LABEL = re.compile(r"^(?:adresse|address)\s*:\s*", re.IGNORECASE)
# A person, folded: a title before a name ("Mme Leila Ben Ali") or a position after one ("…, coordinatrice")
_PERSON = re.compile(r"^(?:(?:m|mme|mlle|mr|mrs|ms|dr|pr)\.?|madame|monsieur|docteur)\s"
                     r"|,\s*(?:coordinat(?:eur|rice|or)|directeur|directrice|director|responsable|chargee?|presidente?"
                     r"|chef|manager|officer)\b")


def contact(value: str) -> tuple[Contact, list[str]]:
    """The contact point a "Contact :" line gives, and what it gives that a contact point does not hold (a second
    e-mail address, a website, a social-media account, a person). Its parts are told apart by what they are, in any
    order, the telephone labelled or not: "12 rue de Marseille, 1000 Tunis – +216 71 123 456 – info@atfd.tn –
    www.atfd.tn"."""
    rest = value
    taken: list[list[re.Match]] = []
    for found in (_EMAIL, _SOCIAL, _WEBSITE_IN, _PHONE):  # each in its place, the same length: parts are read from
        taken.append(list(found.finditer(rest)))  # `value`; an e-mail address is no handle, an account no website
        rest = found.sub(lambda match: "\0" * len(match.group()), rest)
    emails, socials, websites = ([match.group() for match in matches] for matches in taken[:3])
    phones = taken[3]
    numbers: dict[str, list[str]] = {"tel": [], "fax": []}
    for phone in phones:
        label = fold(phone["label"])
        for kind in ("tel", "fax"):
            if kind in label:
                numbers[kind].append(phone["number"].strip(" ."))
    address: list[tuple[int, int]] = []  # the spans of its parts; those only a dash or ";" apart are one
    left: list[str] = []
    start, apart = 0, False  # where the part starts; whether more than a separator parts it from the address
    for separator in [*_CONTACT_PARTS.finditer(rest), None]:
        end = separator.start() if separator else len(rest)
        part = value[start:end].strip(_AROUND)
        if _BARE_PHONE.fullmatch(part) and sum(c.isdigit() for c in part) >= _PHONE_DIGITS:
            numbers["tel"].append(part)  # "– +216 71 123 456 –": a telephone without its label
            apart = True
        elif part and _PART_LABEL.fullmatch(fold(part)):
            apart = True  # "Email :" once its address is taken out, "(site :" and ")" around a website
        elif _PERSON.search(fold(part)):
            left.append(f'the person "{excerpt(part, 40)}"')
            apart = True
        elif part:
            address[-1:] = [(address[-1][0], end)] if address and not apart else [*address[-1:], (start, end)]
            apart = False
        apart = apart or separator is not None and "\0" in separator.group()
        start = separator.end() if separator else end
    left += [f'e-mail address "{email}"' for email in emails[1:]] + [f'website "{site}"' for site in websites]
    left += [f'social-media account "{account}"' for account in socials]
    left += [f'{kind} number "{number}"' for kind, found in (("telephone", numbers["tel"]), ("fax", numbers["fax"]))
             for number in found[1:]]
    written = " \u2013 ".join(_ADDRESS_LABEL.sub("", value[first:last].strip(_AROUND)) for first, last in address)
    contact = Contact(address=written or None, telephone=next(iter(numbers["tel"]), None),
                      fax=next(iter(numbers["fax"]), None), email=next(iter(emails), None))
    return contact, left
