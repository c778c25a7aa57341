"""The error lines of files `validate` cannot read (and its notes), in French: each fixed phrase that
publisher.safeparse and publisher.sandbox write is translated; what a parser says in its own words (pyoxigraph,
expat, json) stays as is."""

from __future__ import annotations

import re

ERROR = {"en": "error: ", "fr": "erreur : "}
NOTE = {"en": "note: ", "fr": "remarque : "}

# (English phrase as a pattern, its French); tried in order on the message and on its hint, each at most once.
_FRENCH = [
    (r'unknown extension (?P<x>".*?")', r"extension \g<x> inconnue"),
    (r"name the file with one of (?P<x>.*), or give --input-format",
     r"nommez le fichier avec l'une de ces extensions : \g<x>, ou donnez --input-format"),
    (r"standard input has no name to go by", "l'entrée standard n'a pas de nom qui dise son format"),
    (r"give --input-format ttl \(or jsonld, nt, nq, xml\)", "donnez --input-format ttl (ou jsonld, nt, nq, xml)"),
    (r"cannot be read \((?P<x>.*)\)", r"ne peut être lu (\g<x>)"),
    (r"more than (?P<n>\d+) bytes", r"plus de \g<n> octets"),
    (r"more than (?P<n>\d+) triples", r"plus de \g<n> triplets"),
    (r"split the contribution into smaller files, or raise (?P<x>--[\w-]+)",
     r"découpez la contribution en fichiers plus petits, ou augmentez \g<x>"),
    (r"split the contribution into smaller files", "découpez la contribution en fichiers plus petits"),
    (r"the file is empty", "le fichier est vide"),
    (r"the file holds no triples", "le fichier ne contient aucun triplet"),
    (r"write the RDF description of at least one project", "écrivez la description RDF d'au moins un projet"),
    (r"binary data \(byte (?P<x>0x\w\w)\), not RDF text",
     r"données binaires (octet \g<x>), pas du texte RDF"),
    (r"send the RDF as Turtle, JSON-LD, N-Triples, N-Quads or RDF/XML text in UTF-8",
     "envoyez le RDF en Turtle, JSON-LD, N-Triples, N-Quads ou RDF/XML, en texte UTF-8"),
    (r"byte (?P<x>0x\w\w) is not UTF-8", r"l'octet \g<x> n'est pas de l'UTF-8"),
    (r"save the file as UTF-8", "enregistrez le fichier en UTF-8"),
    (r"this is (?P<x>JSON|XML), not (?P<y>[\w/-]+)", r"c'est du \g<x>, pas du \g<y>"),
    (r"name a JSON-LD file \.jsonld, or give --input-format jsonld",
     "nommez un fichier JSON-LD .jsonld, ou donnez --input-format jsonld"),
    (r"name an RDF/XML file \.rdf, or give --input-format xml",
     "nommez un fichier RDF/XML .rdf, ou donnez --input-format xml"),
    (r"RDF/XML with a (?P<x><!\w+>) declaration is refused \(entities can expand without bound\)",
     r"le RDF/XML avec une déclaration \g<x> est refusé (les entités peuvent grossir sans limite)"),
    (r"remove the DOCTYPE and write the values out in full", "retirez le DOCTYPE et écrivez les valeurs en entier"),
    (r"XML nested more than (?P<n>\d+) levels deep", r"XML imbriqué sur plus de \g<n> niveaux"),
    (r"JSON nested too deeply \(more than (?P<n>\d+) levels\)", r"JSON trop imbriqué (plus de \g<n> niveaux)"),
    (r"flatten the document: describe each resource at the top level and refer to it by its IRI",
     "aplatissez le document : décrivez chaque ressource au premier niveau et désignez-la par son IRI"),
    (r"flatten the document: describe each resource in @graph and refer to it by its @id",
     "aplatissez le document : décrivez chaque ressource dans @graph et désignez-la par son @id"),
    (r"not well-formed XML: ", "XML mal formé : "),
    (r"not JSON: ", "ce n'est pas du JSON : "),
    (r"not valid (?P<x>[\w/-]+): ", r"\g<x> non valide : "),
    (r"fix the (?P<x>XML|JSON|file) at that place",
     lambda m: {"XML": "corrigez le XML", "JSON": "corrigez le JSON", "file": "corrigez le fichier"}[m["x"]]
     + " à cet endroit"),
    (r"(?P<x>N-Triples|N-Quads) has no relative IRIs", r"le \g<x> n'a pas d'IRI relatives"),
    (r"write the full IRI(?P<x>.*?), or send Turtle \(\.ttl\), where (?P<y>.*) works",
     r"écrivez l'IRI complète\g<x>, ou envoyez du Turtle (.ttl), où \g<y> convient"),
    (r"not a JSON-LD document \(a JSON (?P<x>\w+)\)", r"ce n'est pas un document JSON-LD (un \g<x> JSON)"),
    (r"write a JSON object with @context and @graph", "écrivez un objet JSON avec @context et @graph"),
    (r"refers to the published context (?P<n>[\d,]+) times: read in, that makes (?P<b>[\d,]+) bytes, more than "
     r"(?P<m>\d+)", r"renvoie \g<n> fois au contexte publié : une fois lu, cela fait \g<b> octets, plus de \g<m>"),
    (r"give the context once, in the top-level @context", "donnez le contexte une fois, dans le @context de tête"),
    (r"(?P<x>\".*\") is not an IRI \((?P<y>\".*\") cannot be in one\)",
     r"\g<x> n'est pas une IRI (\g<y> ne peut pas y figurer)"),
    (r"percent-encode the character \(a space is %20\), or name the resource otherwise",
     "encodez le caractère en pourcentage (une espace s'écrit %20), ou nommez la ressource autrement"),
    (r"the JSON-LD context (?P<x>\".*\") is not fetched \(no remote or local contexts\)",
     r"le contexte JSON-LD \g<x> n'est pas récupéré (aucun contexte distant ou local)"),
    (r"a JSON-LD @context must be an IRI, an object or a list", "un @context JSON-LD doit être une IRI, un objet "
     "ou une liste"),
    (r'use "@context": (?P<x>"[^"]*") or put the context inline',
     r'utilisez "@context": \g<x> ou mettez le contexte en ligne'),
    (r'^use "@context": (?P<x>"[^"]*")$', r'utilisez "@context": \g<x>'),
    (r"no @context: (?P<x>\".*\") and every other property would be dropped",
     r"pas de @context : \g<x> et toutes les autres propriétés seraient perdues"),
    (r'add "@context": (?P<x>"[^"]*")', r'ajoutez "@context": \g<x>'),
    (r"(?P<x>\".*\") is not a term of the @context, so its values would be dropped",
     r"\g<x> n'est pas un terme du @context : ses valeurs seraient perdues"),
    (r"use a term the context defines \(see the published context\), or a full IRI as the key",
     "utilisez un terme que le contexte définit (voir le contexte publié), ou une IRI complète comme clé"),
    (r"(?P<x>parsing|validation) took longer than (?P<n>[\d.]+) s",
     lambda m: f"{'la lecture' if m['x'] == 'parsing' else 'la validation'} a pris plus de {m['n']} s"),
    (r"parsing needed more than (?P<n>\d+) MB of memory", r"la lecture a demandé plus de \g<n> Mo de mémoire"),
    (r"the parser stopped \((?P<x>.*)\)", r"la lecture s'est arrêtée (\g<x>)"),
    (r"please report it with the file", "signalez-le avec le fichier"),
    (r"triple terms \(RDF-star\) are not supported: ", "les triplets en position de terme (RDF-star) ne sont pas "
     "pris en charge : "),
    (r"state the triple itself, or describe the statement with an IRI",
     "énoncez le triplet lui-même, ou décrivez l'énoncé avec une IRI"),
    (r"the graph name (?P<x>.*) is not kept \(nor any other\): the statements are read into the dataset's one graph",
     r"le nom de graphe \g<x> n'est pas gardé (ni aucun autre) : les énoncés sont lus dans le graphe unique du jeu "
     "de données"),
    (r"refused: reading the file tried to ", "refusé : la lecture du fichier a tenté de "),
    (r"a contribution must be self-contained: inline what it refers to, or point at the published IRIs",
     "une contribution doit se suffire à elle-même : incluez ce à quoi elle renvoie, ou pointez vers les IRI "
     "publiées"),
]
_COMPILED = [(re.compile(pattern), french) for pattern, french in _FRENCH]


def translate(message: str, language: str) -> str:
    """`message` (what a file's error line says after its place: "what; how to fix") in `language`; the fixed
    phrases are translated to French, anything else is kept as written."""
    if language != "fr":
        return message
    parts = message.split("; ")
    for number, part in enumerate(parts):
        for pattern, french in _COMPILED:
            part = pattern.sub(french, part, count=1)
        parts[number] = part
    return "; ".join(parts)
