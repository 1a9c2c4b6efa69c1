"""The course's shape: which chapter studies which section of the essay."""

ESSAY_URL = ("https://www.globalresearch.ca/trumps-tariffs-might-jumpstart-japans-eurasian-pivot"
             "-russia-japan-rapprochement/5653341")

#: Essay section heading -> chapter stem (in chapters/). The untitled lead is the thesis.
SECTION_CHAPTERS = {
    None: "02-thesis",
    "The Russian-Japanese Rapprochement": "03-rapprochement",
    "Shadow Diplomacy": "04-shadow-diplomacy",
    "Tariff Trouble": "05-tariff-trouble",
    'The Double-Edged Sword Of "Zero-Sum" Strategies': "06-zero-sum",
    "Concluding Thoughts": "07-concluding-thoughts",
}
ESSAY_CHAPTERS = list(SECTION_CHAPTERS.values())

#: The headings every essay chapter has, in this order.
ANATOMY = ["Learning objectives", "The section in brief", "Context", "Data and widget",
           "Other perspectives", "Discussion", "Check yourself"]


def h2_sections(text: str) -> dict[str, str]:
    """A MyST page's H2 title -> body, ignoring headings inside code fences."""
    sections: dict[str, str] = {}
    current, fence = None, False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        if not fence and line.startswith("## "):
            current = line[3:].strip()
            sections[current] = ""
        elif current is not None:
            sections[current] += line + "\n"
    return sections
