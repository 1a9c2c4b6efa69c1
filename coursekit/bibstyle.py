"""A BibTeX style that keeps titles as written.

pybtex's ``plain`` style sentence-cases article titles, which turns "Japan" into "japan"
unless every proper noun is braced in the .bib file. Our sources are mostly news and
official pages whose titles are already in the case they were published in.
"""

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, sentence

STYLE_NAME = "course"


class CourseStyle(PlainStyle):
    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title


def register() -> None:
    register_plugin("pybtex.style.formatting", STYLE_NAME, CourseStyle)
