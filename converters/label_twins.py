"""Field labels and headings in Spanish or Portuguese on a French page ("Fecha de finalización", "PAÍSES
BENEFICIARIOS", "Sobre o projeto"): the French one each stands for, so that the page is refused naming it rather than
published without that field, or with a section read as another's."""

from __future__ import annotations

import re

from .errors import PageError
from .textnorm import excerpt, fold

# Spanish and Portuguese labels, folded, -> the French label the IDF and innovation families read
TWINS = {
    **dict.fromkeys(("fecha de inicio", "fecha de comienzo", "data de inicio"), "Date de début"),
    **dict.fromkeys(("fecha de finalizacion", "fecha de fin", "fecha de termino", "fecha de cierre", "data de termino",
                     "data de fim", "data de conclusao", "data de encerramento"), "Date de fin"),
    **dict.fromkeys(("estado del proyecto", "estado do projeto", "situacion del proyecto", "situacao do projeto"),
                    "Statut du projet"),
    **dict.fromkeys(("presupuesto", "presupuesto total", "monto", "monto total", "monto del financiamiento",
                     "orcamento", "orcamento total", "montante", "montante do financiamento", "valor do financiamento"),
                    "Budget (USD)"),
    **dict.fromkeys(("paises beneficiarios", "pais beneficiario", "estados miembros beneficiarios",
                     "estados membros beneficiarios"), "Pays bénéficiaires"),
    **dict.fromkeys(("duracion", "duracion del proyecto", "duracao", "duracao do projeto"), "Durée"),
    **dict.fromkeys(("mision", "missao"), "MISSION"),
    **dict.fromkeys(("codigo", "codigo del proyecto", "codigo do projeto"), "Code du projet"),
    **dict.fromkeys(("tipo de proyecto", "tipo de projeto"), "Type de projet"),
    **dict.fromkeys(("cobertura", "cobertura geografica"), "Couverture"),
}
# The innovation page's section headings in Spanish and Portuguese, folded, without a closing "?"
HEADING_TWINS = {
    **dict.fromkeys(("sobre el proyecto", "acerca del proyecto", "sobre o projeto", "acerca do projeto"),
                    "À propos du projet"),
    **dict.fromkeys(("por que este proyecto es innovador", "por que es innovador este proyecto",
                     "en que es innovador este proyecto", "por que este projeto e inovador",
                     "por que o projeto e inovador"), "En quoi ce projet est-il innovant ?"),
    **dict.fromkeys(("elementos de innovacion", "elementos de inovacao"), "Éléments d’innovation"),
    **dict.fromkeys(("informacion sobre el proyecto", "informacion del proyecto", "informacoes sobre o projeto",
                     "informacoes do projeto"), "INFORMATIONS SUR LE PROJET"),
}
_QUALIFIER = re.compile(r"\s*(?:\([^()]*\)|[-\u2013].*)$")  # "Presupuesto (USD)", "PAÍSES BENEFICIARIOS – …"


def twin(label: str) -> str | None:
    """The French label a Spanish or Portuguese field label stands for; None for any other label."""
    return TWINS.get(_QUALIFIER.sub("", fold(label).strip(" :|")))


def foreign_label(label: str, converter: str, line: int | None) -> PageError | None:
    """The error for a field label in Spanish or Portuguese on a page the `converter` reads; None for another label."""
    french = twin(label)
    if french is None:
        return None
    return PageError(f'field "{excerpt(label, 60)}" is in Spanish or Portuguese, and the {converter} converter reads '
                     "French and English labels: the page would be published without that field",
                     f'write it as "{french}"', line=line)


def foreign_heading(text: str, converter: str, line: int | None) -> PageError | None:
    """The error for a section heading in Spanish or Portuguese on a page the `converter` reads (its text would be
    read as the section before it: "Sobre o projeto" under the innovation elements); None for another line."""
    french = HEADING_TWINS.get(fold(text).strip(" ?¿|:"))
    if french is None:
        return None
    return PageError(f'heading "{excerpt(text, 60)}" is in Spanish or Portuguese, and the {converter} converter reads '
                     "French and English headings: its section would be read as another's",
                     f'write it as "{french}"', line=line)
